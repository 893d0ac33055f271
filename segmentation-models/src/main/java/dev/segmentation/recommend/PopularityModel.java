package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted popularity ranking (see {@link Popularity}).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class PopularityModel implements Recommender, FittedModel {
    private final Provenance provenance;

    private final InteractionMatrix matrix;
    private final int[] ranked;

    PopularityModel(InteractionMatrix matrix, int[] ranked) {
        this.matrix = matrix;
        this.ranked = ranked;
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Returns every bought item, most popular first.
     *
     * @return a new array of item indices
     */
    public int[] ranking() {
        return ranked.clone();
    }

    /**
     * {@inheritDoc} O(n + seen items) typically; scans the ranking past excluded items.
     */
    @Override
    public int[] recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        int[] out = new int[Math.min(n, ranked.length)];
        int size = fill(customer, excludeSeen, out, 0, null);
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /**
     * Appends popular items to {@code out} from position {@code size}, skipping seen items when asked and items
     * already marked in {@code taken} (may be null). Returns the new size.
     */
    int fill(int customer, boolean excludeSeen, int[] out, int size, boolean[] taken) {
        if (customer < 0 || customer >= matrix.customers()) {
            return fill(ranked, null, 0, 0, false, out, size, taken);
        }
        int[] rowPtr = matrix.rowPtrRef();
        return fill(ranked, matrix.colsRef(), rowPtr[customer], rowPtr[customer + 1], excludeSeen, out, size, taken);
    }

    /**
     * Appends items of the ranking {@code ranked} to {@code out} from position {@code size}, skipping the
     * history's items {@code seen[from..to)} (increasing) when asked and items already marked in {@code taken}
     * (may be null). Returns the new size. The one popularity fill of every recommender.
     */
    static int fill(int[] ranked, int[] seen, int from, int to, boolean excludeSeen, int[] out, int size,
            boolean[] taken) {
        for (int k = 0; k < ranked.length && size < out.length; k++) {
            int j = ranked[k];
            if (taken != null && taken[j]) {
                continue;
            }
            if (excludeSeen && to > from && Arrays.binarySearch(seen, from, to, j) >= 0) {
                continue;
            }
            out[size++] = j;
        }
        return size;
    }

    /**
     * Recommends from a given history instead of a training customer's row: the most popular items, the
     * history's items left out when asked. For a training customer's row the list is bit for bit
     * {@code recommend(u, n, excludeSeen)}.
     *
     * @param items the history's item indices, strictly increasing, each in {@code [0, matrix().items())}; not
     *     null. Not modified.
     * @param weights the history's weights, aligned with {@code items}, finite and {@code > 0} (not used by the
     *     ranking; checked as item kNN checks them); not null. Not modified.
     * @param n the list length, at least 1
     * @param excludeSeen whether the history's items are left out
     * @return a new array of at most {@code n} distinct item indices
     * @throws IllegalArgumentException if {@code n < 1} ({@code "n must be >= 1, found 0"}) or the history breaks
     *     a constraint, e.g. {@code "weights must have 2 values (one per item), found 1"}
     */
    public int[] recommend(int[] items, double[] weights, int n, boolean excludeSeen) {
        TopN.checkN(n);
        NeighborLists.checkHistory(items, weights, matrix.items());
        int[] out = new int[Math.min(n, ranked.length)];
        int size = fill(ranked, items, 0, items.length, excludeSeen, out, 0, null);
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /** The ranking itself (never written). */
    int[] rankedRef() {
        return ranked;
    }

    @Override
    public String toString() {
        return "PopularityModel{items=" + ranked.length + ", trainer=Popularity{}}";
    }

    /**
     * Returns the training interactions the ranking was computed from (and seen items are excluded with).
     *
     * @return the matrix (immutable)
     */
    public InteractionMatrix matrix() {
        return matrix;
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private PopularityModel(PopularityModel source, Provenance provenance) {
        this.matrix = source.matrix;
        this.ranked = source.ranked;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public PopularityModel withProvenance(Provenance provenance) {
        return new PopularityModel(this, provenance);
    }

    /**
     * {@inheritDoc} Always {@link #matrix()}.
     */
    @Override
    public java.util.Optional<InteractionMatrix> trainingMatrix() {
        return java.util.Optional.of(matrix);
    }
}
