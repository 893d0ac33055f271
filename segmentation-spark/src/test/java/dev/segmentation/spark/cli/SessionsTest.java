package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The cores read from a local master URL, which size the launcher's shuffle partitions (four per core) and the
 * driver's threads.
 */
class SessionsTest {
    @Test
    void localCoresReadTheMasterUrl() {
        assertEquals(1, Sessions.localCores("local"));
        assertEquals(2, Sessions.localCores("local[2]"));
        assertEquals(3, Sessions.localCores("local[3,4]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), Sessions.localCores("local[*]"));
        assertEquals(1, Sessions.localCores("local-cluster[2,1,1024]"));
    }

    /** The driver's fits between jobs use a local master's cores, else spark.driver.cores. */
    @Test
    void driverThreadsAreTheLocalCoresOrTheDriverCores() {
        assertEquals(2, Sessions.driverThreads("local[2]", 1));
        assertEquals(1, Sessions.driverThreads("local", 8));
        assertEquals(4, Sessions.driverThreads("spark://host:7077", 4));
        assertEquals(1, Sessions.driverThreads("yarn", 0));
    }

    /** Spark's local minimum is 450 MB (471,859,200 bytes): below it, one line that says how to give more. */
    @Test
    void aHeapBelowSparksLocalMinimumIsRefusedWithOneLine() {
        assertEquals(471_859_200L, Sessions.MIN_LOCAL_HEAP_BYTES);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sessions.requireLocalHeap(471_859_199L, false));
        assertEquals("the Java heap of 449 MB is below the 450 MB Spark needs in local mode; run with a larger heap, "
                + "e.g. JAVA_OPTS=-Xmx4g segmentation-spark ... (spark-submit: --driver-memory 4g)", e.getMessage());
        Sessions.requireLocalHeap(471_859_200L, false);
        Sessions.requireLocalHeap(1L << 20, true); // spark.testing.memory replaces the heap in Spark's own check
    }
}
