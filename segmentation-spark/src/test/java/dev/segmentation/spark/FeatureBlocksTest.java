package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ChunkRunner;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The preparation packs the SQL-sorted partitions into the fixed id-ordered chunks: with the sort's output in 1, 3
 * or 7 partitions (shuffle partitions set, AQE's coalescing off, so that chunks straddle two or three sorted
 * partitions), every chunk holds exactly its rows, in id order, with its label and weight.
 */
class FeatureBlocksTest {
    /** Three whole chunks and a short fourth one. */
    private static final long N = 3L * ChunkRunner.CHUNK_ROWS + 123;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("FeatureBlocksTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** Row with id i (ids a permutation of 0..N-1 over 5 input partitions): a = 10 i, b = 10 i + 1. */
    private static Dataset<Row> rows() {
        return spark.range(0, N, 1, 5).select(functions.col("id").multiply(7919).mod(N).as("id"))
                .select(functions.col("id"), functions.col("id").multiply(10).as("a"),
                        functions.col("id").multiply(10).plus(1).as("b"), functions.col("id").mod(2).as("y"),
                        functions.col("id").mod(3).plus(1).as("w"));
    }

    private static <T> T sortedInto(int partitions, Supplier<T> action) {
        String shuffle = spark.conf().get("spark.sql.shuffle.partitions");
        String coalesce = spark.conf().get("spark.sql.adaptive.coalescePartitions.enabled", "true");
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
        spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        try {
            return action.get();
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", shuffle);
            spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", coalesce);
        }
    }

    /** Row with id i for i in [from, to) over the given partitions, in id order: the columns of {@link #rows()}. */
    private static Dataset<Row> inOrder(long from, long to, int partitions) {
        return spark.range(from, to, 1, partitions).select(functions.col("id"),
                functions.col("id").multiply(10).as("a"), functions.col("id").multiply(10).plus(1).as("b"),
                functions.col("id").mod(2).as("y"), functions.col("id").mod(3).plus(1).as("w"));
    }

    /** Each chunk's index, first row, rows, rows with a wrong value, first and last id. */
    private static List<long[]> layout(FeatureBlocks blocks) {
        assertEquals(N, blocks.rows());
        assertEquals(4, blocks.chunks());
        return blocks.map("test: layout", b -> {
            long wrong = 0;
            for (int i = 0; i < b.n; i++) {
                long id = b.rowsBefore + i;
                wrong += b.x[2 * i] == 10.0 * id && b.x[2 * i + 1] == 10.0 * id + 1 && b.y[i] == id % 2
                        && b.w[i] == id % 3 + 1 ? 0 : 1;
            }
            return new long[] {b.chunk, b.rowsBefore, b.n, wrong, (Long) b.first, (Long) b.last};
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void chunksAreTheFixedIdOrderedChunksWhateverTheSortedPartitions(int partitions) {
        List<long[]> layout = sortedInto(partitions, () -> {
            try (FeatureBlocks blocks = FeatureBlocks.of("test", rows(), "id", List.of("a", "b"), "y", "w")) {
                return layout(blocks);
            }
        });
        assertFixedChunks(layout);
    }

    /**
     * Persisted rows already in id order are packed where they are (no sort), into the same chunks; rows whose
     * partitions are each in order but not in order one after another, or not persisted, are sorted.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void persistedRowsInIdOrderArePackedInPlaceIntoTheSameChunks(int partitions) {
        Dataset<Row> ordered = inOrder(0, N, partitions).cache();
        Dataset<Row> swapped = inOrder(N / 2, N, partitions).union(inOrder(0, N / 2, partitions)).cache();
        try {
            // the same rows in a plan that is not cached (a plan equal to a cached one reads the cache)
            Dataset<Row> notPersisted = inOrder(0, N, partitions).filter(functions.col("id").geq(0));
            for (Dataset<Row> rows : List.of(ordered, swapped, notPersisted)) {
                try (FeatureBlocks blocks = FeatureBlocks.of("test", rows, "id", List.of("a", "b"), "y", "w")) {
                    assertEquals(rows == ordered, blocks.packedInPlace());
                    assertFixedChunks(layout(blocks));
                }
            }
        } finally {
            ordered.unpersist();
            swapped.unpersist();
        }
    }

    /**
     * A data pass is one task per sorted partition: a chunk that straddles two or more partitions is cached, once
     * joined, in the partition that holds its first row (here rows in id order over 1, 3 or 7 even partitions,
     * packed in place, so that partition p holds rows [p N / P, (p + 1) N / P)).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void aDataPassIsOneTaskPerSortedPartitionWithEachChunkWhereItsFirstRowIs(int partitions) {
        Dataset<Row> ordered = inOrder(0, N, partitions).cache();
        try (FeatureBlocks blocks = FeatureBlocks.of("test", ordered, "id", List.of("a", "b"), "y", "w")) {
            assertEquals(true, blocks.packedInPlace());
            assertEquals(partitions, blocks.partitions());
            List<long[]> where = blocks.map("test: where", b -> new long[] {b.chunk,
                    org.apache.spark.TaskContext.getPartitionId()});
            assertEquals(4, where.size());
            for (long[] w : where) {
                long first = w[0] * ChunkRunner.CHUNK_ROWS;
                long owner = -1;
                for (int q = 0; q < partitions; q++) {
                    if (q * N / partitions <= first && first < (q + 1) * N / partitions) {
                        owner = q;
                    }
                }
                assertEquals(owner, w[1], "chunk " + w[0]);
            }
        } finally {
            ordered.unpersist();
        }
    }

    /** Closing drops the cached chunks (with a local master, lineage truncated, without Spark's warning). */
    @Test
    void closingDropsTheCachedChunks() {
        Dataset<Row> ordered = inOrder(0, N, 3).cache();
        try {
            FeatureBlocks blocks = FeatureBlocks.of("test", ordered, "id", List.of("a", "b"), "y", "w");
            int id = blocks.rddId();
            assertEquals(true, spark.sparkContext().getPersistentRDDs().contains(id));
            assertEquals(true, spark.sparkContext().getRDDStorageInfo().length > 0);
            blocks.close();
            assertEquals(false, spark.sparkContext().getPersistentRDDs().contains(id));
            for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
                assertEquals(false, info.id() == id, "RDD " + id + " still stored");
            }
        } finally {
            ordered.unpersist();
        }
    }

    /** Empty sorted partitions own nothing: a chunk goes to the non-empty partition holding its first row. */
    @Test
    void aChunksOwnerSkipsEmptyPartitions() {
        FeatureBlocks.OwnerPartitioner owner = new FeatureBlocks.OwnerPartitioner(
                new long[] {0, 0, 5000, 5000, 9000, 12000}, 12000);
        assertEquals(6, owner.numPartitions());
        assertEquals(1, owner.getPartition(0));
        assertEquals(1, owner.getPartition(1));
        assertEquals(3, owner.getPartition(2));
        assertEquals(4, owner.owner(9000));
        assertEquals(4, owner.owner(11999));
        assertEquals(3, owner.owner(5000));
        assertEquals(1, owner.owner(4999));
    }

    @Test
    void aRepeatedIdInRowsOtherwiseInOrderIsNamed() {
        Dataset<Row> rows = inOrder(0, 6001, 3).union(inOrder(6000, N, 2)).cache();
        try {
            InvalidDataException e = assertThrows(InvalidDataException.class,
                    () -> FeatureBlocks.of("test", rows, "id", List.of("a", "b"), null, null));
            assertEquals("id must be unique, found 6000 twice", e.getMessage());
        } finally {
            rows.unpersist();
        }
    }

    @Test
    void idsCompareInSparksSortOrder() {
        assertEquals(-1, Integer.signum(FeatureBlocks.compareIds(9L, 10L)));
        assertEquals(-1, Integer.signum(FeatureBlocks.compareIds(-3, 2)));
        assertEquals(0, FeatureBlocks.compareIds("c1", "c1"));
        assertEquals(1, Integer.signum(FeatureBlocks.compareIds("c9", "c10")));
        // UTF-8 byte order, not UTF-16: U+FF61 sorts before U+1F600 (a surrogate pair, whose first unit is above)
        assertEquals(-1, Integer.signum(FeatureBlocks.compareIds("\uFF61", "\uD83D\uDE00")));
        assertEquals(1, Integer.signum("\uFF61".compareTo("\uD83D\uDE00")));
    }

    private static void assertFixedChunks(List<long[]> layout) {
        int r = ChunkRunner.CHUNK_ROWS;
        assertEquals(4, layout.size());
        assertArrayEquals(new long[] {0, 0, r, 0, 0, r - 1}, layout.get(0));
        assertArrayEquals(new long[] {1, r, r, 0, r, 2 * r - 1}, layout.get(1));
        assertArrayEquals(new long[] {2, 2 * r, r, 0, 2 * r, 3 * r - 1}, layout.get(2));
        assertArrayEquals(new long[] {3, 3 * r, 123, 0, 3 * r, N - 1}, layout.get(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void aRepeatedIdIsNamedWhereverItFalls(int partitions) {
        // 4095 ends chunk 0, its copy starts chunk 1; 6000 repeats inside chunk 1
        for (long twice : new long[] {ChunkRunner.CHUNK_ROWS - 1, 6000}) {
            Dataset<Row> rows = rows().union(rows().filter(functions.col("id").equalTo(twice)));
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> sortedInto(partitions,
                    () -> FeatureBlocks.of("test", rows, "id", List.of("a", "b"), null, null)));
            assertEquals("id must be unique, found " + twice + " twice", e.getMessage());
        }
        Dataset<Row> nullId = rows().withColumn("id", functions.when(functions.col("id").equalTo(17), null)
                .otherwise(functions.col("id")));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> sortedInto(partitions,
                () -> FeatureBlocks.of("test", nullId, "id", List.of("a", "b"), null, null)));
        assertEquals("id must not be null, found null at row 0 in id order", e.getMessage());
    }

    @Test
    void anEmptyInputHasNoChunk() {
        try (FeatureBlocks blocks = FeatureBlocks.of("test", rows().limit(0), "id", List.of("a", "b"), null, null)) {
            assertEquals(0, blocks.rows());
            assertEquals(List.of(), blocks.map("test: layout", b -> b.n));
        }
    }
}
