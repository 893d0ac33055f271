package dev.segmentation.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Records the descriptions of the jobs started after it is attached (the listener bus is asynchronous). */
final class JobRecorder extends SparkListener {
    private final List<String> descriptions = new ArrayList<>();
    private final SparkSession spark;

    private JobRecorder(SparkSession spark) {
        this.spark = spark;
    }

    static JobRecorder attach(SparkSession spark) {
        JobRecorder r = new JobRecorder(spark);
        spark.sparkContext().addSparkListener(r);
        return r;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        descriptions.add(d == null ? "(none)" : d);
    }

    /** The descriptions so far, after the listener bus has delivered every event posted before this call. */
    List<String> descriptions() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            spark.sparkContext().removeSparkListener(this);
            return List.copyOf(descriptions);
        }
    }
}
