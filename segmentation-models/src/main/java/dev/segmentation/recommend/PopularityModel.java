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
        boolean known = customer >= 0 && customer < matrix.customers();
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        for (int k = 0; k < ranked.length && size < out.length; k++) {
            int j = ranked[k];
            if (taken != null && taken[j]) {
                continue;
            }
            if (excludeSeen && known && Arrays.binarySearch(cols, rowPtr[customer], rowPtr[customer + 1], j) >= 0) {
                continue;
            }
            out[size++] = j;
        }
        return size;
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
}
