package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void starts() {
        SparkSession s = SparkTestSession.start("smoke");
        assertEquals(10, s.range(10).count());
        s.stop();
    }
}
