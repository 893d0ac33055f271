package dev.segmentation.spark;

import dev.segmentation.data.IngestReport;
import java.util.Collections;
import java.util.TreeMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counts of a {@link SparkIngest} read: rows read and kept, skips per reason (the keys of the single-JVM
 * {@link IngestReport}), exact duplicates, rows dated after the as-of date and netted cancellations.
 * Partitions' counts are summed (exact: they are longs), so the report does not depend on the partitioning.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkIngestReport {
    private final String source;
    private final long rowsRead;
    private final long rowsKept;
    private final Map<String, Long> skipped;
    private final long duplicates;
    private final long futureDates;
    private final long cancellationsNetted;
    private final long cancellationsUnmatched;
    private final int partitions;

    SparkIngestReport(String source, long rowsRead, long rowsKept, long[] skipped, long duplicates, long futureDates,
            long cancellationsNetted, long cancellationsUnmatched, int partitions) {
        this.source = source;
        this.rowsRead = rowsRead;
        this.rowsKept = rowsKept;
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < skipped.length; i++) {
            if (skipped[i] > 0) {
                m.put(SparkIngest.REASONS.get(i), skipped[i]);
            }
        }
        this.skipped = Collections.unmodifiableMap(m);
        this.duplicates = duplicates;
        this.futureDates = futureDates;
        this.cancellationsNetted = cancellationsNetted;
        this.cancellationsUnmatched = cancellationsUnmatched;
        this.partitions = partitions;
    }

    /**
     * Returns the name messages start with.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the number of input rows read.
     *
     * @return the count
     */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Returns the number of lines kept.
     *
     * @return the count
     */
    public long rowsKept() {
        return rowsKept;
    }

    /**
     * Returns the skipped rows per reason, only reasons with a count, sorted by key as {@link IngestReport#skipped()}.
     *
     * @return an unmodifiable map, as {@link IngestReport#skipped()}
     */
    public Map<String, Long> skipped() {
        return skipped;
    }

    /**
     * Returns the number of rows skipped for one reason.
     *
     * @param reason a reason key such as {@link IngestReport#CANCELLATION}; not null
     * @return the count, 0 for a reason without skips
     */
    public long skipped(String reason) {
        return skipped.getOrDefault(Objects.requireNonNull(reason, "reason"), 0L);
    }

    /**
     * Returns the number of exact duplicate rows ({@link IngestReport#duplicates()}), dropped or not.
     *
     * @return the count
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Returns the number of kept rows dated after the as-of date ({@link IngestReport#futureDates()}).
     *
     * @return the count
     */
    public long futureDates() {
        return futureDates;
    }

    /**
     * Returns the number of cancellations netted against an order ({@link IngestReport#cancellationsNetted()}).
     *
     * @return the count
     */
    public long cancellationsNetted() {
        return cancellationsNetted;
    }

    /**
     * Returns the number of cancellations without a matching order ({@link IngestReport#cancellationsUnmatched()}).
     *
     * @return the count
     */
    public long cancellationsUnmatched() {
        return cancellationsUnmatched;
    }

    /**
     * Returns the number of partitions the lines were read in.
     *
     * @return the count
     */
    public int partitions() {
        return partitions;
    }

    /**
     * Returns the counts.
     *
     * @return for example {@code SparkIngestReport{source=input, read=541909, kept=397884, skipped={...}, ...}}
     */
    @Override
    public String toString() {
        return "SparkIngestReport{source=" + source + ", read=" + rowsRead + ", kept=" + rowsKept + ", skipped="
                + skipped + ", duplicates=" + duplicates + ", futureDates=" + futureDates + ", cancellationsNetted="
                + cancellationsNetted + ", cancellationsUnmatched=" + cancellationsUnmatched + ", partitions="
                + partitions + "}";
    }
}
