package dev.segmentation.data;

import java.util.Objects;

/**
 * What {@link TransactionCsv} read: the transaction log of the rows it kept and the report of what it read,
 * kept and skipped.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class IngestResult {
    private final TransactionLog log;
    private final IngestReport report;

    IngestResult(TransactionLog log, IngestReport report) {
        this.log = Objects.requireNonNull(log, "log");
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Returns the log of the kept rows, in file order.
     *
     * @return the transaction log; never null
     */
    public TransactionLog log() {
        return log;
    }

    /**
     * Returns the report: rows read and kept, skipped rows per reason with examples, and the log's counts.
     *
     * @return the ingest report; never null
     */
    public IngestReport report() {
        return report;
    }

    @Override
    public String toString() {
        return "IngestResult{" + report + "}";
    }
}
