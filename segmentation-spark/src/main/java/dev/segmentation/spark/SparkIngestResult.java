package dev.segmentation.spark;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link SparkIngest#read} returns: the kept lines as a {@code Dataset<Row>} in
 * {@link SparkIngest#LINE_SCHEMA} and the report of the read.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never returned.
 */
public final class SparkIngestResult {
    private final Dataset<Row> lines;
    private final SparkIngestReport report;
    private final Dataset<Row> cached;

    SparkIngestResult(Dataset<Row> lines, SparkIngestReport report, Dataset<Row> cached) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.report = Objects.requireNonNull(report, "report");
        this.cached = cached;
    }

    /**
     * Returns the kept lines, one row per line, in {@link SparkIngest#LINE_SCHEMA}; the lines of one customer are
     * in one partition. Computed by the read's pass, which is cached.
     *
     * @return the lines
     */
    public Dataset<Row> lines() {
        return lines;
    }

    /**
     * Returns the counts of the read.
     *
     * @return the report
     */
    public SparkIngestReport report() {
        return report;
    }

    /**
     * Frees the cached pass; {@link #lines()} is recomputed from the input if used afterwards.
     */
    public void unpersist() {
        cached.unpersist();
    }

    /**
     * Returns the report's form.
     *
     * @return for example {@code SparkIngestResult{SparkIngestReport{...}}}
     */
    @Override
    public String toString() {
        return "SparkIngestResult{" + report + "}";
    }
}
