package dev.segmentation.bench.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of a benchmark JVM and the data cached in it, shared by every benchmark and parameter
 * combination run in that JVM (run JMH with {@code -f 0}, so that ours and MLlib use the same session and the same
 * cached rows): {@code local[2]}, UI off, driver on 127.0.0.1, 2 shuffle partitions, logs at WARN.
 */
final class SparkBench {
    private static SparkSession spark;
    private static final Map<String, Dataset<Row>> CACHED = new HashMap<>();

    private SparkBench() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("segmentation spark benchmarks")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            spark.sparkContext().addSparkListener(new JobTimes());
        }
        return spark;
    }

    /**
     * Prints every job's wall time as it ends ({@code # job <ms> <description or call site>}), so that one fit
     * shows where its time goes: the preparation, each Lloyd iteration (ours are described
     * {@code segments: k-means iteration 7}; MLlib's are its {@code collectAsMap at KMeans.scala} jobs).
     */
    private static final class JobTimes extends SparkListener {
        private final Map<Integer, long[]> started = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();

        @Override
        public synchronized void onJobStart(SparkListenerJobStart start) {
            started.put(start.jobId(), new long[] {start.time()});
            java.util.Properties p = start.properties();
            String d = p == null ? null : p.getProperty("spark.job.description");
            String site = start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name();
            names.put(start.jobId(), d != null ? d : String.valueOf(site));
        }

        @Override
        public synchronized void onJobEnd(SparkListenerJobEnd end) {
            long[] t = started.remove(end.jobId());
            String name = names.remove(end.jobId());
            if (t != null && Boolean.getBoolean("sparkbench.jobs")) {
                System.out.printf("# job %d ms %s%n", end.time() - t[0], name);
            }
        }
    }

    /** The data under a key: made, cached and counted once per JVM, then shared. */
    static synchronized Dataset<Row> cached(String key, Supplier<Dataset<Row>> make) {
        Dataset<Row> d = CACHED.get(key);
        if (d == null) {
            long start = System.nanoTime();
            d = make.get().cache();
            long rows = d.count();
            System.out.printf("# data %s: %d rows cached in %.1f s%n", key, rows, (System.nanoTime() - start) / 1e9);
            CACHED.put(key, d);
        }
        return d;
    }
}
