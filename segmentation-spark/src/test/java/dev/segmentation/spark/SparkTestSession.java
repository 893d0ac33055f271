package dev.segmentation.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The test session: local[2], UI off, driver on 127.0.0.1, 4 shuffle partitions. One per test JVM: a class takes
 * it with {@link #start} in its {@code @BeforeAll} and gives it back with {@link #release} in its
 * {@code @AfterAll}, which drops the class's cached data and keeps the session for the next class (a session
 * start costs about 3 s idle, much more on a busy machine). Spark's shutdown hook stops it when the JVM exits. A
 * class that stops the session itself is fine too: the next {@link #start} makes a new one.
 */
final class SparkTestSession {
    private SparkTestSession() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName("segmentation-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    /** Drops the cached data and the listeners' effects of a class; the session stays for the next class. */
    static void release(SparkSession spark) {
        spark.catalog().clearCache();
        spark.sparkContext().setJobDescription(null);
    }
}
