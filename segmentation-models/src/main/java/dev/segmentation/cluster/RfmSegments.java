package dev.segmentation.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link RfmSegmenterModel#segment(dev.segmentation.features.FeatureMatrix)}: per row the R, F, M
 * scores (1..5), the combined FM score and the segment name.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never returned.
 */
public final class RfmSegments {
    private final byte[] r;
    private final byte[] f;
    private final byte[] m;
    private final int[] label;
    private final List<String> names;

    RfmSegments(byte[] r, byte[] f, byte[] m, int[] label, List<String> names) {
        this.r = r;
        this.f = f;
        this.m = m;
        this.label = label;
        this.names = List.copyOf(names);
    }

    /**
     * Returns the number of rows.
     *
     * @return n
     */
    public int rows() {
        return r.length;
    }

    /**
     * Returns a row's recency score.
     *
     * @param row the row, 0-based
     * @return 1..5, 5 for the most recent customers
     */
    public int r(int row) {
        return r[row];
    }

    /**
     * Returns a row's frequency score.
     *
     * @param row the row, 0-based
     * @return 1..5
     */
    public int f(int row) {
        return f[row];
    }

    /**
     * Returns a row's monetary score.
     *
     * @param row the row, 0-based
     * @return 1..5
     */
    public int m(int row) {
        return m[row];
    }

    /**
     * Returns a row's combined frequency-monetary score, {@link RfmSegmenterModel#fm(int, int)}.
     *
     * @param row the row, 0-based
     * @return 1..5
     */
    public int fm(int row) {
        return (f[row] + m[row] + 1) / 2;
    }

    /**
     * Returns a row's segment name.
     *
     * @param row the row, 0-based
     * @return the name
     */
    public String name(int row) {
        return names.get(label[row]);
    }

    /**
     * Returns a row's segment as an index into {@link #names()}.
     *
     * @param row the row, 0-based
     * @return the index
     */
    public int label(int row) {
        return label[row];
    }

    /**
     * Returns every row's segment index into {@link #names()}.
     *
     * @return a new array of n labels
     */
    public int[] labels() {
        return label.clone();
    }

    /**
     * Returns the model's segment names (the label space).
     *
     * @return an immutable list
     */
    public List<String> names() {
        return names;
    }

    /**
     * Counts the rows per segment.
     *
     * @return a new map from every name of {@link #names()}, in that order, to its count (possibly 0); the counts
     *     sum to {@link #rows()}
     */
    public Map<String, Integer> counts() {
        int[] c = new int[names.size()];
        for (int l : label) {
            c[l]++;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int j = 0; j < c.length; j++) {
            out.put(names.get(j), c[j]);
        }
        return out;
    }

    /**
     * Describes the counts.
     *
     * @return e.g. {@code RfmSegments{rows=4338, counts={Lost=..., ...}}}
     */
    @Override
    public String toString() {
        return "RfmSegments{rows=" + rows() + ", counts=" + counts() + "}";
    }
}
