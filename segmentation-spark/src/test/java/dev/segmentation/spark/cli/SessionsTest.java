package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
