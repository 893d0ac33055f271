package dev.segmentation.recommend;

/**
 * A fitted recommender: ranked item indices for a customer index of the training
 * {@link InteractionMatrix}. Implementations are immutable and safe for concurrent use.
 */
public interface Recommender {
    /**
     * Returns up to {@code n} distinct item indices, best first. A customer outside the training matrix or with
     * no training interactions gets the cold-start (popularity) answer; no exception is thrown for it.
     *
     * @param customer the customer index of the training matrix
     * @param n the list length, at least 1
     * @param excludeSeen whether items the customer has in the training matrix are left out
     * @return a new array of at most {@code n} distinct item indices; shorter only when the catalogue runs out
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     */
    int[] recommend(int customer, int n, boolean excludeSeen);
}
