package dev.segmentation.spark;

import org.apache.spark.sql.SparkSession;

/** The test session: local[2], UI off, driver on 127.0.0.1, 4 shuffle partitions. One per test class. */
final class SparkTestSession {
    private SparkTestSession() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
