package dev.segmentation.spark;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.persist.ModelJson;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * BG/NBD, MBG/NBD and Pareto/NBD fitted in Spark, and customers scored with a fitted BTYD model.
 *
 * <pre>{@code
 * SparkBtydSummary summary = SparkFeatures.btydSummary(lines, BtydSummarizer.builder().end(end).build());
 * BgNbdModel model = SparkBtyd.fit(BgNbd.builder().build(), summary);
 * Dataset<Row> scores = SparkBtyd.score(summary, model, 90);   // p_alive, expected_purchases per customer
 * }</pre>
 *
 * <p><b>Fitting.</b> The likelihoods depend on the data only through the weighted histogram of distinct
 * {@code (frequency, recency, T)} triples ({@link BtydHistogram}). Each partition builds its histogram; the
 * driver collects them, adds them in partition index order to one {@link BtydHistogram.Builder} (what
 * {@link BtydHistogram#merge} of the partitions' histograms gives, without one merge per partition) and calls the
 * trainer's {@code fit(BtydHistogram)}. Weights are customer counts, so the merged histogram is exactly the one
 * {@link BtydHistogram#of(BtydSummary)} makes of the whole summary, and the fit (parameters and log-likelihood)
 * is bit-identical to the single-JVM {@code fit(BtydSummary)} of a trainer that compresses (the default),
 * whatever the partitioning. The driver holds only distinct triples (a few thousand for day-level data).
 *
 * <p><b>Scoring.</b> The model travels to the executors as its {@link ModelJson} text in a broadcast variable
 * (never Java serialization); each partition reads it back once (a model read back scores bit-identically) and
 * scores its customers with {@link BtydModel#score(BtydSummary, double, double[], double[])}, the single-JVM
 * code.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkBtyd {
    /** Column of {@link #score}: P(alive). */
    public static final String P_ALIVE = "p_alive";
    /** Column of {@link #score}: expected purchases over the horizon. */
    public static final String EXPECTED_PURCHASES = "expected_purchases";

    private static final StructType ENTRIES = new StructType(new StructField[] {
        new StructField("partition", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("frequency", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("recency", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("T", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("weight", DataTypes.DoubleType, false, Metadata.empty())});

    private static final StructType HOLDOUT_ENTRIES = new StructType(new StructField[] {
        new StructField("partition", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("frequency", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("recency", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("T", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("frequency_holdout", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("count", DataTypes.LongType, false, Metadata.empty()),
        new StructField("duration_holdout", DataTypes.DoubleType, false, Metadata.empty())});

    private SparkBtyd() {
    }

    /**
     * Builds the holdout histogram of a calibration summary (job {@code lifetime value: holdout histogram}): each
     * partition compresses its customers into a {@link BtydHoldoutHistogram}, and the driver adds the partial
     * histograms' rows in partition index order to one builder (as {@link BtydHoldoutHistogram#merge} of them
     * would, in one sort) and refuses partitions of different holdout lengths. Counts are added exactly, so
     * the result equals {@link BtydHoldoutHistogram#of(BtydSummary)} of the collected summary row for row, whatever
     * the partitioning; the driver holds only distinct {@code (frequency, recency, T, holdout frequency)} rows.
     * It is what the holdout model choice reads ({@code LifetimeValue.fitTransactionModel}).
     *
     * @param summary the customers with the holdout columns ({@link SparkFeatures#btydSummary} with a calibration
     *     end); not null
     * @return the histogram; empty (size 0, holdout length 0) for an empty summary
     * @throws IllegalArgumentException if the summary has no holdout columns or its holdout lengths differ
     * @throws dev.segmentation.InvalidDataException if a row is not a valid entry (the message names the
     *     partition's entry and value)
     */
    public static BtydHoldoutHistogram holdoutHistogram(SparkBtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        if (!summary.hasHoldout()) {
            throw new IllegalArgumentException("summary must have holdout columns, found none");
        }
        Duration unit = summary.unit();
        PartialHistogram partial = rows -> {
            BtydHoldoutHistogram.Builder b = null;
            double holdout = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (b == null) {
                    holdout = r.getDouble(4);
                    b = BtydHoldoutHistogram.builder(unit, holdout);
                } else {
                    requireSameHoldout(holdout, r.getDouble(4));
                }
                b.add(r.getDouble(0), r.getDouble(1), r.getDouble(2), r.getDouble(3), 1);
            }
            BtydHoldoutHistogram h = b.build();
            List<Object[]> out = new ArrayList<>(h.size());
            for (int k = 0; k < h.size(); k++) {
                out.add(new Object[] {h.frequency(k), h.recency(k), h.T(k), h.holdoutFrequency(k), h.count(k),
                    holdout});
            }
            return out;
        };
        return mergedPartials(summary, "lifetime value: holdout histogram", HOLDOUT_ENTRIES,
                new String[] {"frequency", "recency", "T", "frequency_holdout", "duration_holdout"}, partial,
                entries -> {
                    double holdout = entries.get(0).getDouble(6);
                    BtydHoldoutHistogram.Builder b = BtydHoldoutHistogram.builder(unit, holdout);
                    for (Row e : entries) {
                        requireSameHoldout(holdout, e.getDouble(6));
                        b.add(e.getDouble(1), e.getDouble(2), e.getDouble(3), e.getDouble(4), e.getLong(5));
                    }
                    return b.build();
                }, BtydHoldoutHistogram.builder(unit, 0).build());
    }

    /** Refuses a holdout length other than the first one met (within a partition or between partitions). */
    private static void requireSameHoldout(double holdout, double found) {
        if (Double.doubleToLongBits(found + 0.0) != Double.doubleToLongBits(holdout + 0.0)) {
            throw new IllegalArgumentException("summary durationHoldout must be the same for every customer, "
                    + "found " + holdout + " and " + found);
        }
    }

    /**
     * Builds the histogram of a summary: per partition, then merged in partition index order.
     *
     * @param summary the customers; not null
     * @return the histogram, equal to {@link BtydHistogram#of(BtydSummary)} of the collected summary; empty
     *     for an empty summary
     * @throws dev.segmentation.InvalidDataException if a row is not a valid triple (the message names the
     *     partition's entry and value)
     */
    public static BtydHistogram histogram(SparkBtydSummary summary) {
        return histogram(summary, "lifetime value: BTYD histogram");
    }

    /**
     * Fits BG/NBD to a summary from the merged histogram (job {@code lifetime value: BG/NBD histogram}).
     *
     * @param trainer the trainer; not null
     * @param summary the customers; not null
     * @return the model, equal to {@code trainer.fit} of the collected summary
     * @throws dev.segmentation.InvalidDataException if the summary is empty
     */
    public static BgNbdModel fit(BgNbd trainer, SparkBtydSummary summary) {
        Objects.requireNonNull(trainer, "trainer");
        return trainer.fit(histogram(summary, "lifetime value: BG/NBD histogram"));
    }

    /**
     * Fits MBG/NBD to a summary from the merged histogram (job {@code lifetime value: MBG/NBD histogram}).
     *
     * @param trainer the trainer; not null
     * @param summary the customers; not null
     * @return the model, equal to {@code trainer.fit} of the collected summary
     * @throws dev.segmentation.InvalidDataException if the summary is empty
     */
    public static ModifiedBgNbdModel fit(ModifiedBgNbd trainer, SparkBtydSummary summary) {
        Objects.requireNonNull(trainer, "trainer");
        return trainer.fit(histogram(summary, "lifetime value: MBG/NBD histogram"));
    }

    /**
     * Fits Pareto/NBD to a summary from the merged histogram (job {@code lifetime value: Pareto/NBD histogram}).
     *
     * @param trainer the trainer; not null
     * @param summary the customers; not null
     * @return the model, equal to {@code trainer.fit} of the collected summary
     * @throws dev.segmentation.InvalidDataException if the summary is empty
     */
    public static ParetoNbdModel fit(ParetoNbd trainer, SparkBtydSummary summary) {
        Objects.requireNonNull(trainer, "trainer");
        return trainer.fit(histogram(summary, "lifetime value: Pareto/NBD histogram"));
    }

    private static BtydHistogram histogram(SparkBtydSummary summary, String description) {
        Objects.requireNonNull(summary, "summary");
        Duration unit = summary.unit();
        PartialHistogram partial = rows -> {
            BtydHistogram.Builder b = BtydHistogram.builder(unit);
            while (rows.hasNext()) {
                Row r = rows.next();
                b.add(r.getDouble(0), r.getDouble(1), r.getDouble(2), 1.0);
            }
            BtydHistogram h = b.build();
            List<Object[]> out = new ArrayList<>(h.size());
            for (int k = 0; k < h.size(); k++) {
                out.add(new Object[] {h.frequency(k), h.recency(k), h.T(k), h.weight(k)});
            }
            return out;
        };
        return mergedPartials(summary, description, ENTRIES, new String[] {"frequency", "recency", "T"}, partial,
                entries -> {
                    BtydHistogram.Builder b = BtydHistogram.builder(unit);
                    for (Row e : entries) {
                        b.add(e.getDouble(1), e.getDouble(2), e.getDouble(3), e.getDouble(4));
                    }
                    return b.build();
                }, BtydHistogram.builder(unit).build());
    }

    /** A partition's histogram of its summary rows (at least one), as the values of its entries. */
    private interface PartialHistogram extends Serializable {
        List<Object[]> entries(Iterator<Row> rows) throws Exception;
    }

    /**
     * The one aggregation of {@link #histogram} and {@link #holdoutHistogram} (issue 18): each non-empty partition
     * compresses its rows ({@code columns} of the summary) into entries, sent to the driver as rows of
     * {@code schema} after the partition index; the driver adds every partition's entries, in partition index
     * order, to one builder ({@code build}, which checks them again) and sorts the result once, so it does not
     * depend on the order in which the tasks finish; {@code empty} when no partition has a row.
     *
     * <p>Weights and counts of equal keys are added in partition index order, as merging each partition's
     * histogram into the ones before it did ({@code ((w0 + w1) + w2) ...}), and the entries come out sorted by
     * their keys: the same histogram bit for bit. The pairwise merges rebuilt, re-hashed and re-sorted the growing
     * histogram once per partition (issue 21: at 1 M customers most of the driver's time between the stage's two
     * histogram jobs, and about a quarter of its samples in the fits' window).
     */
    private static <H> H mergedPartials(SparkBtydSummary summary, String job, StructType schema, String[] columns,
            PartialHistogram partial, Function<List<Row>, H> build, H empty) {
        MapPartitionsFunction<Row, Row> tagged = rows -> {
            if (!rows.hasNext()) {
                return Collections.emptyIterator();
            }
            List<Object[]> entries = partial.entries(rows);
            int partition = TaskContext.getPartitionId();
            List<Row> out = new ArrayList<>(entries.size());
            for (Object[] values : entries) {
                Object[] row = new Object[values.length + 1];
                row[0] = partition;
                System.arraycopy(values, 0, row, 1, values.length);
                out.add(RowFactory.create(row));
            }
            return out.iterator();
        };
        Column[] selected = new Column[columns.length];
        for (int c = 0; c < columns.length; c++) {
            selected[c] = functions.col(columns[c]);
        }
        Dataset<Row> rows = summary.rows().select(selected);
        List<Row> entries = new ArrayList<>(Jobs.run(summary.rows().sparkSession(), job,
                () -> rows.mapPartitions(tagged, Encoders.row(schema)).collectAsList()));
        // a stable sort: each partition's entries stay in their order
        entries.sort(Comparator.comparingInt(e -> e.getInt(0)));
        return entries.isEmpty() ? empty : build.apply(entries);
    }

    /**
     * Scores every customer of a summary: P(alive) and the expected purchases over the next {@code t} units of
     * the model. Lazy: the scores are computed when the result is used.
     *
     * @param summary the customers; not null
     * @param model a fitted BTYD model that {@link ModelJson} can write; not null
     * @param t the horizon in {@link BtydModel#unit()}, finite and {@code >= 0}
     * @return one row per customer: {@code customer_id}, {@code frequency}, {@code recency}, {@code T},
     *     {@value #P_ALIVE}, {@value #EXPECTED_PURCHASES}
     * @throws IllegalArgumentException if t is negative or not finite, or the model cannot be written
     */
    public static Dataset<Row> score(SparkBtydSummary summary, BtydModel model, double t) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(model, "model");
        ParamChecks.nonNegative("t", t);
        if (!ModelJson.persistable(model)) {
            throw new IllegalArgumentException("model must be a type ModelJson writes, found "
                    + model.getClass().getName());
        }
        String json = ModelJson.toJson(model);
        Broadcast<String> shipped = JavaSparkContext.fromSparkContext(summary.rows().sparkSession().sparkContext())
                .broadcast(json);
        Duration unit = summary.unit();
        StructType schema = new StructType(new StructField[] {
            new StructField("customer_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("frequency", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("recency", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("T", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField(P_ALIVE, DataTypes.DoubleType, false, Metadata.empty()),
            new StructField(EXPECTED_PURCHASES, DataTypes.DoubleType, false, Metadata.empty())});
        MapPartitionsFunction<Row, Row> scoring = rows -> {
            BtydModel m = (BtydModel) ModelJson.fromJson(shipped.value());
            List<String> ids = new ArrayList<>();
            List<double[]> triples = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                ids.add(r.getString(0));
                triples.add(new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3)});
            }
            int n = ids.size();
            if (n == 0) {
                return java.util.Collections.emptyIterator();
            }
            double[] f = new double[n];
            double[] rec = new double[n];
            double[] age = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = triples.get(i)[0];
                rec[i] = triples.get(i)[1];
                age[i] = triples.get(i)[2];
            }
            BtydSummary s = BtydSummary.of(ids.toArray(new String[0]), f, rec, age, new double[n], null, null,
                    null, unit);
            double[] alive = new double[n];
            double[] expected = new double[n];
            m.score(s, t, alive, expected);
            List<Row> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(RowFactory.create(ids.get(i), f[i], rec[i], age[i], alive[i], expected[i]));
            }
            return out.iterator();
        };
        return summary.rows().select(functions.col("customer_id"), functions.col("frequency"),
                functions.col("recency"), functions.col("T")).mapPartitions(scoring, Encoders.row(schema));
    }
}
