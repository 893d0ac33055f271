package dev.segmentation.recommend;

import java.util.Objects;

/**
 * A recommender evaluated on a temporal split: ranking metrics over every user with a test item, over the
 * cold-start users among them, and catalogue coverage. The command line's {@code recommend evaluate} is this
 * call plus output formatting.
 *
 * <p>Lists are computed with {@link Recommender#recommendAll(int[], int, boolean, int)}; every list is
 * independent, so the result is the same for every thread count.
 *
 * @param all the metrics over {@link TemporalSplit#users()}
 * @param coldStart the metrics over {@link TemporalSplit#coldStartUsers()}
 * @param catalogue the number of items with at least one training customer: the coverage denominator
 * @param coverage the distinct recommended items of {@code all} over {@code catalogue} (0 for an empty catalogue)
 */
public record RecommenderEvaluation(RankingMetrics all, RankingMetrics coldStart, int catalogue, double coverage) {
    /**
     * Evaluates a fitted recommender.
     *
     * @param recommender the recommender, fitted on {@code train}; not null
     * @param train the training interactions (their items make the catalogue); not null
     * @param test the test interactions, indexed like the training matrix; not null
     * @param split the split that gave them (its users and cold-start users); not null
     * @param k the list length, {@code >= 1}
     * @param excludeSeen whether items the customer has in training are left out of the lists
     * @param threads the number of threads, {@code >= 1}
     * @return the evaluation
     * @throws IllegalArgumentException if {@code k < 1} or {@code threads < 1}
     */
    public static RecommenderEvaluation of(Recommender recommender, InteractionMatrix train, InteractionMatrix test,
            TemporalSplit split, int k, boolean excludeSeen, int threads) {
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(split, "split");
        RankingMetrics all = metrics(recommender, test, split.users(), k, excludeSeen, threads);
        RankingMetrics cold = metrics(recommender, test, split.coldStartUsers(), k, excludeSeen, threads);
        int catalogue = catalogue(train);
        return new RecommenderEvaluation(all, cold, catalogue,
                catalogue == 0 ? 0.0 : (double) all.distinctItems() / catalogue);
    }

    /**
     * Ranking metrics of a recommender's top-k lists against the users' test items.
     *
     * @param recommender the recommender; not null
     * @param test the test interactions; not null
     * @param users the users to evaluate (customer indices of the training matrix); not null. Not modified.
     * @param k the list length, {@code >= 1}
     * @param excludeSeen whether items the customer has in training are left out of the lists
     * @param threads the number of threads, {@code >= 1}
     * @return the metrics
     */
    public static RankingMetrics metrics(Recommender recommender, InteractionMatrix test, int[] users, int k,
            boolean excludeSeen, int threads) {
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(users, "users");
        int[][] lists = recommender.recommendAll(users, k, excludeSeen, threads);
        int[][] relevant = new int[users.length][];
        for (int q = 0; q < users.length; q++) {
            relevant[q] = test.itemsOf(users[q]);
        }
        return RankingMetrics.of(lists, relevant, k);
    }

    /**
     * The catalogue a recommender can cover: the items with at least one training customer.
     *
     * @param train the training interactions; not null
     * @return the number of such items
     */
    public static int catalogue(InteractionMatrix train) {
        Objects.requireNonNull(train, "train");
        int catalogue = 0;
        for (int j = 0; j < train.items(); j++) {
            catalogue += train.customersOf(j) > 0 ? 1 : 0;
        }
        return catalogue;
    }
}
