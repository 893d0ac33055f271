package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cores read from a local master URL, which size the launcher's shuffle partitions (four per core). */
class SessionsTest {
    @Test
    void localCoresReadTheMasterUrl() {
        assertEquals(1, Sessions.localCores("local"));
        assertEquals(2, Sessions.localCores("local[2]"));
        assertEquals(3, Sessions.localCores("local[3,4]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), Sessions.localCores("local[*]"));
        assertEquals(1, Sessions.localCores("local-cluster[2,1,1024]"));
    }
}
