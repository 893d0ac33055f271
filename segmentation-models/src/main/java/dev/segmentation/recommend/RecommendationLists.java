package dev.segmentation.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Top-n lists with a reason per item, as a command line or a report shows them: a customer with training
 * interactions gets the recommender's list, each item with {@link Recommender#recommendation(int, int)}'s reason;
 * a list shorter than {@code n} (or the empty list of a customer without interactions) is completed from the
 * popularity ranking of the customer's segment ({@link Recommendation.Reason#POPULAR_IN_SEGMENT}: items by the
 * number of distinct customers of the segment who bought them, as {@link SegmentPopularity} ranks them) when the
 * customer has one, else from the global ranking ({@link Recommendation.Reason#POPULAR}, as {@link Popularity}),
 * leaving out items already listed and, when asked, the customer's own items. A segment's ranking only holds items
 * its customers bought, so a segment's list is not completed further: such a list, like one whose customer bought
 * most of the catalogue, stays shorter than {@code n}.
 *
 * <pre>{@code
 * RecommendationLists lists = RecommendationLists.of(ItemKnn.builder().build().fit(matrix), matrix, segments);
 * for (Recommendation r : lists.recommend(customer, 10, true)) { ... r.item() ... r.reason() ... }
 * }</pre>
 *
 * <p>Building costs O(nnz + segments x items log items) for the rankings; a list costs the recommender's
 * {@code recommend} plus O(items). Instances are immutable and safe for concurrent use (the recommenders of this
 * package are). Null is never accepted or returned.
 */
public final class RecommendationLists {
    private final Recommender recommender;
    private final InteractionMatrix matrix;
    private final int[] segments;
    private final int[] popular;
    private final int[][] bySegment;

    private RecommendationLists(Recommender recommender, InteractionMatrix matrix, int[] segments) {
        this.recommender = recommender;
        this.matrix = matrix;
        this.segments = segments;
        this.popular = Popularity.builder().build().fit(matrix).rankedRef();
        SegmentPopularityModel s = SegmentPopularity.builder().build().fit(matrix, segments);
        this.bySegment = new int[s.segments()][];
        for (int g = 0; g < bySegment.length; g++) {
            bySegment[g] = s.ranking(g);
        }
    }

    /**
     * Lists of a recommender, completed by global popularity only (no segments).
     *
     * @param recommender the fitted recommender; not null
     * @param matrix the interactions it was fitted on (its customer and item indices; seen items); not null. Not
     *     modified.
     * @return the lists
     */
    public static RecommendationLists of(Recommender recommender, InteractionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int[] none = new int[matrix.customers()];
        Arrays.fill(none, -1);
        return of(recommender, matrix, none);
    }

    /**
     * Lists of a recommender, completed by each customer's segment ranking.
     *
     * @param recommender the fitted recommender; not null
     * @param matrix the interactions it was fitted on (its customer and item indices; seen items); not null. Not
     *     modified.
     * @param segments the segment label of each customer index of the matrix, -1 for none; not null. Not
     *     modified.
     * @return the lists
     * @throws IllegalArgumentException if {@code segments.length != matrix.customers()}:
     *     {@code "segments length must be customers = 3, found 2"}
     * @throws dev.segmentation.InvalidDataException if a label is below -1, naming the customer (row), the column
     *     {@code segment} and the value
     */
    public static RecommendationLists of(Recommender recommender, InteractionMatrix matrix, int[] segments) {
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(segments, "segments");
        return new RecommendationLists(recommender, matrix, segments.clone());
    }

    /**
     * Returns the number of items somebody bought in the matrix: the length of the global popularity ranking, the
     * longest list its completion can give.
     *
     * @return the count of bought items
     */
    public int boughtItems() {
        return popular.length;
    }

    /**
     * Returns the list of one customer (see the class description).
     *
     * @param customer a customer index of the matrix, in {@code [0, matrix.customers())}
     * @param n the list length, at least 1
     * @param excludeSeen whether the customer's own items are left out (of the recommender's list and of the
     *     completion)
     * @return up to {@code n} distinct items, the recommender's first, in order; an unmodifiable list
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public List<Recommendation> recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        Objects.checkIndex(customer, matrix.customers());
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        int from = rowPtr[customer];
        int to = rowPtr[customer + 1];
        List<Recommendation> out = new ArrayList<>(Math.min(n, matrix.items()));
        boolean[] listed = new boolean[matrix.items()];
        if (to > from) {
            for (int j : recommender.recommend(customer, n, excludeSeen)) {
                if (!listed[j]) {
                    listed[j] = true;
                    out.add(recommender.recommendation(customer, j));
                }
            }
        }
        int segment = segments[customer];
        int[] ranking = segment >= 0 ? bySegment[segment] : popular;
        for (int k = 0; k < ranking.length && out.size() < n; k++) {
            int j = ranking[k];
            if (listed[j] || excludeSeen && Arrays.binarySearch(cols, from, to, j) >= 0) {
                continue;
            }
            listed[j] = true;
            out.add(segment >= 0 ? new Recommendation(j, Recommendation.Reason.POPULAR_IN_SEGMENT, List.of(), segment)
                    : Recommendation.popular(j));
        }
        return List.copyOf(out);
    }
}
