package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.internal.ChunkRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recommenders' range split, {@link ChunkRunner#map(int, int, ChunkRunner.Range)} (which replaced
 * {@code recommend/Chunks}): chunk offsets near 2^31 (issue 19 audit): {@code from += size} wrapped negative past
 * Integer.MAX_VALUE.
 */
class ChunksAtScaleTest {
    @Test
    void chunksCoverTheWholeIntRangeOnceInOrder() {
        int n = Integer.MAX_VALUE;
        int size = 1 << 20;
        try (ChunkRunner run = new ChunkRunner(1, "recommend")) {
            List<long[]> parts = run.map(n, size, (from, to) -> new long[] {from, to});
            long expectedFrom = 0;
            for (long[] p : parts) {
                assertEquals(expectedFrom, p[0]);
                expectedFrom = p[1];
            }
            assertEquals(n, expectedFrom);
            assertEquals((n + (long) size - 1) / size, parts.size());
        }
        try (ChunkRunner run = new ChunkRunner(2, "recommend")) {
            List<long[]> parts = run.map(n, size, (from, to) -> new long[] {from, to});
            assertEquals(n, parts.get(parts.size() - 1)[1]);
            assertEquals(2048, parts.size());
        }
    }
}
