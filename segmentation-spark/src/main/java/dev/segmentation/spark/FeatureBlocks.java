package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ChunkRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The rows of a fit held by Spark as fixed chunks of {@link ChunkRunner#CHUNK_ROWS} rows in the order of an id
 * column: the Spark form of the single-JVM chunk runners' fixed chunks.
 *
 * <p>The rows are sorted by the id column (which must be unique) and numbered from 0; chunk c holds rows
 * {@code [c * CHUNK_ROWS, (c + 1) * CHUNK_ROWS)} whole, in one partition, and is cached in memory. A data pass
 * ({@link #map}) computes one partial result per chunk and returns them in chunk order, so a reduction merged
 * in that order is bit-identical whatever the number and order of the input partitions, and equals the
 * single-JVM reduction over the same fixed chunks of a matrix in id order.
 */
final class FeatureBlocks implements AutoCloseable {
    /** Values larger than this in magnitude are refused, as the single-JVM clustering trainers do. */
    static final double MAX_ABS = 1e150;

    /** One chunk: n rows of d features (row-major), with an optional label and weight per row. */
    static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;
        final int chunk;
        final int n;
        final double[] x;
        final double[] y;
        final double[] w;
        /** The first and last id of the chunk (to check uniqueness across chunks). */
        final Object first;
        final Object last;

        Block(int chunk, int n, double[] x, double[] y, double[] w, Object first, Object last) {
            this.chunk = chunk;
            this.n = n;
            this.x = x;
            this.y = y;
            this.w = w;
            this.first = first;
            this.last = last;
        }
    }

    private final SparkSession spark;
    private final JavaRDD<Block> blocks;
    private final long rows;
    private final int chunks;
    private final List<String> names;

    private FeatureBlocks(SparkSession spark, JavaRDD<Block> blocks, long rows, List<String> names) {
        this.spark = spark;
        this.blocks = blocks;
        this.rows = rows;
        this.chunks = (int) ((rows + ChunkRunner.CHUNK_ROWS - 1) / ChunkRunner.CHUNK_ROWS);
        this.names = List.copyOf(names);
    }

    /**
     * Checks the schema (before any job), then sorts, numbers, chunks, checks and caches the rows.
     *
     * @param stage the job description prefix, e.g. {@code "segments: k-means"}
     * @param rows the input
     * @param id the unique id column (string or integral) that orders the rows
     * @param columns the numeric feature columns, in order
     * @param label a numeric label column, or null
     * @param weight a numeric weight column (values {@code > 0} and finite), or null
     * @throws InvalidDataException if a column is missing or not numeric, the features hold a NaN, an
     *     infinite or a too large value, a weight is not positive and finite, or an id repeats
     */
    static FeatureBlocks of(String stage, Dataset<Row> rows, String id, List<String> columns, String label,
            String weight) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns must be non-empty, found []");
        }
        List<String> present = List.of(rows.schema().fieldNames());
        DataType idType = type(rows, present, id);
        if (!(idType.equals(DataTypes.StringType) || idType.equals(DataTypes.LongType)
                || idType.equals(DataTypes.IntegerType))) {
            throw new InvalidDataException("rows column \"" + id + "\" must be of type string, bigint or int, found "
                    + idType.simpleString(), 0, id, null);
        }
        List<org.apache.spark.sql.Column> selected = new ArrayList<>();
        selected.add(functions.col(id));
        for (String c : columns) {
            numeric(rows, present, c);
            selected.add(functions.col(c).cast(DataTypes.DoubleType));
        }
        if (label != null) {
            numeric(rows, present, label);
            selected.add(functions.col(label).cast(DataTypes.DoubleType));
        }
        if (weight != null) {
            numeric(rows, present, weight);
            selected.add(functions.col(weight).cast(DataTypes.DoubleType));
        }
        int d = columns.size();
        boolean hasLabel = label != null;
        boolean hasWeight = weight != null;
        List<String> names = List.copyOf(columns);
        SparkSession spark = rows.sparkSession();
        Dataset<Row> sorted = rows.select(selected.toArray(new org.apache.spark.sql.Column[0]))
                .sort(functions.col(id));
        return Jobs.run(spark, stage + ": prepare rows", () -> {
            int partitions = Math.max(1, rows.rdd().getNumPartitions());
            JavaPairRDD<Row, Long> numbered = sorted.javaRDD().zipWithIndex();
            long n = numbered.count();
            int chunkCount = (int) ((n + ChunkRunner.CHUNK_ROWS - 1) / ChunkRunner.CHUNK_ROWS);
            int parts = Math.max(1, Math.min(partitions, chunkCount));
            JavaRDD<Block> blocks = numbered
                    .mapToPair(t -> new Tuple2<>((int) (t._2() / ChunkRunner.CHUNK_ROWS), new Tuple2<>(t._2(), t._1())))
                    .groupByKey(new ChunkPartitioner(parts, chunkCount))
                    .map(g -> block(g._1(), g._2(), d, hasLabel, hasWeight, id, names, label, weight));
            blocks.persist(StorageLevel.MEMORY_ONLY());
            FeatureBlocks fb = new FeatureBlocks(spark, blocks, n, names);
            // materializes and checks every chunk; ids must increase strictly across chunk boundaries too
            List<Object[]> ends = fb.mapUnchecked(b -> new Object[] {b.first, b.last}, stage + ": prepare rows");
            if (ends.size() != chunkCount) {
                throw new IllegalStateException("expected " + chunkCount + " chunks, found " + ends.size());
            }
            for (int c = 1; c < ends.size(); c++) {
                if (ends.get(c)[0].equals(ends.get(c - 1)[1])) {
                    fb.close();
                    throw new InvalidDataException(id + " must be unique, found " + ends.get(c)[0] + " twice",
                            (long) c * ChunkRunner.CHUNK_ROWS, id, null);
                }
            }
            return fb;
        });
    }

    private static DataType type(Dataset<Row> rows, List<String> present, String column) {
        int i = present.indexOf(column);
        if (i < 0) {
            throw new InvalidDataException("rows must have the column \"" + column + "\", found " + present, 0,
                    column, null);
        }
        StructField f = rows.schema().fields()[i];
        return f.dataType();
    }

    private static void numeric(Dataset<Row> rows, List<String> present, String column) {
        DataType t = type(rows, present, column);
        if (!(t instanceof NumericType)) {
            throw new InvalidDataException("rows column \"" + column + "\" must be numeric, found "
                    + t.simpleString(), 0, column, null);
        }
    }

    private static Block block(int chunk, Iterable<Tuple2<Long, Row>> members, int d, boolean hasLabel,
            boolean hasWeight, String id, List<String> names, String label, String weight) {
        List<Tuple2<Long, Row>> list = new ArrayList<>();
        members.forEach(list::add);
        list.sort(Comparator.comparingLong(Tuple2::_1));
        int n = list.size();
        double[] x = new double[n * d];
        double[] y = hasLabel ? new double[n] : null;
        double[] w = hasWeight ? new double[n] : null;
        Object previous = null;
        for (int i = 0; i < n; i++) {
            Row r = list.get(i)._2();
            Object key = r.get(0);
            if (key == null) {
                throw new InvalidDataException(id + " must not be null, found null at row " + list.get(i)._1()
                        + " in " + id + " order", list.get(i)._1(), id, null);
            }
            if (key.equals(previous)) {
                throw new InvalidDataException(id + " must be unique, found " + key + " twice", list.get(i)._1(),
                        id, null);
            }
            previous = key;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = value(r, 1 + j, id, key, names.get(j));
            }
            if (hasLabel) {
                y[i] = value(r, 1 + d, id, key, label);
            }
            if (hasWeight) {
                double v = value(r, 1 + d + (hasLabel ? 1 : 0), id, key, weight);
                if (!(v > 0)) {
                    throw new InvalidDataException(id + " " + key + ", column " + weight
                            + ": weight must be > 0 and finite, found " + v, list.get(i)._1(), weight,
                            null);
                }
                w[i] = v;
            }
        }
        return new Block(chunk, n, x, y, w, list.get(0)._2().get(0), previous);
    }

    private static double value(Row r, int i, String id, Object key, String column) {
        if (r.isNullAt(i)) {
            throw new InvalidDataException(id + " " + key + ", column " + column + ": value must be finite, found null",
                    -1, column, null);
        }
        double v = r.getDouble(i);
        if (!(Math.abs(v) <= MAX_ABS)) {
            String constraint = Double.isFinite(v) ? "value must be at most " + MAX_ABS + " in magnitude, found " + v
                    : "value must be finite, found " + v;
            throw new InvalidDataException(id + " " + key + ", column " + column + ": " + constraint, -1, column,
                    null);
        }
        return v;
    }

    /** Assigns chunk c to partition {@code c * parts / chunks}: whole chunks, contiguous ranges. */
    private static final class ChunkPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int parts;
        private final int chunks;

        ChunkPartitioner(int parts, int chunks) {
            this.parts = parts;
            this.chunks = Math.max(1, chunks);
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((long) (Integer) key * parts / chunks);
        }
    }

    /** The number of rows. */
    long rows() {
        return rows;
    }

    /** The number of chunks. */
    int chunks() {
        return chunks;
    }

    /** The feature names, in column order. */
    List<String> names() {
        return names;
    }

    /** The session. */
    SparkSession spark() {
        return spark;
    }

    /**
     * Runs a data pass: one result per chunk, returned in chunk order (job {@code description}).
     *
     * @throws InvalidDataException as thrown by a task
     */
    <T extends Serializable> List<T> map(String description, Function<Block, T> pass) {
        return Jobs.run(spark, description, () -> mapUnchecked(pass, description));
    }

    private <T> List<T> mapUnchecked(Function<Block, T> pass, String description) {
        List<Tuple2<Integer, T>> out;
        try {
            out = blocks.map(b -> new Tuple2<>(b.chunk, pass.call(b))).collect();
        } catch (Exception e) { // RDD actions throw SparkException (checked in Java) undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidDataException) {
                    throw (InvalidDataException) t;
                }
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException(description + " failed", e);
        }
        List<Tuple2<Integer, T>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        List<T> results = new ArrayList<>(sorted.size());
        for (Tuple2<Integer, T> t : sorted) {
            results.add(t._2());
        }
        return results;
    }

    /** Drops the cached chunks. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
