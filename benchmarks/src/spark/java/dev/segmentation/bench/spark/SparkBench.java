package dev.segmentation.bench.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
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
            spark.sparkContext().addSparkListener(new StageTimes());
        }
        return spark;
    }

    /**
     * Prints every job's wall time as it ends ({@code # job <ms> <description or call site>}), so that one fit
     * shows where its time goes: the preparation, each Lloyd iteration (ours are described
     * {@code segments: k-means iteration 7}; MLlib's are its {@code collectAsMap at KMeans.scala} jobs). With
     * {@code -Dsparkbench.gaps=true} it also prints, as a job starts, the time since the previous job ended
     * ({@code # gap <ms> before <description>}): between two Lloyd iterations, the driver's side (merging the
     * results, the update step, the next job's closure and submission).
     */
    private static final class JobTimes extends SparkListener {
        private final Map<Integer, long[]> started = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();
        private long lastEnd = -1;

        @Override
        public synchronized void onJobStart(SparkListenerJobStart start) {
            started.put(start.jobId(), new long[] {start.time()});
            java.util.Properties p = start.properties();
            String d = p == null ? null : p.getProperty("spark.job.description");
            String site = start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name();
            String name = d != null ? d : String.valueOf(site);
            names.put(start.jobId(), name);
            if (lastEnd >= 0 && started.size() == 1 && Boolean.getBoolean("sparkbench.gaps")) {
                System.out.printf("# gap %d ms before %s%n", start.time() - lastEnd, name);
            }
        }

        @Override
        public synchronized void onJobEnd(SparkListenerJobEnd end) {
            long[] t = started.remove(end.jobId());
            String name = names.remove(end.jobId());
            lastEnd = end.time();
            if (t != null && Boolean.getBoolean("sparkbench.jobs")) {
                System.out.printf("# job %d ms %s%n", end.time() - t[0], name);
            }
        }
    }

    /**
     * With {@code -Dsparkbench.tasks=true}, prints every completed stage's task metrics summed over its tasks
     * ({@code # stage <ms> tasks=<n> run=<ms> cpu=<ms> gc=<ms> deserialize=<ms> resultSerialize=<ms>
     * resultBytes=<b> toFirstLaunch=<ms> afterLastTask=<ms> <name>}, the last two from the stage's submission to
     * its first task's launch and from its last task's end to the stage's completion): the stage's wall time against
     * the time its tasks ran and the CPU time they used, so that a job's own work shows apart from its overhead, and
     * on a loaded machine the work apart from the waiting.
     */
    private static final class StageTimes extends SparkListener {
        /** Per stage: the first task launch and the last task end (epoch ms). */
        private final Map<Integer, long[]> spans = new HashMap<>();

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            long[] span = spans.computeIfAbsent(end.stageId(), id -> new long[] {Long.MAX_VALUE, 0});
            span[0] = Math.min(span[0], end.taskInfo().launchTime());
            span[1] = Math.max(span[1], end.taskInfo().finishTime());
        }

        @Override
        public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
            StageInfo s = completed.stageInfo();
            if (!Boolean.getBoolean("sparkbench.tasks") || s.taskMetrics() == null) {
                return;
            }
            var m = s.taskMetrics();
            long submitted = (Long) s.submissionTime().get();
            long completedAt = (Long) s.completionTime().get();
            long[] span = spans.remove(s.stageId());
            long toFirstLaunch = span == null ? -1 : span[0] - submitted;
            long afterLastTask = span == null ? -1 : completedAt - span[1];
            System.out.printf("# stage %d ms tasks=%d run=%d cpu=%.1f gc=%d deserialize=%d resultSerialize=%d "
                    + "resultBytes=%d toFirstLaunch=%d afterLastTask=%d %s%n", completedAt - submitted, s.numTasks(),
                    m.executorRunTime(), m.executorCpuTime() / 1e6, m.jvmGCTime(), m.executorDeserializeTime(),
                    m.resultSerializationTime(), m.resultSize(), toFirstLaunch, afterLastTask, s.name());
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
