package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.LloydBounds;
import dev.segmentation.internal.ChunkRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.Partitioner;
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
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * The rows of a fit held by Spark as fixed chunks of {@link ChunkRunner#CHUNK_ROWS} rows in the order of an id
 * column: the Spark form of the single-JVM chunk runners' fixed chunks.
 *
 * <p>The rows are sorted by the id column (which must be unique) with a SQL sort and numbered from 0; chunk c
 * holds rows {@code [c * CHUNK_ROWS, (c + 1) * CHUNK_ROWS)} whole, in one partition, and is cached in memory as
 * primitive arrays. The preparation is, for persisted rows, one pass checking whether they already come in id
 * order (then they are not sorted: that pass's counts serve) and, if not, one SQL sort (its rows cross the
 * shuffle in Spark's binary row format) and one pass counting the rows of each sorted partition; then one pass
 * packing each partition's rows into {@code double[]} pieces at their global row numbers: a chunk that lies
 * inside one sorted partition is complete there and never moves; only the pieces of the chunks that straddle two
 * or more sorted partitions (at most one chunk per partition boundary, each under {@code CHUNK_ROWS} rows) are
 * shuffled, as arrays, concatenated in row order and kept in the sorted partition that holds the chunk's first
 * row, so that a data pass is one task per sorted partition. A data pass ({@link #map}) computes one partial
 * result per chunk and returns them in chunk order, so a reduction merged in that order is bit-identical whatever
 * the number and order of the input partitions, and equals the single-JVM reduction over the same fixed chunks of
 * a matrix in id order.
 */
final class FeatureBlocks implements AutoCloseable {
    /** Values larger than this in magnitude are refused, as the single-JVM clustering trainers do. */
    static final double MAX_ABS = 1e150;

    /**
     * One chunk, or while preparing a piece of one: n rows of d features (row-major) starting at row
     * {@code rowsBefore} of the id order, with an optional label and weight per row.
     */
    static final class Block implements Serializable {
        private static final long serialVersionUID = 2L;
        /** The chunk index: the block holds rows of chunk {@code rowsBefore / CHUNK_ROWS}. */
        final int chunk;
        /** The number of rows before the block's first row in id order ({@code chunk * CHUNK_ROWS} for a chunk). */
        final long rowsBefore;
        final int n;
        final double[] x;
        final double[] y;
        final double[] w;
        /** The first and last id of the block (to check uniqueness across blocks). */
        final Object first;
        final Object last;
        /**
         * The k-means bounds of the chunk's rows, kept with the cached chunk from one Lloyd pass to the next; not
         * shipped (a chunk read from elsewhere starts without them, which changes only the speed).
         */
        private transient LloydBounds bounds;

        Block(int chunk, long rowsBefore, int n, double[] x, double[] y, double[] w, Object first, Object last) {
            this.chunk = chunk;
            this.rowsBefore = rowsBefore;
            this.n = n;
            this.x = x;
            this.y = y;
            this.w = w;
            this.first = first;
            this.last = last;
        }

        /** The chunk's k-means bounds (made on first use). */
        synchronized LloydBounds bounds() {
            if (bounds == null) {
                bounds = new LloydBounds();
            }
            return bounds;
        }
    }

    /** What a packing task needs besides its rows. */
    private static final class Layout implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] starts;
        final long rows;
        final int d;
        final boolean hasLabel;
        final boolean hasWeight;
        final String id;
        final List<String> names;
        final String label;
        final String weight;

        Layout(long[] starts, long rows, int d, boolean hasLabel, boolean hasWeight, String id, List<String> names,
                String label, String weight) {
            this.starts = starts;
            this.rows = rows;
            this.d = d;
            this.hasLabel = hasLabel;
            this.hasWeight = hasWeight;
            this.id = id;
            this.names = names;
            this.label = label;
            this.weight = weight;
        }

        /** The number of rows of chunk c. */
        int chunkRows(long c) {
            return (int) Math.min(ChunkRunner.CHUNK_ROWS, rows - c * ChunkRunner.CHUNK_ROWS);
        }

        /** Whether a piece is a whole chunk. */
        boolean whole(Block b) {
            return b.rowsBefore == (long) b.chunk * ChunkRunner.CHUNK_ROWS && b.n == chunkRows(b.chunk);
        }
    }

    private final SparkSession spark;
    private final JavaRDD<Block> blocks;
    private final long rows;
    private final int chunks;
    private final List<String> names;
    private final boolean inPlace;

    private FeatureBlocks(SparkSession spark, JavaRDD<Block> blocks, long rows, List<String> names,
            boolean inPlace) {
        this.spark = spark;
        this.inPlace = inPlace;
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
        Dataset<Row> input = rows.select(selected.toArray(new org.apache.spark.sql.Column[0]));
        return Jobs.run(spark, stage + ": prepare rows", () -> {
            // persisted rows that already come in id order (each partition increasing, the partitions in order)
            // are packed where they are; others are sorted, and one RDD serves both passes over the sort's output,
            // so that the second reads its shuffle files instead of sorting again. Rows not persisted are not
            // checked: the check would compute them once more before the sort.
            JavaRDD<Row> inputRows = input.javaRDD();
            boolean persisted = !rows.storageLevel().equals(StorageLevel.NONE());
            long[] counts = persisted ? countsInIdOrder(inputRows) : null;
            boolean inPlace = counts != null;
            JavaRDD<Row> sortedRows = inPlace ? inputRows : input.sort(functions.col(id)).javaRDD();
            int partitions = sortedRows.getNumPartitions();
            if (!inPlace) {
                counts = new long[partitions];
                for (Tuple2<Integer, Long> c : sortedRows.mapPartitionsWithIndex((p, it) -> {
                    long m = 0;
                    for (; it.hasNext(); it.next()) {
                        m++;
                    }
                    return Collections.singletonList(new Tuple2<>(p, m)).iterator();
                }, false).collect()) {
                    counts[c._1()] = c._2();
                }
            }
            long[] starts = new long[partitions];
            long n = 0;
            for (int p = 0; p < partitions; p++) {
                starts[p] = n;
                n += counts[p];
            }
            int chunkCount = (int) ((n + ChunkRunner.CHUNK_ROWS - 1) / ChunkRunner.CHUNK_ROWS);
            Layout layout = new Layout(starts, n, d, hasLabel, hasWeight, id, names, label, weight);
            JavaRDD<Block> pieces = sortedRows.mapPartitionsWithIndex((p, it) -> pack(p, it, layout).iterator(),
                    false);
            pieces.persist(StorageLevel.MEMORY_ONLY());
            try {
                // a straddling chunk is joined in the sorted partition that holds its first row and cached
                // there, after that partition's whole chunks: one task per sorted partition in every data pass
                // (a union would add a task per straddling partition, most of them empty or nearly so)
                JavaRDD<Block> straddling = pieces.filter(b -> !layout.whole(b))
                        .mapToPair(b -> new Tuple2<>(b.chunk, b))
                        .groupByKey(new OwnerPartitioner(starts, n))
                        .map(g -> join(g._2(), layout));
                JavaRDD<Block> blocks = pieces.zipPartitions(straddling, (whole, joined) -> {
                    List<Block> own = new ArrayList<>();
                    whole.forEachRemaining(b -> {
                        if (layout.whole(b)) {
                            own.add(b);
                        }
                    });
                    joined.forEachRemaining(own::add);
                    return own.iterator();
                });
                blocks.persist(StorageLevel.MEMORY_ONLY());
                if (spark.sparkContext().isLocal()) {
                    // one JVM: no executor can be lost, so the cached chunks need no lineage. Truncating it spares
                    // every task of every data pass deserializing the plan that produced the rows (about 7 ms a
                    // task at 1 M rows); Spark adds disk to the storage level, so an evicted chunk is spilled, not
                    // lost. On a cluster the lineage stays, so that a lost executor's chunks are recomputed.
                    blocks.rdd().localCheckpoint();
                }
                FeatureBlocks fb = new FeatureBlocks(spark, blocks, n, names, inPlace);
                // materializes and checks every chunk; ids must increase strictly across chunk boundaries too
                List<Object[]> ends;
                try {
                    ends = fb.mapUnchecked(b -> new Object[] {b.first, b.last}, stage + ": prepare rows");
                } catch (RuntimeException e) {
                    fb.close();
                    throw e;
                }
                if (ends.size() != chunkCount) {
                    fb.close();
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
            } finally {
                // the whole chunks stay cached as the same objects in the chunks' RDD
                pieces.unpersist(false);
            }
        });
    }

    /**
     * The rows per partition when the rows already come in id order (within each partition strictly increasing,
     * and each non-empty partition's first id above the previous non-empty partition's last, in Spark's sort
     * order: numbers by value, strings by their UTF-8 bytes), else null (also when an id is null: the sort path
     * then names it). One pass over the input, no shuffle.
     */
    private static long[] countsInIdOrder(JavaRDD<Row> rows) {
        int partitions = rows.getNumPartitions();
        List<Object[]> stats = rows.mapPartitionsWithIndex((p, it) -> {
            long m = 0;
            boolean ordered = true;
            Object first = null;
            Object previous = null;
            while (it.hasNext()) {
                Object key = it.next().get(0);
                if (key == null || (m > 0 && ordered && compareIds(previous, key) >= 0)) {
                    ordered = false;
                }
                if (m == 0) {
                    first = key;
                }
                previous = key;
                m++;
            }
            return Collections.singletonList(new Object[] {p, m, ordered, first, previous}).iterator();
        }, false).collect();
        long[] counts = new long[partitions];
        Object[][] byPartition = new Object[partitions][];
        for (Object[] s : stats) {
            byPartition[(Integer) s[0]] = s;
        }
        Object last = null;
        for (int p = 0; p < partitions; p++) {
            Object[] s = byPartition[p];
            counts[p] = (Long) s[1];
            if (!(Boolean) s[2]) {
                return null;
            }
            if (counts[p] > 0) {
                if (last != null && compareIds(last, s[3]) >= 0) {
                    return null;
                }
                last = s[4];
            }
        }
        return counts;
    }

    /** Spark's ascending order of two non-null ids of one column: numbers by value, strings by UTF-8 bytes. */
    static int compareIds(Object a, Object b) {
        if (a instanceof String x) {
            return UTF8String.fromString(x).compareTo(UTF8String.fromString((String) b));
        }
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
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

    /**
     * Packs the rows of sorted partition p into pieces cut at the global chunk boundaries: whole chunks, and at
     * either end possibly a piece of a chunk that straddles the neighbouring partition.
     */
    private static List<Block> pack(int p, Iterator<Row> rows, Layout layout) {
        List<Block> out = new ArrayList<>();
        long g = layout.starts[p];
        long end = p + 1 < layout.starts.length ? layout.starts[p + 1] : layout.rows;
        int d = layout.d;
        while (g < end) {
            int chunk = (int) (g / ChunkRunner.CHUNK_ROWS);
            long chunkEnd = Math.min((long) (chunk + 1) * ChunkRunner.CHUNK_ROWS, layout.rows);
            int n = (int) (Math.min(chunkEnd, end) - g);
            double[] x = new double[n * d];
            double[] y = layout.hasLabel ? new double[n] : null;
            double[] w = layout.hasWeight ? new double[n] : null;
            Object first = null;
            Object previous = null;
            for (int i = 0; i < n; i++) {
                if (!rows.hasNext()) {
                    throw new IllegalStateException("partition " + p + " of the sorted rows has fewer rows than "
                            + "counted: " + (g + i - layout.starts[p]) + " of " + (end - layout.starts[p]));
                }
                Row r = rows.next();
                long row = g + i;
                Object key = r.get(0);
                if (key == null) {
                    throw new InvalidDataException(layout.id + " must not be null, found null at row " + row + " in "
                            + layout.id + " order", row, layout.id, null);
                }
                if (key.equals(previous)) {
                    throw new InvalidDataException(layout.id + " must be unique, found " + key + " twice", row,
                            layout.id, null);
                }
                if (i == 0) {
                    first = key;
                }
                previous = key;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = value(r, 1 + j, layout.id, key, layout.names.get(j));
                }
                if (layout.hasLabel) {
                    y[i] = value(r, 1 + d, layout.id, key, layout.label);
                }
                if (layout.hasWeight) {
                    double v = value(r, 1 + d + (layout.hasLabel ? 1 : 0), layout.id, key, layout.weight);
                    if (!(v > 0)) {
                        throw new InvalidDataException(layout.id + " " + key + ", column " + layout.weight
                                + ": weight must be finite and > 0, found " + v, row, layout.weight, null);
                    }
                    w[i] = v;
                }
            }
            out.add(new Block(chunk, g, n, x, y, w, first, previous));
            g += n;
        }
        if (rows.hasNext()) {
            throw new IllegalStateException("partition " + p + " of the sorted rows has more rows than counted ("
                    + (end - layout.starts[p]) + ")");
        }
        return out;
    }

    /** Concatenates the pieces of one straddling chunk in row order, checking the ids where they meet. */
    private static Block join(Iterable<Block> members, Layout layout) {
        List<Block> list = new ArrayList<>();
        members.forEach(list::add);
        list.sort(Comparator.comparingLong(b -> b.rowsBefore));
        Block head = list.get(0);
        int d = layout.d;
        int n = 0;
        for (Block b : list) {
            n += b.n;
        }
        if (n != layout.chunkRows(head.chunk) || head.rowsBefore != (long) head.chunk * ChunkRunner.CHUNK_ROWS) {
            throw new IllegalStateException("chunk " + head.chunk + " was cut into pieces of " + n + " rows in all, "
                    + "expected " + layout.chunkRows(head.chunk));
        }
        double[] x = new double[n * d];
        double[] y = layout.hasLabel ? new double[n] : null;
        double[] w = layout.hasWeight ? new double[n] : null;
        int o = 0;
        Object previous = null;
        for (Block b : list) {
            if (b.first.equals(previous)) {
                throw new InvalidDataException(layout.id + " must be unique, found " + b.first + " twice",
                        b.rowsBefore, layout.id, null);
            }
            System.arraycopy(b.x, 0, x, o * d, b.n * d);
            if (y != null) {
                System.arraycopy(b.y, 0, y, o, b.n);
            }
            if (w != null) {
                System.arraycopy(b.w, 0, w, o, b.n);
            }
            o += b.n;
            previous = b.last;
        }
        return new Block(head.chunk, head.rowsBefore, n, x, y, w, head.first, previous);
    }

    private static double value(Row r, int i, String id, Object key, String column) {
        if (r.isNullAt(i)) {
            throw InvalidDataException.cell(null, -1, id + " " + key, column, "finite", "null");
        }
        double v = r.getDouble(i);
        if (!(Math.abs(v) <= MAX_ABS)) {
            String constraint = Double.isFinite(v) ? "at most " + MAX_ABS + " in magnitude" : "finite";
            throw InvalidDataException.cell(null, -1, id + " " + key, column, constraint, String.valueOf(v));
        }
        return v;
    }

    /**
     * Assigns a chunk to the sorted partition that holds its first row (the last non-empty partition starting at
     * or before it), so that a straddling chunk, once joined, lives with that partition's whole chunks.
     */
    static final class OwnerPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final long[] starts;
        private final long rows;

        OwnerPartitioner(long[] starts, long rows) {
            this.starts = starts.clone();
            this.rows = rows;
        }

        @Override
        public int numPartitions() {
            return starts.length;
        }

        @Override
        public int getPartition(Object key) {
            return owner((long) (Integer) key * ChunkRunner.CHUNK_ROWS);
        }

        /** The partition whose rows include global row {@code row}: starts[p] <= row < the next start. */
        int owner(long row) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) { // the last p with starts[p] <= row; empty partitions share their start with the next
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= row) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OwnerPartitioner other && Arrays.equals(starts, other.starts)
                    && rows == other.rows;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(starts) * 31 + Long.hashCode(rows);
        }
    }

    /** The number of rows. */
    long rows() {
        return rows;
    }

    /** Whether the rows came in id order and were packed where they were, without the sort. */
    boolean packedInPlace() {
        return inPlace;
    }

    /** The number of partitions of the cached chunks: the tasks of a data pass. */
    int partitions() {
        return blocks.getNumPartitions();
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
        List<Tuple2<Integer, T>> out = collect(blocks.map(b -> new Tuple2<>(b.chunk, pass.call(b))), description);
        List<Tuple2<Integer, T>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        List<T> results = new ArrayList<>(sorted.size());
        for (Tuple2<Integer, T> t : sorted) {
            results.add(t._2());
        }
        return results;
    }

    /**
     * Runs a data pass with one result per task (job {@code description}): {@code pass} gets the chunks of one
     * cached partition, in no particular order, and the results come back in no particular order, for a caller
     * whose results say which chunks they cover.
     *
     * @throws InvalidDataException as thrown by a task
     */
    <T extends Serializable> List<T> mapTasks(String description, Function<Iterator<Block>, T> pass) {
        return Jobs.run(spark, description, () -> collect(
                blocks.mapPartitions(it -> Collections.singletonList(pass.call(it)).iterator()), description));
    }

    /** Collects an RDD, rethrowing a task's InvalidDataException as itself. */
    private static <T> List<T> collect(JavaRDD<T> rdd, String description) {
        try {
            return rdd.collect();
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
    }

    /**
     * Drops the cached chunks. With a local master their lineage was truncated, and {@code RDD.unpersist} would log
     * a warning that they cannot be recomputed once dropped: true, and of no concern here, as they are dropped for
     * good. {@code SparkContext.unpersistRDD} (private to Spark in Scala, public in bytecode) drops them the same
     * way without the warning; a Spark without it gets {@code unpersist}.
     */
    @Override
    public void close() {
        if (spark.sparkContext().isLocal()) {
            try {
                spark.sparkContext().unpersistRDD(blocks.id(), false);
                return;
            } catch (LinkageError e) {
                // another Spark: unpersist below, with its warning
            }
        }
        blocks.unpersist(false);
    }

    /** The id of the cached chunks' RDD. */
    int rddId() {
        return blocks.id();
    }
}
