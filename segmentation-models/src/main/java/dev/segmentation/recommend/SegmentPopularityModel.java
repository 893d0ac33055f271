package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import java.util.Arrays;
import java.util.Objects;

/**
 * Fitted per-segment popularity rankings (see {@link SegmentPopularity}).
 *
 * <p>Instances are immutable and safe for concurrent use. A recommendation allocates O(items).
 */
public final class SegmentPopularityModel implements Recommender, FittedModel {
    private final Provenance provenance;

    private final InteractionMatrix matrix;
    private final int[] segments;
    private final int[][] rankings;
    private final PopularityModel popularity;

    SegmentPopularityModel(InteractionMatrix matrix, int[] segments, int[][] rankings, PopularityModel popularity) {
        this.matrix = matrix;
        this.segments = segments;
        this.rankings = rankings;
        this.popularity = popularity;
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted model from its training matrix and segment labels (as read by
     * {@code dev.segmentation.persist}); the rankings are recomputed exactly as {@link SegmentPopularity#fit}
     * computes them. Equivalent to {@code SegmentPopularity.builder().build().fit(matrix, segments)}.
     *
     * @param matrix the training interactions, not null
     * @param segments the segment label of each customer index of the matrix, -1 for none. Not modified.
     * @return the model
     * @throws IllegalArgumentException if {@code segments.length != matrix.customers()}
     * @throws dev.segmentation.InvalidDataException if a label is below -1, naming the customer, the column
     *     {@code segment} and the value
     */
    public static SegmentPopularityModel of(InteractionMatrix matrix, int[] segments) {
        return SegmentPopularity.builder().build().fit(matrix, segments);
    }

    /**
     * Returns the training interactions.
     *
     * @return the matrix (immutable)
     */
    public InteractionMatrix matrix() {
        return matrix;
    }

    /**
     * Returns the segment label of each customer index of the training matrix (-1 for none).
     *
     * @return a new array of length {@code matrix().customers()}
     */
    public int[] segmentLabels() {
        return segments.clone();
    }

    /**
     * Returns the number of segments (largest label + 1).
     *
     * @return the segment count
     */
    public int segments() {
        return rankings.length;
    }

    /**
     * Returns the items bought within a segment, most buyers first.
     *
     * @param segment a segment label in {@code [0, segments())}
     * @return a new array of item indices
     * @throws IndexOutOfBoundsException if the label is out of range
     */
    public int[] ranking(int segment) {
        Objects.checkIndex(segment, rankings.length);
        return rankings[segment].clone();
    }

    /**
     * {@inheritDoc} The customer's segment ranking, then the global one.
     */
    @Override
    public int[] recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        boolean known = customer >= 0 && customer < matrix.customers();
        int segment = known ? segments[customer] : -1;
        return list(segment, customer, n, excludeSeen && known);
    }

    /**
     * Recommends for a customer not in the training matrix whose segment is known: the segment's ranking, then the
     * global one. An unknown label (below 0 or not seen in training) gives the global popularity list.
     *
     * @param segment the segment label
     * @param n the list length, at least 1
     * @return a new array of at most {@code n} distinct item indices
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     */
    public int[] recommendSegment(int segment, int n) {
        TopN.checkN(n);
        return list(segment, -1, n, false);
    }

    private int[] list(int segment, int customer, int n, boolean excludeSeen) {
        if (segment < 0 || segment >= rankings.length) {
            return popularity.recommend(customer, n, excludeSeen);
        }
        int items = matrix.items();
        int[] out = new int[Math.min(n, items)];
        boolean[] taken = new boolean[items];
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        int size = 0;
        for (int j : rankings[segment]) {
            if (size == out.length) {
                break;
            }
            if (excludeSeen && Arrays.binarySearch(cols, rowPtr[customer], rowPtr[customer + 1], j) >= 0) {
                continue;
            }
            out[size++] = j;
            taken[j] = true;
        }
        if (size < out.length) {
            size = popularity.fill(customer, excludeSeen, out, size, taken);
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    @Override
    public String toString() {
        return "SegmentPopularityModel{segments=" + rankings.length + ", trainer=SegmentPopularity{}}";
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
    private SegmentPopularityModel(SegmentPopularityModel source, Provenance provenance) {
        this.matrix = source.matrix;
        this.segments = source.segments;
        this.rankings = source.rankings;
        this.popularity = source.popularity;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public SegmentPopularityModel withProvenance(Provenance provenance) {
        return new SegmentPopularityModel(this, provenance);
    }

    /**
     * {@inheritDoc} Always {@link #matrix()}.
     */
    @Override
    public java.util.Optional<InteractionMatrix> trainingMatrix() {
        return java.util.Optional.of(matrix);
    }
}
