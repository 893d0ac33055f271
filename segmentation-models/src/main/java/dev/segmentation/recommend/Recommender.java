package dev.segmentation.recommend;

import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import java.util.Optional;

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

    /**
     * Recommends for many customers at once: {@code result[q] = recommend(customers[q], n, excludeSeen)}. The
     * customers are split into fixed chunks of 256 run on {@code threads} threads (a pool living for this call);
     * every list is computed independently, so the result is the same for every thread count.
     *
     * @param customers customer indices (unknown ones get the cold-start answer); not null. Not modified.
     * @param n the list length, at least 1
     * @param excludeSeen whether items the customer has in the training matrix are left out
     * @param threads the number of threads, at least 1
     * @return one new list per customer, in the order of {@code customers}
     * @throws IllegalArgumentException if {@code n < 1} ({@code "n must be >= 1, found 0"}) or
     *     {@code threads < 1} ({@code "threads must be >= 1, found 0"})
     */
    default int[][] recommendAll(int[] customers, int n, boolean excludeSeen, int threads) {
        java.util.Objects.requireNonNull(customers, "customers");
        TopN.checkN(n);
        ParamChecks.threads(threads);
        int[] who = customers.clone();
        int[][] out = new int[who.length][];
        try (ChunkRunner run = new ChunkRunner(threads, "recommend")) {
            run.map(who.length, 256, (from, to) -> {
                for (int q = from; q < to; q++) {
                    out[q] = recommend(who[q], n, excludeSeen);
                }
                return null;
            });
        }
        return out;
    }

    /**
     * Returns why this recommender lists {@code item} for {@code customer}, as fields (see {@link Recommendation}).
     * The default, for a ranking that does not depend on the customer's history, is
     * {@link Recommendation.Reason#POPULAR}; item kNN answers {@link Recommendation.Reason#SIMILAR_ITEMS} with the
     * customer's items that lead to the item (or {@code POPULAR} when none does) and implicit ALS
     * {@link Recommendation.Reason#SIMILAR_CUSTOMERS}.
     *
     * @param customer the customer index of the training matrix; an unknown customer gets the cold-start reason
     * @param item an item index of the training matrix, at least 0
     * @return the recommendation of {@code item} with its reason
     * @throws IllegalArgumentException if {@code item < 0}: {@code "item must be >= 0, found -1"}
     * @throws IndexOutOfBoundsException if an implementation checks the item against its matrix and it is out of
     *     range
     */
    default Recommendation recommendation(int customer, int item) {
        return Recommendation.popular(item);
    }

    /**
     * Returns the interactions this recommender was fitted on, whose customer and item indices its lists use.
     * The default, for a recommender that does not keep them, is empty; the library's recommenders return theirs.
     *
     * @return the training matrix, or empty when not kept
     */
    default Optional<InteractionMatrix> trainingMatrix() {
        return Optional.empty();
    }
}
