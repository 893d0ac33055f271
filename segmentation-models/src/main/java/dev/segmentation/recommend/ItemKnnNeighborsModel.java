package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * Item kNN in its neighbour-list form: the kept neighbour lists, the item norms, the shrinkage and each item's
 * number of customers (the popularity fallback), without the training customer x item matrix, so its size is
 * proportional to the items, not the customers. It recommends from a given history
 * ({@link #recommend(int[], double[], int, boolean)}) exactly as {@link ItemKnnModel} does: for a training
 * customer's row it gives {@code ItemKnnModel.recommend(customer, ...)} bit for bit (one code path).
 *
 * <p>Made by {@link ItemKnnModel#neighborLists} or by a distributed fit (the Spark module's {@code SparkItemKnn}),
 * or rebuilt with {@link #of}. It records how histories are weighted ({@link #weighting()},
 * {@link #includeNonProducts()}), so that new lines can be turned into histories with the training rule
 * ({@link #interactions()}), as {@code BundleScorer} does. {@code ModelJson} saves it as type
 * {@code item-knn-neighbors}.
 *
 * <p>Instances are immutable and safe for concurrent use. A recommendation allocates O(items).
 */
public final class ItemKnnNeighborsModel implements FittedModel {
    private final Provenance provenance;
    private final double[] norms;
    private final double shrink;
    private final NeighborLists lists;
    private final long[] customersPerItem;
    private final int[] ranked;
    private final InteractionMatrix.Weighting weighting;
    private final boolean includeNonProducts;

    ItemKnnNeighborsModel(Provenance provenance, double[] norms, double shrink, NeighborLists lists,
            long[] customersPerItem, int[] ranked, InteractionMatrix.Weighting weighting,
            boolean includeNonProducts) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.norms = norms;
        this.shrink = shrink;
        this.lists = lists;
        this.customersPerItem = customersPerItem;
        this.ranked = ranked;
        this.weighting = weighting;
        this.includeNonProducts = includeNonProducts;
    }

    /**
     * Rebuilds a model from its parts (as read by {@code dev.segmentation.persist} or computed by a distributed
     * fit); the popularity ranking is computed from {@code customersPerItem} as {@link Popularity#fit} ranks a
     * matrix's items: bought items only, most customers first, ties by lower index.
     *
     * @param trainer the trainer's description ({@link Provenance#description()}), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param shrink the similarity shrinkage, finite and {@code >= 0}
     * @param norms each item's column norm, finite and {@code >= 0}; its length is the number of items. Not
     *     modified.
     * @param neighbors per item, its kept neighbours (other items, in range), most similar first. Not modified.
     * @param similarities per item, the neighbours' similarities, aligned, finite, {@code >= 0} and
     *     non-increasing. Not modified.
     * @param customersPerItem per item, the number of training customers with an interaction, {@code >= 0}. Not
     *     modified.
     * @param weighting how the training interactions were weighted; not null
     * @param includeNonProducts whether non-product items were kept in the training interactions
     * @return the model
     * @throws IllegalArgumentException if a value breaks its constraint, e.g. {@code "customersPerItem must have
     *     3 values (one per item), found 2"}
     */
    public static ItemKnnNeighborsModel of(String trainer, double shrink, double[] norms, int[][] neighbors,
            double[][] similarities, long[] customersPerItem, InteractionMatrix.Weighting weighting,
            boolean includeNonProducts) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(norms, "norms");
        Objects.requireNonNull(customersPerItem, "customersPerItem");
        Objects.requireNonNull(weighting, "weighting");
        ParamChecks.nonNegative("shrink", shrink);
        int items = norms.length;
        for (int j = 0; j < items; j++) {
            ParamChecks.nonNegative("norms[" + j + "]", norms[j]);
        }
        ParamChecks.requireArgument(customersPerItem.length == items,
                "customersPerItem must have %s values (one per item), found %s", items, customersPerItem.length);
        for (int j = 0; j < items; j++) {
            ParamChecks.requireArgument(customersPerItem[j] >= 0, "customersPerItem[%s] must be >= 0, found %s", j,
                    customersPerItem[j]);
        }
        NeighborLists lists = NeighborLists.pack(items, neighbors, similarities);
        long[] counts = customersPerItem.clone();
        return new ItemKnnNeighborsModel(Provenance.fromDescription(trainer).build(), norms.clone(), shrink, lists,
                counts, ranking(counts), weighting, includeNonProducts);
    }

    /** Bought items, most customers first, ties by lower index (Popularity.fit's order). */
    private static int[] ranking(long[] counts) {
        int bought = 0;
        for (long c : counts) {
            if (c > 0) {
                bought++;
            }
        }
        Integer[] order = new Integer[bought];
        int q = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0) {
                order[q++] = j;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                : Integer.compare(a, b));
        int[] ranked = new int[bought];
        for (int k = 0; k < bought; k++) {
            ranked[k] = order[k];
        }
        return ranked;
    }

    /**
     * Recommends from a history: each item {@code j} scores {@code sum over the history's items i of
     * weights[i] * sim(i, j)} over the kept neighbours, positive scores first (ties by lower index), then the
     * popularity ranking fills the list; an empty history gets the popularity answer. Bit for bit
     * {@link ItemKnnModel#recommend(int[], double[], int, boolean)} of the model this one was made from. O(sum of
     * the neighbour counts of the history's items + items).
     *
     * @param items the history's item indices, strictly increasing, each in {@code [0, items())}: a customer's row
     *     of an {@link InteractionMatrix} built with {@link #interactions()} over the training item index; not
     *     null. Not modified.
     * @param weights the history's weights, aligned with {@code items}, finite and {@code > 0}; not null. Not
     *     modified.
     * @param n the list length, at least 1
     * @param excludeSeen whether the history's items are left out
     * @return a new array of at most {@code n} distinct item indices; shorter only when the catalogue runs out
     * @throws IllegalArgumentException if {@code n < 1} ({@code "n must be >= 1, found 0"}) or the history breaks
     *     a constraint, e.g. {@code "items must be strictly increasing item indices in [0, 5), found 2 at position
     *     1"}
     */
    public int[] recommend(int[] items, double[] weights, int n, boolean excludeSeen) {
        TopN.checkN(n);
        NeighborLists.checkHistory(items, weights, lists.items);
        return lists.recommend(items, weights, 0, items.length, ranked, n, excludeSeen);
    }

    /**
     * Returns the number of items.
     *
     * @return the item count
     */
    public int items() {
        return lists.items;
    }

    /**
     * Returns up to {@code n} kept neighbours of an item, most similar first (ties by lower index).
     *
     * @param item an item index
     * @param n the list length, at least 1
     * @return a new array of item indices, never containing {@code item}
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public int[] similarItems(int item, int n) {
        return lists.similarItems(item, n);
    }

    /**
     * Returns the kept similarities of an item's neighbours, aligned with {@link #similarItems}.
     *
     * @param item an item index
     * @return a new array, non-increasing
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public double[] neighborSimilarities(int item) {
        return lists.similarities(item);
    }

    /**
     * Returns each item's column norm in the training interactions (the similarity's denominator factors).
     *
     * @return a new array, one per item
     */
    public double[] norms() {
        return norms.clone();
    }

    /**
     * Returns each item's number of training customers (the popularity counts).
     *
     * @return a new array, one per item
     */
    public long[] customersPerItem() {
        return customersPerItem.clone();
    }

    /**
     * Returns the popularity fallback: every bought item, most customers first, ties by lower index.
     *
     * @return a new array of item indices
     */
    public int[] ranking() {
        return ranked.clone();
    }

    /**
     * Returns the similarity shrinkage.
     *
     * @return the {@code shrink} the model was fitted with
     */
    public double shrink() {
        return shrink;
    }

    /**
     * Returns how the training interactions were weighted.
     *
     * @return the weighting
     */
    public InteractionMatrix.Weighting weighting() {
        return weighting;
    }

    /**
     * Returns whether the training interactions kept non-product items.
     *
     * @return true if they did
     */
    public boolean includeNonProducts() {
        return includeNonProducts;
    }

    /**
     * Returns a builder of histories with the training rule: {@code interactions().build(log)} gives rows to
     * recommend from (after mapping the log's item indices to this model's).
     *
     * @return a new builder with {@link #weighting()} and {@link #includeNonProducts()}
     */
    public InteractionMatrix.Builder interactions() {
        return InteractionMatrix.builder().weighting(weighting).includeNonProducts(includeNonProducts);
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
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

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public ItemKnnNeighborsModel withProvenance(Provenance provenance) {
        return new ItemKnnNeighborsModel(provenance, norms, shrink, lists, customersPerItem, ranked, weighting,
                includeNonProducts);
    }

    @Override
    public String toString() {
        return "ItemKnnNeighborsModel{items=" + lists.items + ", neighbourPairs=" + lists.idx.length + ", weighting="
                + weighting + ", includeNonProducts=" + includeNonProducts + ", trainer=" + trainer() + "}";
    }
}
