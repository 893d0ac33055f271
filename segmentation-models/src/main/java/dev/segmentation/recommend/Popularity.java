package dev.segmentation.recommend;

import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * The popularity baseline: items ranked by the number of distinct customers who bought them in the training
 * matrix (ties by lower item index); items nobody bought are never recommended. It is also the cold-start answer
 * of every recommender in this package. {@code Popularity.builder().build().fit(matrix)}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class Popularity {
    private Popularity() {
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
     * Ranks the items of a matrix. O(nnz + items log items).
     *
     * @param matrix the training interactions; not null. Not modified.
     * @return the fitted model
     */
    public PopularityModel fit(InteractionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int items = matrix.items();
        int[] colPtr = matrix.colPtrRef();
        int bought = 0;
        for (int j = 0; j < items; j++) {
            if (colPtr[j + 1] > colPtr[j]) {
                bought++;
            }
        }
        Integer[] order = new Integer[bought];
        int q = 0;
        for (int j = 0; j < items; j++) {
            if (colPtr[j + 1] > colPtr[j]) {
                order[q++] = j;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int ca = colPtr[a + 1] - colPtr[a];
            int cb = colPtr[b + 1] - colPtr[b];
            return ca != cb ? Integer.compare(cb, ca) : Integer.compare(a, b);
        });
        int[] ranked = new int[bought];
        for (int k = 0; k < bought; k++) {
            ranked[k] = order[k];
        }
        return new PopularityModel(matrix, ranked)
                .withProvenance(Provenance.builder(this).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.valuesRef())).notIterative().build());
    }

    @Override
    public String toString() {
        return "Popularity{}";
    }

    /** Builder of {@link Popularity}; there is nothing to set. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * Builds the trainer.
         *
         * @return a new trainer
         */
        public Popularity build() {
            return new Popularity();
        }
    }
}
