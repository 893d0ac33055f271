package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * Fitted item-item neighbours (see {@link ItemKnn}). Recommendations score each item by the sum of
 * {@code r_ui * sim(i, j)} over the customer's items {@code i} and their kept neighbours {@code j}; positive
 * scores come first (ties by lower index) and the list is completed from the popularity ranking. Unknown
 * customers and customers without training interactions get the popularity answer.
 *
 * <p>Instances are immutable and safe for concurrent use. A recommendation allocates O(items).
 */
public final class ItemKnnModel implements Recommender, FittedModel {
    private final Provenance provenance;

    private final InteractionMatrix matrix;
    private final double[] norm;
    private final double shrink;
    private final NeighborLists lists;
    private final int[] nbrPtr;
    private final int[] nbrIdx;
    private final double[] nbrSim;
    private final PopularityModel popularity;

    ItemKnnModel(Provenance provenance, InteractionMatrix matrix, double[] norm, double shrink, int[] nbrPtr,
            int[] nbrIdx, double[] nbrSim, PopularityModel popularity) {
        this(provenance, matrix, norm, shrink, new NeighborLists(matrix.items(), nbrPtr, nbrIdx, nbrSim), popularity);
    }

    private ItemKnnModel(Provenance provenance, InteractionMatrix matrix, double[] norm, double shrink,
            NeighborLists lists, PopularityModel popularity) {
        this.matrix = matrix;
        this.norm = norm;
        this.shrink = shrink;
        this.lists = lists;
        this.nbrPtr = lists.ptr;
        this.nbrIdx = lists.idx;
        this.nbrSim = lists.sim;
        this.popularity = popularity;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns the exact shrunk cosine similarity of two items, computed from the training matrix (not limited to
     * the kept neighbours). Symmetric; in [0, 1]; 0 for an item without customers. O(customers of i + of j).
     *
     * @param i an item index
     * @param j an item index
     * @return sim(i, j) as defined in {@link ItemKnn}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double similarity(int i, int j) {
        Objects.checkIndex(i, matrix.items());
        Objects.checkIndex(j, matrix.items());
        int[] colPtr = matrix.colPtrRef();
        int[] rowIdx = matrix.rowIdxRef();
        double[] v = matrix.colValuesRef();
        int a = colPtr[i];
        int b = colPtr[j];
        double dot = 0.0;
        while (a < colPtr[i + 1] && b < colPtr[j + 1]) {
            if (rowIdx[a] < rowIdx[b]) {
                a++;
            } else if (rowIdx[a] > rowIdx[b]) {
                b++;
            } else {
                dot += v[a++] * v[b++];
            }
        }
        return dot == 0.0 ? 0.0 : dot / (norm[i] * norm[j] + shrink);
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
     * @return a new array, decreasing
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public double[] neighborSimilarities(int item) {
        return lists.similarities(item);
    }

    /**
     * Explains a recommendation: the customer's training items that have {@code item} among their kept
     * neighbours, largest contribution {@code r_ui * sim(i, item)} first (ties by lower index). Their
     * contributions sum to the item's score.
     *
     * @param customer a customer index; an unknown customer has no explanation
     * @param item an item index
     * @return a new array of the customer's item indices; empty if the item was not scored by neighbours
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public int[] explain(int customer, int item) {
        Objects.checkIndex(item, matrix.items());
        if (customer < 0 || customer >= matrix.customers()) {
            return new int[0];
        }
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        double[] vals = matrix.valuesRef();
        TopN top = new TopN(Math.max(1, rowPtr[customer + 1] - rowPtr[customer]));
        for (int q = rowPtr[customer]; q < rowPtr[customer + 1]; q++) {
            int i = cols[q];
            for (int p = nbrPtr[i]; p < nbrPtr[i + 1]; p++) {
                if (nbrIdx[p] == item) {
                    top.offer(i, vals[q] * nbrSim[p]);
                    break;
                }
            }
        }
        return top.ids();
    }

    /**
     * {@inheritDoc} The customer's row of the training matrix is the history of
     * {@link #recommend(int[], double[], int, boolean)}, which gives the list. O(sum of the neighbour counts of the
     * customer's items + items).
     */
    @Override
    public int[] recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        if (customer < 0 || customer >= matrix.customers()) {
            return lists.recommend(new int[0], new double[0], 0, 0, popularity.rankedRef(), n, excludeSeen);
        }
        int[] rowPtr = matrix.rowPtrRef();
        return lists.recommend(matrix.colsRef(), matrix.valuesRef(), rowPtr[customer], rowPtr[customer + 1],
                popularity.rankedRef(), n, excludeSeen);
    }

    /**
     * Recommends from a given history instead of a training customer's row: each item {@code j} scores
     * {@code sum over the history's items i of weights[i] * sim(i, j)} over the kept neighbours, positive scores
     * first (ties by lower index), then the popularity ranking fills the list. For a training customer's row
     * ({@code matrix().itemsOf(u)} and its weights) the list is bit for bit {@code recommend(u, n, excludeSeen)}
     * (that method calls this code); an empty history gets the popularity answer. O(sum of the neighbour counts of
     * the history's items + items).
     *
     * @param items the history's item indices, strictly increasing, each in {@code [0, matrix().items())} (a row
     *     of an {@link InteractionMatrix} built with the training matrix's rule); not null. Not modified.
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
        NeighborLists.checkHistory(items, weights, matrix.items());
        return lists.recommend(items, weights, 0, items.length, popularity.rankedRef(), n, excludeSeen);
    }

    /**
     * Returns the neighbour-list form of this model: the same neighbour lists, item norms, shrinkage and popularity
     * ranking (from each item's number of customers), without the training matrix; it recommends from a given
     * history bit for bit as {@link #recommend(int[], double[], int, boolean)} does. Its size is proportional to
     * the items, not the customers.
     *
     * @param weighting the weighting the training matrix was built with (recorded for scoring new lines); not null
     * @param includeNonProducts whether the training matrix kept non-product items (recorded likewise)
     * @return the neighbour-list model, with this model's provenance
     */
    public ItemKnnNeighborsModel neighborLists(InteractionMatrix.Weighting weighting, boolean includeNonProducts) {
        Objects.requireNonNull(weighting, "weighting");
        long[] customersPerItem = new long[matrix.items()];
        for (int j = 0; j < customersPerItem.length; j++) {
            customersPerItem[j] = matrix.customersOf(j);
        }
        return new ItemKnnNeighborsModel(provenance, norm.clone(), shrink, lists, customersPerItem,
                popularity.rankedRef(), weighting, includeNonProducts);
    }

    @Override
    public String toString() {
        return "ItemKnnModel{items=" + matrix.items() + ", neighbourPairs=" + nbrIdx.length + ", trainer=" + trainer()
                + "}";
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
     * Returns the similarity shrinkage.
     *
     * @return the {@code shrink} the model was fitted with
     */
    public double shrink() {
        return shrink;
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings without {@code threads}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
    }

    /**
     * Rebuilds a fitted model from its training matrix and kept neighbour lists (as read by
     * {@code dev.segmentation.persist}); the item norms and the popularity fallback are recomputed from the matrix
     * exactly as {@link ItemKnn#fit} computes them.
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param matrix the training interactions, not null
     * @param shrink the similarity shrinkage, finite and {@code >= 0}
     * @param neighbors per item, its kept neighbours (other items, in range), most similar first. Not modified.
     * @param similarities per item, the neighbours' similarities, aligned, finite, {@code >= 0} and
     *     non-increasing. Not modified.
     * @return the model
     * @throws IllegalArgumentException if a list breaks its constraint
     */
    public static ItemKnnModel of(String trainer, InteractionMatrix matrix, double shrink, int[][] neighbors,
            double[][] similarities) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(neighbors, "neighbors");
        Objects.requireNonNull(similarities, "similarities");
        ParamChecks.nonNegative("shrink", shrink);
        NeighborLists lists = NeighborLists.pack(matrix.items(), neighbors, similarities);
        return new ItemKnnModel(Provenance.fromDescription(trainer).build(), matrix, ItemKnn.norms(matrix), shrink,
                lists, Popularity.builder().build().fit(matrix));
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
    private ItemKnnModel(ItemKnnModel source, Provenance provenance) {
        this.matrix = source.matrix;
        this.norm = source.norm;
        this.shrink = source.shrink;
        this.lists = source.lists;
        this.nbrPtr = source.nbrPtr;
        this.nbrIdx = source.nbrIdx;
        this.nbrSim = source.nbrSim;
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
    public ItemKnnModel withProvenance(Provenance provenance) {
        return new ItemKnnModel(this, provenance);
    }

    /**
     * {@inheritDoc} {@link Recommendation.Reason#SIMILAR_ITEMS} with {@link #explain(int, int)}'s items when the item
     * is a kept neighbour of some of the customer's items, else {@link Recommendation.Reason#POPULAR} (an item that
     * came from the popularity fill, or an unknown customer).
     *
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    @Override
    public Recommendation recommendation(int customer, int item) {
        int[] because = explain(customer, item);
        if (because.length == 0) {
            return Recommendation.popular(item);
        }
        return new Recommendation(item, Recommendation.Reason.SIMILAR_ITEMS,
                java.util.Arrays.stream(because).boxed().toList(), -1);
    }

    /**
     * {@inheritDoc} Always {@link #matrix()}.
     */
    @Override
    public java.util.Optional<InteractionMatrix> trainingMatrix() {
        return java.util.Optional.of(matrix);
    }
}
