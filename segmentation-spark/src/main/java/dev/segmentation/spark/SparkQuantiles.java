package dev.segmentation.spark;

import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.features.ValueCounts;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Quantile edges of whole feature columns fitted by the single-JVM {@link QuantileBinner} itself, in one Spark job,
 * from mergeable statistics: each partition counts the distinct values of each column ({@link ValueCounts}), the
 * counts are merged per column into one partition (one column per partition, never on the driver), where
 * {@link QuantileBinner#fit(List, List)} fits from the merged counts and the bin counts of those edges are taken.
 * Only {@code bins - 1} edges and {@code bins} counts per column reach the driver, and they equal the single JVM's
 * fit on the same values whatever the partitioning (counting and merging are exact, and the edges depend on the
 * sorted column only through its runs of equal values). Memory: one column's distinct values with their counts
 * (16 bytes per distinct value) on one executor at a time.
 */
final class SparkQuantiles {
    private SparkQuantiles() {
    }

    /** One column's fit: its edges in original units (ascending) and the training rows per score. */
    record Fit(String column, int bins, boolean descending, double[] edges, long[] counts) implements Serializable {
    }

    /** One request: a column, its bins and direction. */
    record Request(String column, int bins, boolean descending) implements Serializable {
    }

    /**
     * Fits every request.
     *
     * @param rows rows holding finite double columns, at least one row
     * @param requests the columns to fit (a column may appear twice with other bins)
     * @param stage the job description
     * @return one fit per request, in order
     */
    static List<Fit> fit(Dataset<Row> rows, List<Request> requests, String stage) {
        int m = requests.size();
        String[] columns = requests.stream().map(Request::column).distinct().toArray(String[]::new);
        int[] index = new int[m];
        for (int r = 0; r < m; r++) {
            index[r] = Arrays.asList(columns).indexOf(requests.get(r).column());
        }
        Request[] req = requests.toArray(new Request[0]);
        int d = columns.length;
        // each partition counts the distinct values of each column (ValueCounts); the counts are merged per column
        // (exact, so in any order) into one partition per column, where QuantileBinner fits from the merged counts
        JavaPairRDD<Integer, ValueCounts> counts = rows.select(columns[0], Arrays.copyOfRange(columns, 1, d))
                .javaRDD().mapPartitionsToPair(it -> {
                    DoubleArrayList[] values = new DoubleArrayList[d];
                    for (int j = 0; j < d; j++) {
                        values[j] = new DoubleArrayList();
                    }
                    while (it.hasNext()) {
                        Row row = it.next();
                        for (int j = 0; j < d; j++) {
                            values[j].add(((Number) row.get(j)).doubleValue());
                        }
                    }
                    List<Tuple2<Integer, ValueCounts>> out = new ArrayList<>(d);
                    for (int j = 0; j < d; j++) {
                        if (!values[j].isEmpty()) {
                            out.add(new Tuple2<>(j, ValueCounts.of(values[j].toDoubleArray())));
                        }
                    }
                    return out.iterator();
                });
        List<Fit> fits = Jobs.run(rows.sparkSession(), stage, () -> counts
                .reduceByKey(new ByColumn(d), ValueCounts::merge)
                .flatMap(t -> {
                    int j = t._1();
                    ValueCounts c = t._2();
                    double[] distinct = c.values();
                    long[] times = c.counts();
                    List<Fit> out = new ArrayList<>();
                    for (int r = 0; r < m; r++) {
                        if (index[r] != j) {
                            continue;
                        }
                        QuantileBinner.Builder b = QuantileBinner.builder().bins(req[r].bins());
                        if (req[r].descending()) {
                            b.descending(columns[j]);
                        }
                        QuantileBinnerModel model = b.build().fit(List.of(columns[j]), List.of(c));
                        long[] perScore = new long[req[r].bins()];
                        for (int v = 0; v < distinct.length; v++) {
                            perScore[model.score(columns[j], distinct[v]) - 1] += times[v];
                        }
                        out.add(new Fit(columns[j], req[r].bins(), req[r].descending(), model.edges(columns[j]),
                                perScore));
                    }
                    return out.iterator();
                }).collect());
        List<Fit> ordered = new ArrayList<>(m);
        for (Request r : requests) {
            for (Fit f : fits) {
                if (f.column().equals(r.column()) && f.bins() == r.bins() && f.descending() == r.descending()) {
                    ordered.add(f);
                    break;
                }
            }
        }
        return ordered;
    }

    /**
     * The exact median of each column per group, as Spark's {@code percentile(column, 0.5)} aggregate grouped by
     * the group gives it (the order statistics at {@code (n - 1) / 2} of the group's non-null values, interpolated
     * by its formula, so bit for bit the same), from mergeable statistics in one job ({@code stage}): each
     * partition counts the distinct values of each (group, column) ({@link ValueCounts}), the counts are merged per
     * (group, column) in one partition each and its median taken there. Only the medians reach the driver. Unlike
     * the aggregate, no boxed count per distinct value: the values of a partition are sorted as primitive arrays.
     *
     * @param rows rows with an int group column in {@code [0, groups)} and numeric columns whose non-null values
     *     are finite
     * @param group the group column
     * @param groups the number of groups
     * @param columns the columns
     * @param stage the job description
     * @return {@code [g][j]} the median of column j in group g, NaN where the group has no non-null value
     */
    static double[][] medians(Dataset<Row> rows, String group, int groups, List<String> columns, String stage) {
        int d = columns.size();
        JavaPairRDD<Integer, ValueCounts> counts = rows.select(group, columns.toArray(new String[0])).javaRDD()
                .mapPartitionsToPair(it -> {
                    DoubleArrayList[] values = new DoubleArrayList[groups * d];
                    while (it.hasNext()) {
                        Row row = it.next();
                        int g = row.getInt(0);
                        for (int j = 0; j < d; j++) {
                            if (!row.isNullAt(1 + j)) {
                                if (values[g * d + j] == null) {
                                    values[g * d + j] = new DoubleArrayList();
                                }
                                values[g * d + j].add(((Number) row.get(1 + j)).doubleValue());
                            }
                        }
                    }
                    List<Tuple2<Integer, ValueCounts>> out = new ArrayList<>();
                    for (int key = 0; key < values.length; key++) {
                        if (values[key] != null) {
                            out.add(new Tuple2<>(key, ValueCounts.of(values[key].toDoubleArray())));
                        }
                    }
                    return out.iterator();
                });
        List<Tuple2<Integer, Double>> medians = Jobs.run(rows.sparkSession(), stage, () -> counts
                .reduceByKey(new ByColumn(groups * d), ValueCounts::merge)
                .mapValues(SparkQuantiles::median).collect());
        double[][] out = new double[groups][d];
        for (double[] g : out) {
            Arrays.fill(g, Double.NaN);
        }
        for (Tuple2<Integer, Double> t : medians) {
            out[t._1() / d][t._1() % d] = t._2();
        }
        return out;
    }

    /**
     * Per group the quantiles of a column as {@link dev.segmentation.report.ReportData#quantile} takes them from the
     * group's sorted values ({@code v[lo] + (pos - lo) * (v[hi] - v[lo])} at {@code pos = q (n - 1)}), exactly (the
     * same order statistics), in one job ({@code stage}): each partition counts the distinct values per group
     * ({@link ValueCounts}), the counts are merged per group in one partition each, where the order statistics are
     * picked. Only the quantiles reach the driver.
     *
     * @param rows rows with an int group column in {@code [0, groups)} and a double column whose non-null values
     *     are finite (null rows left out)
     * @param qs the probabilities, each in {@code [0, 1]}
     * @return per group with a value its quantiles, in the order of {@code qs}
     */
    static java.util.Map<Integer, double[]> quantiles(Dataset<Row> rows, String group, int groups, String column,
            double[] qs, String stage) {
        JavaPairRDD<Integer, ValueCounts> counts = rows.select(group, column).javaRDD().mapPartitionsToPair(it -> {
            DoubleArrayList[] values = new DoubleArrayList[groups];
            while (it.hasNext()) {
                Row row = it.next();
                if (!row.isNullAt(1)) {
                    int g = row.getInt(0);
                    if (values[g] == null) {
                        values[g] = new DoubleArrayList();
                    }
                    values[g].add(row.getDouble(1));
                }
            }
            List<Tuple2<Integer, ValueCounts>> out = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                if (values[g] != null) {
                    out.add(new Tuple2<>(g, ValueCounts.of(values[g].toDoubleArray())));
                }
            }
            return out.iterator();
        });
        List<Tuple2<Integer, double[]>> picked = Jobs.run(rows.sparkSession(), stage, () -> counts
                .reduceByKey(new ByColumn(groups), ValueCounts::merge)
                .mapValues(c -> {
                    long n = 0;
                    for (long t : c.counts()) {
                        n += t;
                    }
                    double[] b = new double[qs.length];
                    for (int i = 0; i < qs.length; i++) {
                        double pos = qs[i] * (n - 1);
                        long lo = (long) Math.floor(pos);
                        long hi = Math.min(n - 1, lo + 1);
                        double low = orderStatistic(c, lo);
                        b[i] = low + (pos - lo) * (orderStatistic(c, hi) - low);
                    }
                    return b;
                }).collect());
        java.util.Map<Integer, double[]> out = new java.util.HashMap<>();
        for (Tuple2<Integer, double[]> t : picked) {
            out.put(t._1(), t._2());
        }
        return out;
    }

    /** The value of rank {@code rank} (0-based) among counted values. */
    private static double orderStatistic(ValueCounts c, long rank) {
        double[] values = c.values();
        long[] times = c.counts();
        long seen = 0;
        for (int v = 0; v < values.length; v++) {
            seen += times[v];
            if (rank < seen) {
                return values[v];
            }
        }
        throw new IllegalArgumentException("rank must be < " + seen + ", found " + rank);
    }

    /**
     * The median of counted values as Spark's {@code Percentile} computes it: the position {@code (n - 1) * 0.5}
     * in the sorted values, the values at its floor and ceiling, interpolated as
     * {@code (higher - position) * lowerValue + (position - lower) * higherValue} when they differ.
     */
    static double median(ValueCounts c) {
        double[] values = c.values();
        long[] times = c.counts();
        long n = 0;
        for (long t : times) {
            n += t;
        }
        double position = (n - 1) * 0.5;
        long lower = (long) Math.floor(position);
        long higher = (long) Math.ceil(position);
        double lowerValue = Double.NaN;
        double higherValue = Double.NaN;
        long seen = 0;
        for (int v = 0; v < values.length && Double.isNaN(higherValue); v++) {
            seen += times[v];
            if (Double.isNaN(lowerValue) && lower < seen) {
                lowerValue = values[v];
            }
            if (higher < seen) {
                higherValue = values[v];
            }
        }
        if (higher == lower || higherValue == lowerValue) {
            return lowerValue;
        }
        return (higher - position) * lowerValue + (position - lower) * higherValue;
    }

    /** Key j to partition j: each column's (or each group and column's) values meet in one partition. */
    private static final class ByColumn extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int columns;

        ByColumn(int columns) {
            this.columns = columns;
        }

        @Override
        public int numPartitions() {
            return columns;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByColumn b && b.columns == columns;
        }

        @Override
        public int hashCode() {
            return columns;
        }
    }
}
