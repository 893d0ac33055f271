package dev.segmentation.recommend;

import java.util.List;
import java.util.Objects;

/**
 * One recommended item with the reason it is listed, as fields a caller words in its own terms (see
 * {@link Recommender#recommendation(int, int)} and {@link RecommendationLists}).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 *
 * @param item the item index of the training {@link InteractionMatrix}
 * @param reason why the item is listed
 * @param because for {@link Reason#SIMILAR_ITEMS}, the customer's training items that lead to it, largest
 *     contribution first (as {@link ItemKnnModel#explain(int, int)}); empty for the other reasons
 * @param segment for {@link Reason#POPULAR_IN_SEGMENT}, the segment label; -1 for the other reasons
 */
public record Recommendation(int item, Reason reason, List<Integer> because, int segment) {
    /** Why an item is listed. */
    public enum Reason {
        /** Similar to items the customer bought (item kNN); {@link Recommendation#because()} names them. */
        SIMILAR_ITEMS,
        /** Bought by customers with similar histories (latent factors, implicit ALS). */
        SIMILAR_CUSTOMERS,
        /** Among the items most customers bought (popularity, or the cold-start answer). */
        POPULAR,
        /** Among the items most customers of the customer's segment bought; {@link Recommendation#segment()}. */
        POPULAR_IN_SEGMENT
    }

    /**
     * Checks the fields and copies {@code because}.
     *
     * @param item the item index, at least 0
     * @param reason why the item is listed; not null
     * @param because the items that lead to it ({@link Reason#SIMILAR_ITEMS} only, else empty); not null. Not
     *     modified.
     * @param segment the segment label ({@link Reason#POPULAR_IN_SEGMENT} only, else -1)
     * @throws NullPointerException if {@code reason} or {@code because} (or one of its elements) is null
     * @throws IllegalArgumentException if {@code item < 0}, if {@code because} is not empty for a reason other than
     *     {@link Reason#SIMILAR_ITEMS}, or if {@code segment} is below 0 for {@link Reason#POPULAR_IN_SEGMENT} or
     *     not -1 for another reason: {@code "segment must be -1 for POPULAR, found 2"}
     */
    public Recommendation {
        Objects.requireNonNull(reason, "reason");
        because = List.copyOf(because);
        if (item < 0) {
            throw new IllegalArgumentException("item must be >= 0, found " + item);
        }
        if (reason != Reason.SIMILAR_ITEMS && !because.isEmpty()) {
            throw new IllegalArgumentException("because must be empty for " + reason + ", found " + because);
        }
        if (reason == Reason.POPULAR_IN_SEGMENT ? segment < 0 : segment != -1) {
            throw new IllegalArgumentException("segment must be " + (reason == Reason.POPULAR_IN_SEGMENT ? ">= 0"
                    : "-1") + " for " + reason + ", found " + segment);
        }
    }

    /**
     * Returns an item listed for its popularity.
     *
     * @param item the item index, at least 0
     * @return the recommendation, reason {@link Reason#POPULAR}
     */
    public static Recommendation popular(int item) {
        return new Recommendation(item, Reason.POPULAR, List.of(), -1);
    }
}
