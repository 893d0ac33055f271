package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.features.ColumnMoments;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Log1pModel;
import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.features.Standardizer;
import dev.segmentation.features.StandardizerModel;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The feature encoders fitted in Spark: standardize, log1p and quantile (RFM) scores. Each returns the ordinary
 * model class ({@link StandardizerModel}, {@link Log1pModel}, {@link QuantileBinnerModel}), which
 * {@code ModelJson} saves and the single-JVM pipeline applies unchanged.
 *
 * <pre>{@code
 * QuantileBinnerModel rfm = SparkEncoders.rfmScores(features);            // R, F, M quintile edges, exact
 * StandardizerModel z = SparkEncoders.standardize(features, "customer_id", List.of("recency", "monetary"), false);
 * }</pre>
 *
 * <p><b>Quantile scores are exact.</b> The edges equal {@link QuantileBinner#fit} of the collected rows bit for
 * bit, for any partitioning: the fit depends on the sorted column only through the runs of equal values around
 * {@code bins - 1} ranks, so each column is reduced to its distinct values with their counts (one shuffle,
 * {@code features: quantile scores <column>: value counts}), sorted, and two small jobs find the runs holding the
 * ideal cut ranks and the values just below the moved cuts; the driver then applies
 * {@link QuantileBinner}'s tie rule (a cut inside a run of equal values moves to the nearer end of the run, never
 * to the very start or end) to those runs. No rank is approximated, so there is no rank error; the driver holds
 * {@code 2 (bins - 1)} runs per column, the executors the distinct values of one column at a time. {@code 0.0} and
 * {@code -0.0} are one value, as they are for the single-JVM rule.
 *
 * <p><b>Standardize.</b> The rows are ordered by an id column into fixed chunks of {@link ChunkRunner#CHUNK_ROWS}
 * rows (as {@link SparkKMeans}: one shuffle, {@code features: standardize: prepare rows}, which refuses a NaN,
 * infinite or larger than 1e150 value and a null or repeated id). Each chunk computes its
 * {@link ColumnMoments} about zero, the driver merges them in chunk order for the means, and a second pass does the
 * same about the means for {@link Standardizer}'s corrected two-pass sum of squares (the statistics and the
 * arithmetic of {@link Standardizer#fit}, which is the one-chunk case); the zero-variance rule and the scale
 * (population or sample standard deviation) are {@link Standardizer}'s. The model is bit-identical for any number and order of partitions, and equals the
 * single-JVM fit of the rows in id order bit for bit up to 4,096 rows (one chunk: the
 * same sums in the same order); beyond that the single-JVM fit adds all rows in one running sum and this one
 * adds the chunks' sums, so means and scales differ by the rounding of the sums (about 1e-15 relative, tested at
 * 1e-12).
 *
 * <p><b>Log1p</b> has no parameters: the fit checks the schema and, in one job, that every selected value is
 * finite and {@code > -1}, as {@link Log1p#fit} does.
 *
 * <p>The schema (columns present and numeric) is checked before any job. Data errors name the column and the
 * value (Spark rows have no line number; standardize also names the id). All methods are static and safe for
 * concurrent use. Null is never accepted or returned.
 */
public final class SparkEncoders {
    /** The number of RFM scores, as {@code RfmSegmenter} (quintiles). */
    public static final int RFM_BINS = 5;

    private static final String STANDARDIZE = "features: standardize";
    private static final String LOG1P = "features: log1p";
    private static final String SCORES = "features: quantile scores";

    private SparkEncoders() {
    }

    /**
     * Fits z-scores of the given columns, as {@code Standardizer.builder().columns(columns).sampleSd(sampleSd)
     * .build().fit(x)} of the rows in id order.
     *
     * @param rows the rows; not null
     * @param id the unique id column (string, bigint or int) that orders the rows; not null
     * @param columns the numeric columns to standardize, distinct, non-empty; not null
     * @param sampleSd true for the sample standard deviation (divisor n - 1), false for the population one
     * @return the model, with the columns in the given order
     * @throws InvalidDataException if a column is missing or not numeric (before any job), a value is NaN,
     *     infinite or larger than 1e150 in magnitude, an id is null or repeated, there are no rows
     *     ({@code "rows must be >= 1, found 0"}), or a column's variance overflows
     * @throws IllegalArgumentException if {@code columns} is empty or repeats a name
     */
    public static StandardizerModel standardize(Dataset<Row> rows, String id, List<String> columns,
            boolean sampleSd) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(id, "id");
        String[] names = ParamChecks.names("columns", columns);
        try (FeatureBlocks blocks = FeatureBlocks.of(STANDARDIZE, rows, id, Arrays.asList(names), null, null)) {
            long n = blocks.rows();
            if (n == 0) {
                throw new InvalidDataException("rows must be >= 1, found 0");
            }
            int m = names.length;
            int[] all = new int[m];
            Arrays.setAll(all, j -> j);
            // Standardizer's two passes as mergeable statistics: each chunk's moments, merged in chunk order
            ColumnMoments first = ColumnMoments.aboutZero(m);
            for (ColumnMoments s : blocks.map(STANDARDIZE + ": sums",
                    b -> ColumnMoments.aboutZero(m).accumulate(b.x, m, all, 0, b.n))) {
                first = first.merge(s);
            }
            double[] mean = first.means();
            ColumnMoments second = ColumnMoments.about(mean);
            for (ColumnMoments s : blocks.map(STANDARDIZE + ": sums of squares",
                    b -> ColumnMoments.about(mean).accumulate(b.x, m, all, 0, b.n))) {
                second = second.merge(s);
            }
            double[] scale = Standardizer.scales(names, second, sampleSd);
            Standardizer trainer = Standardizer.builder().columns(names).sampleSd(sampleSd).build();
            return StandardizerModel.of(List.of(names), mean, scale).withProvenance(Provenance.builder(trainer)
                    .setting("engine", "spark").rows(n).columns(List.of(names)).notIterative().build());
        }
    }

    /**
     * Fits log1p of the given columns, as {@code Log1p.builder().columns(columns).build().fit(x)}: checks the
     * schema, then (one job, {@code features: log1p: check values}) that every selected value is finite and
     * {@code > -1}.
     *
     * @param rows the rows; not null
     * @param columns the numeric columns, distinct, non-empty; not null
     * @return the model
     * @throws InvalidDataException if a column is missing or not numeric (before any job), there are no rows
     *     ({@code "rows must be >= 1, found 0"}), or a value is null, NaN, infinite
     *     ({@code "column frequency: value must be finite, found NaN"}) or {@code <= -1}
     *     ({@code "column frequency: value must be > -1, found -1.0"})
     * @throws IllegalArgumentException if {@code columns} is empty or repeats a name
     */
    public static Log1pModel log1p(Dataset<Row> rows, List<String> columns) {
        Objects.requireNonNull(rows, "rows");
        String[] names = ParamChecks.names("columns", columns);
        checkNumeric(rows, names);
        long n = checkValues(rows, names, true, LOG1P + ": check values");
        if (n == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        Log1p trainer = Log1p.builder().columns(names).build();
        return Log1pModel.of(List.of(names)).withProvenance(Provenance.builder(trainer).setting("engine", "spark")
                .rows(n).columns(List.of(names)).notIterative().build());
    }

    /**
     * Fits the RFM scores of {@code RfmSegmenter}: quintiles (1..5) of {@link CustomerFeatures#RECENCY}
     * (descending: a recent purchase scores high), {@link CustomerFeatures#FREQUENCY} and
     * {@link CustomerFeatures#MONETARY}, exactly.
     *
     * @param rows the per-customer rows with those three numeric columns; not null
     * @return the model, equal to {@code QuantileBinner.builder().columns("recency", "frequency", "monetary")
     *     .bins(5).descending("recency").build().fit(x)} of the collected rows
     * @throws InvalidDataException as {@link #quantileScores}
     */
    public static QuantileBinnerModel rfmScores(Dataset<Row> rows) {
        return quantileScores(rows, List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY,
                CustomerFeatures.MONETARY), RFM_BINS, List.of(CustomerFeatures.RECENCY));
    }

    /**
     * Fits quantile scores 1..bins of the given columns, exactly as {@code QuantileBinner.builder()
     * .columns(columns).bins(bins).descending(descending).build().fit(x)} of the collected rows (the row order
     * plays no part).
     *
     * @param rows the rows; not null
     * @param columns the numeric columns to score, distinct, non-empty; not null
     * @param bins the number of scores, {@code >= 2}
     * @param descending the columns (among {@code columns}) where low values score high; not null, may be empty
     * @return the model
     * @throws InvalidDataException if a column is missing or not numeric (before any job), there are no rows
     *     ({@code "rows must be >= 1, found 0"}), or a value is null, NaN or infinite
     *     ({@code "column monetary: value must be finite, found Infinity"})
     * @throws IllegalArgumentException if {@code bins < 2}, {@code columns} is empty or repeats a name, or a
     *     descending column is not among the columns (the messages of {@link QuantileBinner.Builder})
     */
    public static QuantileBinnerModel quantileScores(Dataset<Row> rows, List<String> columns, int bins,
            List<String> descending) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(descending, "descending");
        String[] names = ParamChecks.names("columns", columns);
        QuantileBinner trainer = QuantileBinner.builder().columns(names).bins(bins)
                .descending(descending.toArray(new String[0])).build();
        checkNumeric(rows, names);
        long n = checkValues(rows, names, false, SCORES + ": check values");
        if (n == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        Set<String> desc = new HashSet<>(descending);
        double[][] edges = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            boolean negate = desc.contains(names[j]);
            double[] binned = binnedEdges(rows, names[j], negate, bins, n);
            // QuantileBinnerModel.of takes the edges in original units; it negates a descending column's back
            double[] e = new double[binned.length];
            for (int k = 0; k < e.length; k++) {
                e[k] = negate ? -binned[binned.length - 1 - k] + 0.0 : binned[k];
            }
            edges[j] = e;
        }
        return QuantileBinnerModel.of(List.of(names), bins, descending, edges).withProvenance(
                Provenance.builder(trainer).setting("engine", "spark").rows(n).columns(List.of(names))
                        .notIterative().build());
    }

    /**
     * The edges of one column in the binned domain (negated for a descending column), by QuantileBinner's rule:
     * the edge of score k is {@code v[cut_k - 1]} of the sorted values, where the ideal cut
     * {@code 1 + floor(k (n - 1) / bins)} moves to the nearer end of the run of equal values it falls in.
     */
    private static double[] binnedEdges(Dataset<Row> rows, String column, boolean negate, int bins, long n) {
        Column value = functions.col(column).cast(DataTypes.DoubleType);
        if (negate) {
            value = functions.negate(value);
        }
        String description = SCORES + " " + column;
        Dataset<Row> counts = rows.select(value.as("v")).groupBy("v").count().orderBy("v");
        JavaRDD<Row> sorted = counts.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // the number of values in each partition of the sorted runs, in partition order
            List<Tuple2<Integer, Long>> sizes = Jobs.run(rows.sparkSession(), description + ": value counts",
                    () -> sorted.mapPartitionsWithIndex((p, it) -> {
                        long s = 0;
                        while (it.hasNext()) {
                            s += it.next().getLong(1);
                        }
                        return List.of(new Tuple2<>(p, s)).iterator();
                    }, false).collect());
            long[] offsets = new long[sizes.size()];
            long total = 0;
            for (Tuple2<Integer, Long> s : sizes) {
                offsets[s._1()] = s._2();
            }
            for (int p = 0; p < offsets.length; p++) {
                long size = offsets[p];
                offsets[p] = total;
                total += size;
            }
            if (total != n) {
                throw new IllegalStateException(column + ": counted " + total + " values, expected " + n);
            }
            int edgesCount = bins - 1;
            long[] ideal = new long[edgesCount];
            long[] below = new long[edgesCount];
            for (int k = 1; k < bins; k++) {
                ideal[k - 1] = 1 + (long) k * (n - 1) / bins;
                below[k - 1] = Math.min(ideal[k - 1], n) - 1; // the 0-based position of the ideal-th value
            }
            List<long[]> around = runs(rows, sorted, offsets, below, description + ": runs at the cuts");
            long[] cutBelow = new long[edgesCount];
            for (int k = 0; k < edgesCount; k++) {
                long cut;
                if (ideal[k] >= n) {
                    cut = n;
                } else {
                    long[] run = find(around, below[k]);
                    long start = run[1];
                    long end = run[2];
                    if (end == ideal[k]) {
                        cut = ideal[k]; // v[ideal - 1] < v[ideal]: the ideal cut is a run boundary
                    } else if (start == 0 && end == n) {
                        cut = n; // constant column: everything scores 1
                    } else if (start == 0) {
                        cut = end;
                    } else if (end == n) {
                        cut = start;
                    } else {
                        cut = ideal[k] - start < end - ideal[k] ? start : end;
                    }
                }
                cutBelow[k] = cut - 1;
            }
            List<long[]> at = runs(rows, sorted, offsets, cutBelow, description + ": edge values");
            double[] edges = new double[edgesCount];
            for (int k = 0; k < edgesCount; k++) {
                edges[k] = Double.longBitsToDouble(find(at, cutBelow[k])[0]) + 0.0; // + 0.0 turns -0.0 into 0.0
            }
            return edges;
        } finally {
            sorted.unpersist(false);
        }
    }

    /**
     * The runs (value bits, first position, position after the last) of the sorted values that hold the given
     * 0-based positions, one job.
     */
    private static List<long[]> runs(Dataset<Row> rows, JavaRDD<Row> sorted, long[] offsets, long[] positions,
            String description) {
        long[] wanted = positions.clone();
        return Jobs.run(rows.sparkSession(), description, () -> sorted.mapPartitionsWithIndex((p, it) -> {
            List<long[]> out = new ArrayList<>();
            long start = offsets[p];
            while (it.hasNext()) {
                Row r = it.next();
                long end = start + r.getLong(1);
                for (long q : wanted) {
                    if (q >= start && q < end) {
                        out.add(new long[] {Double.doubleToLongBits(r.getDouble(0)), start, end});
                        break;
                    }
                }
                start = end;
            }
            return out.iterator();
        }, false).collect());
    }

    private static long[] find(List<long[]> runs, long position) {
        for (long[] r : runs) {
            if (position >= r[1] && position < r[2]) {
                return r;
            }
        }
        throw new IllegalStateException("no run holds position " + position);
    }

    /** Refuses a missing or non-numeric column, before any job. */
    private static void checkNumeric(Dataset<Row> rows, String[] names) {
        List<String> present = List.of(rows.schema().fieldNames());
        for (String c : names) {
            int i = present.indexOf(c);
            if (i < 0) {
                throw new InvalidDataException("rows must have the column \"" + c + "\", found " + present, 0, c,
                        null);
            }
            DataType t = rows.schema().fields()[i].dataType();
            if (!(t instanceof NumericType)) {
                throw new InvalidDataException("rows column \"" + c + "\" must be numeric, found " + t.simpleString(),
                        0, c, null);
            }
        }
    }

    /**
     * One job: counts the rows and finds a value that is null, NaN or infinite (or {@code <= -1} with
     * {@code log1p}) in the first column (in the given order) that holds one.
     */
    private static long checkValues(Dataset<Row> rows, String[] names, boolean log1p, String description) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(functions.count(functions.lit(1)));
        for (String c : names) {
            Column v = functions.col(c).cast(DataTypes.DoubleType);
            Column bad = v.isNull().or(functions.isnan(v)).or(functions.abs(v).equalTo(Double.POSITIVE_INFINITY));
            if (log1p) {
                bad = bad.or(v.leq(-1));
            }
            // the smallest offending value (as text, so that null, NaN and infinities survive the aggregate)
            aggregates.add(functions.min(functions.when(bad, functions.coalesce(v.cast(DataTypes.StringType),
                    functions.lit("null")))));
        }
        Row r = Jobs.run(rows.sparkSession(), description, () -> rows.agg(aggregates.get(0),
                aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first());
        for (int j = 0; j < names.length; j++) {
            if (!r.isNullAt(1 + j)) {
                String found = r.getString(1 + j);
                String shown = switch (found) {
                    case "null" -> "null";
                    case "NaN" -> "NaN";
                    case "Infinity" -> "Infinity";
                    case "-Infinity" -> "-Infinity";
                    default -> Double.toString(Double.parseDouble(found));
                };
                boolean finite = !(found.equals("null") || found.equals("NaN") || found.endsWith("Infinity"));
                throw InvalidDataException.cell(null, -1, "", names[j], finite ? "> -1" : "finite", shown);
            }
        }
        return r.getLong(0);
    }
}
