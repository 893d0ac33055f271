package dev.segmentation.recommend;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * Segment popularity: for a customer of segment {@code s}, the items ranked by the number of distinct customers
 * of {@code s} who bought them in the training matrix (ties by lower item index), completed by the global
 * {@link Popularity} ranking. Customers outside the matrix or without a segment (label -1) get the global
 * popularity answer; {@link SegmentPopularityModel#recommendSegment} serves a new customer whose segment is
 * known. {@code SegmentPopularity.builder().build().fit(matrix, segments)}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class SegmentPopularity {
    private SegmentPopularity() {
    }

    /**
     * Returns a new builder (no hyperparameters).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Ranks the items within each segment. O(nnz + segments x items log items).
     *
     * @param matrix the training interactions; not null. Not modified.
     * @param segments the segment label of each customer index of the matrix, -1 for none; not null. Not
     *     modified.
     * @return the fitted model
     * @throws IllegalArgumentException if {@code segments.length != matrix.customers()}
     * @throws InvalidDataException if a label is below -1, naming the customer (row), the column
     *     {@code segment} and the value
     */
    public SegmentPopularityModel fit(InteractionMatrix matrix, int[] segments) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(segments, "segments");
        if (segments.length != matrix.customers()) {
            throw new IllegalArgumentException("segments length must be customers = " + matrix.customers()
                    + ", found " + segments.length);
        }
        int count = 0;
        for (int u = 0; u < segments.length; u++) {
            if (segments[u] < -1) {
                throw new InvalidDataException("row " + u + ", column segment: segment must be >= -1, found "
                        + segments[u], u, "segment", null);
            }
            count = Math.max(count, segments[u] + 1);
        }
        int items = matrix.items();
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        int[][] buyers = new int[count][items];
        for (int u = 0; u < segments.length; u++) {
            if (segments[u] >= 0) {
                for (int q = rowPtr[u]; q < rowPtr[u + 1]; q++) {
                    buyers[segments[u]][cols[q]]++;
                }
            }
        }
        int[][] rankings = new int[count][];
        for (int s = 0; s < count; s++) {
            int[] b = buyers[s];
            rankings[s] = java.util.stream.IntStream.range(0, items).filter(j -> b[j] > 0).boxed()
                    .sorted((x, y) -> b[x] != b[y] ? Integer.compare(b[y], b[x]) : Integer.compare(x, y))
                    .mapToInt(Integer::intValue).toArray();
        }
        return new SegmentPopularityModel(matrix, segments.clone(), rankings,
                Popularity.builder().build().fit(matrix))
                .withProvenance(Provenance.builder(this).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.values())).notIterative().build());
    }

    @Override
    public String toString() {
        return "SegmentPopularity{}";
    }

    /** Builder of {@link SegmentPopularity}; there is nothing to set. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * Builds the trainer.
         *
         * @return a new trainer
         */
        public SegmentPopularity build() {
            return new SegmentPopularity();
        }
    }
}
