package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.GammaGammaStats;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Gamma-Gamma spend model fitted in Spark from the merged {@link GammaGammaStats}.
 *
 * <pre>{@code
 * SparkBtydSummary summary = SparkFeatures.btydSummary(lines, BtydSummarizer.builder().end(end).build());
 * GammaGammaModel spend = SparkGammaGamma.fit(GammaGamma.builder().build(), summary);
 * }</pre>
 *
 * <p>The likelihood depends on the data only through the counted {@code (frequency, mean spend)} pairs of the
 * repeat customers. One SQL aggregation (job {@code lifetime value: Gamma-Gamma statistics}) counts the repeat
 * customers per {@code (frequency, monetary_value)} pair and the other customers in one group, each partition of
 * the result is packed into primitive arrays for the driver, and {@link GammaGammaStats#ofCounts} sorts and
 * counts the pairs (the single-JVM code). The counts are exact integers and the pairs are kept sorted, so the
 * statistics, and so the model (parameters and log-likelihood), are bit-identical to the single-JVM
 * {@link GammaGamma#fit(BtydSummary)} of the collected summary whatever the partitioning. The driver holds only
 * the distinct pairs. "Repeat" is {@code frequency > 0} as in Java (a NaN frequency is not repeat: SQL's
 * {@code NaN > 0} is true, so it is excluded explicitly); Spark's grouping treats {@code -0.0} as {@code 0.0},
 * which cannot matter here since both are refused as a repeat customer's spend and are not repeat frequencies.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkGammaGamma {
    private SparkGammaGamma() {
    }

    /** One partition of the counted pairs; the other customers (not repeat) in {@code others}. */
    private static final class Pairs implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] frequency;
        final double[] monetary;
        final long[] counts;
        final long others;

        Pairs(double[] frequency, double[] monetary, long[] counts, long others) {
            this.frequency = frequency;
            this.monetary = monetary;
            this.counts = counts;
            this.others = others;
        }
    }

    /**
     * Counts the repeat customers per {@code (frequency, monetary)} pair with one SQL aggregation.
     *
     * @param summary the customers; not null
     * @return the statistics, equal to {@code GammaGammaStats.accumulate} of the collected summary
     * @throws InvalidDataException if a repeat customer's monetary value is not positive (naming the first such
     *     customer in id order, as {@code GammaGammaStats.accumulate} of that customer alone names it)
     */
    public static GammaGammaStats stats(SparkBtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        Duration unit = summary.unit();
        Dataset<Row> rows = summary.rows();
        Column f = functions.col("frequency");
        Column m = functions.col("monetary_value");
        Column repeat = f.gt(0).and(functions.not(functions.isnan(f)));
        Dataset<Row> counted = rows.groupBy(functions.when(repeat, f).as("f"), functions.when(repeat, m).as("m"))
                .count();
        List<Pairs> parts = Jobs.run(rows.sparkSession(), "lifetime value: Gamma-Gamma statistics",
                () -> counted.javaRDD().mapPartitions(it -> {
                    List<Row> list = new ArrayList<>();
                    it.forEachRemaining(list::add);
                    double[] x = new double[list.size()];
                    double[] z = new double[list.size()];
                    long[] c = new long[list.size()];
                    long others = 0;
                    int k = 0;
                    for (Row r : list) {
                        if (r.isNullAt(0)) {
                            others += r.getLong(2);
                        } else {
                            x[k] = r.getDouble(0);
                            z[k] = r.getDouble(1);
                            c[k] = r.getLong(2);
                            k++;
                        }
                    }
                    return Collections.singletonList(new Pairs(Arrays.copyOf(x, k), Arrays.copyOf(z, k),
                            Arrays.copyOf(c, k), others)).iterator();
                }).collect());
        int size = 0;
        for (Pairs p : parts) {
            size += p.counts.length;
        }
        double[] x = new double[size];
        double[] z = new double[size];
        long[] c = new long[size];
        long customers = 0;
        int k = 0;
        boolean bad = false;
        for (Pairs p : parts) {
            System.arraycopy(p.frequency, 0, x, k, p.counts.length);
            System.arraycopy(p.monetary, 0, z, k, p.counts.length);
            System.arraycopy(p.counts, 0, c, k, p.counts.length);
            for (int i = 0; i < p.counts.length; i++) {
                customers = Math.addExact(customers, p.counts[i]);
                bad |= !(p.monetary[i] > 0);
            }
            customers = Math.addExact(customers, p.others);
            k += p.counts.length;
        }
        if (bad) {
            throw badSpend(summary, repeat, m, unit);
        }
        return GammaGammaStats.ofCounts(x, z, c, customers);
    }

    /** The single-JVM error for the first repeat customer (in id order) whose spend is not positive. */
    private static InvalidDataException badSpend(SparkBtydSummary summary, Column repeat, Column m, Duration unit) {
        List<Row> first = Jobs.run(summary.rows().sparkSession(), "lifetime value: Gamma-Gamma statistics",
                () -> summary.rows().filter(repeat.and(functions.not(m.gt(0).and(functions.not(functions.isnan(m))))))
                        .select(functions.col("customer_id"), functions.col("frequency"), functions.col("recency"),
                                functions.col("T"), m)
                        .orderBy(functions.col("customer_id")).limit(1).collectAsList());
        if (first.isEmpty()) {
            throw new IllegalStateException("a repeat customer's spend was counted as not positive, but none was "
                    + "found again");
        }
        Row r = first.get(0);
        try {
            GammaGammaStats.accumulate(BtydSummary.of(new String[] {r.getString(0)}, new double[] {r.getDouble(1)},
                    new double[] {r.getDouble(2)}, new double[] {r.getDouble(3)}, new double[] {r.getDouble(4)},
                    null, null, null, unit));
        } catch (InvalidDataException e) {
            return e;
        }
        throw new IllegalStateException("customer " + r.getString(0) + " has a spend that is not positive in Spark "
                + "but valid for GammaGammaStats: " + r);
    }

    /**
     * Fits Gamma-Gamma to a summary's repeat customers from the merged statistics.
     *
     * @param trainer the trainer; not null
     * @param summary the customers; not null
     * @return the model, equal to {@code trainer.fit} of the collected summary
     * @throws InvalidDataException with the single-JVM messages: an empty summary ({@code "summary must have at
     *     least one customer, found 0"}), no repeat customer, or a repeat customer without positive spend
     */
    public static GammaGammaModel fit(GammaGamma trainer, SparkBtydSummary summary) {
        Objects.requireNonNull(trainer, "trainer");
        GammaGammaStats stats = stats(summary);
        if (stats.customers() == 0) {
            throw new InvalidDataException("summary must have at least one customer, found 0");
        }
        return trainer.fit(stats);
    }
}
