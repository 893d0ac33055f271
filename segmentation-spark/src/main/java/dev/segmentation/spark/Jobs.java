package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/** Runs Spark actions under a job description and unwraps the library's errors thrown inside tasks. */
final class Jobs {
    private Jobs() {
    }

    /**
     * Runs an action with the job description set (shown by the Spark UI and the listeners as
     * {@code spark.job.description}), restoring the previous description after.
     */
    static <T> T run(SparkSession spark, String description, Supplier<T> action) {
        SparkContext sc = spark.sparkContext();
        String previous = sc.getLocalProperty("spark.job.description");
        sc.setJobDescription(description);
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            sc.setJobDescription(previous);
        }
    }

    /** The library exception (InvalidDataException, IllegalArgumentException) a task threw, else the error. */
    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidDataException) {
                return (InvalidDataException) t;
            }
        }
        return e;
    }
}
