package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.GammaGammaStats;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * Gamma-Gamma spend model fitted in Spark from the merged {@link GammaGammaStats}.
 *
 * <pre>{@code
 * SparkBtydSummary summary = SparkFeatures.btydSummary(lines, BtydSummarizer.builder().end(end).build());
 * GammaGammaModel spend = SparkGammaGamma.fit(GammaGamma.builder().build(), summary);
 * }</pre>
 *
 * <p>The likelihood depends on the data only through the counted {@code (frequency, mean spend)} pairs of the
 * repeat customers. Each partition computes {@link GammaGammaStats#accumulate} of its customers (the single-JVM
 * code, one job {@code lifetime value: Gamma-Gamma statistics}); the driver merges them in partition index order
 * and calls {@link GammaGamma#fit(GammaGammaStats)}. The pairs are kept sorted and their weights are exact
 * counts, so the merged statistics, and so the model (parameters and log-likelihood), are bit-identical to the
 * single-JVM {@link GammaGamma#fit(BtydSummary)} of the collected summary whatever the partitioning. The driver
 * holds only the distinct pairs.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkGammaGamma {
    private SparkGammaGamma() {
    }

    /**
     * Computes the statistics per partition and merges them in partition index order.
     *
     * @param summary the customers; not null
     * @return the merged statistics, equal to {@code GammaGammaStats.accumulate} of the collected summary
     * @throws InvalidDataException if a repeat customer's monetary value is not positive (naming the customer)
     */
    public static GammaGammaStats stats(SparkBtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        Duration unit = summary.unit();
        List<Tuple2<Integer, GammaGammaStats>> parts;
        try {
            parts = Jobs.run(summary.rows().sparkSession(), "lifetime value: Gamma-Gamma statistics",
                    () -> summary.rows().select(functions.col("customer_id"), functions.col("frequency"),
                            functions.col("recency"), functions.col("T"), functions.col("monetary_value"))
                            .javaRDD().mapPartitionsWithIndex((index, rows) -> {
                                List<Row> list = new ArrayList<>();
                                rows.forEachRemaining(list::add);
                                int n = list.size();
                                String[] ids = new String[n];
                                double[] f = new double[n];
                                double[] rec = new double[n];
                                double[] age = new double[n];
                                double[] m = new double[n];
                                for (int i = 0; i < n; i++) {
                                    Row r = list.get(i);
                                    ids[i] = r.getString(0);
                                    f[i] = r.getDouble(1);
                                    rec[i] = r.getDouble(2);
                                    age[i] = r.getDouble(3);
                                    m[i] = r.getDouble(4);
                                }
                                GammaGammaStats s = GammaGammaStats.accumulate(BtydSummary.of(ids, f, rec, age, m,
                                        null, null, null, unit));
                                return Collections.singletonList(new Tuple2<>(index, s)).iterator();
                            }, false).collect());
        } catch (Exception e) { // RDD actions throw SparkException (checked in Java) undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidDataException) {
                    throw (InvalidDataException) t;
                }
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException("lifetime value: Gamma-Gamma statistics failed", e);
        }
        List<Tuple2<Integer, GammaGammaStats>> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        GammaGammaStats merged = null;
        for (Tuple2<Integer, GammaGammaStats> p : sorted) {
            merged = merged == null ? p._2() : merged.merge(p._2());
        }
        if (merged == null) {
            merged = GammaGammaStats.accumulate(BtydSummary.of(new String[0], new double[0], new double[0],
                    new double[0], new double[0], null, null, null, unit));
        }
        return merged;
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
