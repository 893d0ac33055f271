package dev.segmentation.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How customers moved between segments: for the customers known to a previous bundle's catalog (its training
 * customers) who are also in the new result, the number per (old segment, new segment) pair.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SegmentMovement {
    private final List<String> from;
    private final List<String> to;
    private final long[][] counts;
    private final long customers;

    private SegmentMovement(List<String> from, List<String> to, long[][] counts) {
        this.from = List.copyOf(from);
        this.to = List.copyOf(to);
        this.counts = counts;
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        this.customers = total;
    }

    /**
     * Counts the movement of the customers in both.
     *
     * @param previous the previous catalog; not null
     * @param ids the new result's customer ids; not null. Not modified.
     * @param labels the new segment of each, as many. Not modified.
     * @param names the new segment names by id; not null
     * @return the movement
     */
    static SegmentMovement of(SegmentCatalog previous, String[] ids, int[] labels, List<String> names) {
        Objects.requireNonNull(previous, "previous");
        Map<String, Integer> old = previous.membership();
        long[][] counts = new long[previous.segments().size()][names.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer o = old.get(ids[i]);
            if (o != null && labels[i] >= 0) {
                counts[o][labels[i]]++;
            }
        }
        return new SegmentMovement(previous.names(), names, counts);
    }

    /**
     * A movement from counts made elsewhere, e.g. summed over the partitions of a distributed scoring (counts are
     * exact, so the sum equals one count over all the customers).
     *
     * @param fromNames the previous segments' names, by old id; not null
     * @param toNames the new segments' names, by new id; not null
     * @param counts the customers per (old id, new id): {@code fromNames.size()} rows of {@code toNames.size()}
     *     counts, each {@code >= 0}; not null. Copied.
     * @return the movement
     * @throws IllegalArgumentException if the counts' shape differs from the names' or a count is negative
     */
    public static SegmentMovement of(List<String> fromNames, List<String> toNames, long[][] counts) {
        Objects.requireNonNull(fromNames, "fromNames");
        Objects.requireNonNull(toNames, "toNames");
        Objects.requireNonNull(counts, "counts");
        if (counts.length != fromNames.size()) {
            throw new IllegalArgumentException("counts must have a row per previous segment, " + fromNames.size()
                    + ", found " + counts.length);
        }
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != toNames.size()) {
                throw new IllegalArgumentException("counts row " + i + " must have a count per new segment, "
                        + toNames.size() + ", found " + counts[i].length);
            }
            for (int j = 0; j < counts[i].length; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException("counts must be >= 0, found " + counts[i][j] + " at (" + i
                            + ", " + j + ")");
                }
            }
            copy[i] = counts[i].clone();
        }
        return new SegmentMovement(fromNames, toNames, copy);
    }

    /**
     * Returns the previous segments' names, by old id.
     *
     * @return an immutable list
     */
    public List<String> fromNames() {
        return from;
    }

    /**
     * Returns the new segments' names, by new id.
     *
     * @return an immutable list
     */
    public List<String> toNames() {
        return to;
    }

    /**
     * Returns the count of customers who were in old segment {@code from} and are in new segment {@code to}.
     *
     * @param from the old id
     * @param to the new id
     * @return the count
     * @throws IndexOutOfBoundsException if an id is out of range
     */
    public long count(int from, int to) {
        return counts[from][to];
    }

    /**
     * Returns the number of customers in both.
     *
     * @return the count
     */
    public long customers() {
        return customers;
    }

    /**
     * Returns the number of customers in both whose segment id changed.
     *
     * @return the count
     */
    public long moved() {
        long m = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                if (i != j) {
                    m += counts[i][j];
                }
            }
        }
        return m;
    }

    /**
     * One non-zero cell of the movement.
     *
     * @param fromId the old segment id
     * @param fromName its name
     * @param toId the new segment id
     * @param toName its name
     * @param customers the number of customers
     */
    public record Flow(int fromId, String fromName, int toId, String toName, long customers) {
    }

    /**
     * Lists the non-zero cells, by old id then new id.
     *
     * @return an unmodifiable list
     */
    public List<Flow> flows() {
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                if (counts[i][j] > 0) {
                    out.add(new Flow(i, from.get(i), j, to.get(j), counts[i][j]));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the movement as ordered fields for JSON, the {@code movement} object of the {@code score} command:
     * {@code customers}, {@code moved} and {@code flows} (per non-zero cell {@code from}, {@code fromName},
     * {@code to}, {@code toName}, {@code customers}).
     *
     * @return a new ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customers", customers);
        out.put("moved", moved());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Flow f : flows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", f.fromId());
            row.put("fromName", f.fromName());
            row.put("to", f.toId());
            row.put("toName", f.toName());
            row.put("customers", f.customers());
            rows.add(row);
        }
        out.put("flows", rows);
        return out;
    }

    @Override
    public String toString() {
        return "SegmentMovement{customers=" + customers + ", moved=" + moved() + "}";
    }
}
