package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk offsets near 2^31 (issue 19 audit): {@code from += size} wrapped negative past Integer.MAX_VALUE. */
class ChunksAtScaleTest {
    @Test
    void chunksCoverTheWholeIntRangeOnceInOrder() {
        int n = Integer.MAX_VALUE;
        int size = 1 << 20;
        try (Chunks run = new Chunks(1)) {
            List<long[]> parts = run.map(n, size, (from, to) -> new long[] {from, to});
            long expectedFrom = 0;
            for (long[] p : parts) {
                assertEquals(expectedFrom, p[0]);
                expectedFrom = p[1];
            }
            assertEquals(n, expectedFrom);
            assertEquals((n + (long) size - 1) / size, parts.size());
        }
        try (Chunks run = new Chunks(2)) {
            List<long[]> parts = run.map(n, size, (from, to) -> new long[] {from, to});
            assertEquals(n, parts.get(parts.size() - 1)[1]);
            assertEquals(2048, parts.size());
        }
    }
}
