package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
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
 * Churn labels at a cut-off computed in Spark with {@link ChurnLabeler} semantics: every customer with a line on
 * or before the cut-off C gets label 1 (churned) if they have no line in days C + 1 to C + H, else 0, and the
 * {@link ChurnFeatures#standard()} features computed strictly from the lines on or before C.
 *
 * <pre>{@code
 * Dataset<Row> labelled = SparkChurnLabels.label(lines, LocalDate.of(2011, 9, 9), 90);
 * }</pre>
 *
 * <p><b>How.</b> The settings are checked by {@link ChurnLabeler.Builder#build()} and the lines' schema by the
 * module's line check before any job; one job (described {@code churn: date range}) makes the labeler's checks
 * of the whole input (the lines reach C + H; a customer bought on or before C). The lines on or before C + H are
 * then partitioned by customer and sorted by {@link SparkIngest#LINE}; each partition becomes a
 * {@link TransactionLog} and {@link ChurnLabeler#label} labels its customers, the single-JVM code. So that the
 * labeler's own end check holds in every partition, each partition's log gains one line of a customer of its own
 * on day C + H; that customer has no line on or before C, so the labeler gives it no row. A label and the features
 * depend on one customer's lines only: the rows equal the single-JVM {@link ChurnDataset} value for value (bit
 * for bit) whatever the partitioning.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkChurnLabels {
    /** The label column: 1 churned (no line in the horizon), 0 active. */
    public static final String LABEL = "label";

    private SparkChurnLabels() {
    }

    /**
     * Labels every customer with a line on or before the cut-off. The date checks run one job; the labels are
     * computed when the result is used.
     *
     * @param lines the lines, in {@link SparkIngest#LINE_SCHEMA} (more columns allowed); not null
     * @param cutoff the last day of the history C; not null
     * @param horizonDays the horizon H in days, {@code >= 1}
     * @return one row per customer: {@code customer_id} (string), {@value #LABEL} (int), then the
     *     {@link ChurnFeatures#standard()} features (double) in the order of its {@code names()}
     * @throws IllegalArgumentException if horizonDays is below 1 (the labeler's message)
     * @throws InvalidDataException if a line column is missing or mistyped (before any job), if there is no line
     *     ({@code lines must have at least one row, found 0}), if the lines end before C + H ({@code "lines: last
     *     purchase date must be on or after cutoff + horizonDays = 2011-12-08, found 2011-12-09"}) or no customer
     *     bought on or before C; when the rows are computed, if a feature is not finite (naming the customer)
     */
    public static Dataset<Row> label(Dataset<Row> lines, LocalDate cutoff, int horizonDays) {
        return label(lines, cutoff, horizonDays, null);
    }

    /**
     * {@link #label(Dataset, LocalDate, int)} of the lines, or with {@code kept} not null (the pipeline) the checks
     * on the lines (then those before the kept logs' as-of date) and the labels from the kept logs, whose extra line
     * is the one each partition needs: {@code cutoff + horizonDays} must be their last day.
     */
    static Dataset<Row> label(Dataset<Row> lines, LocalDate cutoff, int horizonDays, KeptLogs kept) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(cutoff, "cutoff");
        ChurnLabeler.builder().cutoff(cutoff).horizonDays(horizonDays).build();
        LineLogs.check(lines);
        LocalDate end = cutoff.plusDays(horizonDays);
        long cutoffEndSecond = cutoff.plusDays(1).toEpochDay() * 86_400L;
        long endSecond = end.toEpochDay() * 86_400L;
        Row range = Jobs.run(lines.sparkSession(), "churn: date range", () -> lines.agg(
                functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND),
                functions.count(functions.lit(1))).first());
        if (range.getLong(2) == 0) {
            throw new InvalidDataException("lines must have at least one row, found 0");
        }
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(range.getLong(1), 86_400L));
        if (last.isBefore(end)) {
            throw new InvalidDataException("lines: last purchase date must be on or after cutoff + horizonDays = "
                    + end + ", found " + last);
        }
        if (range.getLong(0) >= cutoffEndSecond) {
            throw new InvalidDataException("lines: customers with a purchase on or before the cutoff " + cutoff
                    + " must be >= 1, found 0");
        }
        List<String> names = ChurnFeatures.standard().names();
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField("customer_id", DataTypes.StringType, false, Metadata.empty()));
        fields.add(new StructField(LABEL, DataTypes.IntegerType, false, Metadata.empty()));
        for (String n : names) {
            fields.add(new StructField(n, DataTypes.DoubleType, false, Metadata.empty()));
        }
        StructType schema = new StructType(fields.toArray(new StructField[0]));
        if (kept != null) {
            if (!end.equals(kept.lastDay())) {
                throw new IllegalStateException("cutoff + horizonDays must be the kept logs' last day "
                        + kept.lastDay() + ", found " + end);
            }
            return kept.rows(log -> labelRows(log, cutoff, horizonDays), schema);
        }
        MapPartitionsFunction<Row, Row> labelling = rows -> {
            if (!rows.hasNext()) {
                return Collections.emptyIterator();
            }
            // the extra line on day cutoff + horizonDays: the labeler's lines reach the horizon's end in every
            // partition, as all lines do
            return labelRows(LineLogs.log(rows, LineLogs.sentinelLine(endSecond)), cutoff, horizonDays);
        };
        Dataset<Row> window = lines.filter(functions.col(SparkIngest.EPOCH_SECOND).lt(endSecond + 86_400L));
        // the labeler and the standard churn features read a customer's dates and amounts only
        return LineLogs.byCustomer(LineLogs.slim(window), range.getLong(2), false).mapPartitions(labelling,
                Encoders.row(schema));
    }

    /**
     * One partition's rows: its log ends with a line of a customer of its own on day {@code cutoff + horizonDays},
     * to whom the labeler gives no row (no line on or before the cut-off).
     */
    private static Iterator<Row> labelRows(TransactionLog log, LocalDate cutoff, int horizonDays) {
        if (!log.firstDateTime().toLocalDate().isBefore(cutoff.plusDays(1))) {
            return Collections.emptyIterator(); // no customer of this partition bought on or before the cut-off
        }
        ChurnDataset data = ChurnLabeler.builder().cutoff(cutoff).horizonDays(horizonDays).build().label(log);
        FeatureMatrix x = data.features();
        int d = x.columns();
        List<Row> out = new ArrayList<>(x.rows());
        int[] labels = data.labels(); // a copy: taken once, not once per customer (quadratic)
        List<String> ids = data.customerIds();
        for (int i = 0; i < x.rows(); i++) {
            Object[] v = new Object[d + 2];
            v[0] = ids.get(i);
            v[1] = labels[i];
            for (int j = 0; j < d; j++) {
                v[j + 2] = x.get(i, j);
            }
            out.add(RowFactory.create(v));
        }
        return out.iterator();
    }
}
