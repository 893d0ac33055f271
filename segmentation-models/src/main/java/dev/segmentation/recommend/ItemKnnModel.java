package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
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
    private final int[] nbrPtr;
    private final int[] nbrIdx;
    private final double[] nbrSim;
    private final PopularityModel popularity;

    ItemKnnModel(Provenance provenance, InteractionMatrix matrix, double[] norm, double shrink, int[] nbrPtr,
            int[] nbrIdx, double[] nbrSim, PopularityModel popularity) {
        this.matrix = matrix;
        this.norm = norm;
        this.shrink = shrink;
        this.nbrPtr = nbrPtr;
        this.nbrIdx = nbrIdx;
        this.nbrSim = nbrSim;
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
        TopN.checkN(n);
        Objects.checkIndex(item, matrix.items());
        int from = nbrPtr[item];
        return Arrays.copyOfRange(nbrIdx, from, Math.min(nbrPtr[item + 1], from + n));
    }

    /**
     * Returns the kept similarities of an item's neighbours, aligned with {@link #similarItems}.
     *
     * @param item an item index
     * @return a new array, decreasing
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public double[] neighborSimilarities(int item) {
        Objects.checkIndex(item, matrix.items());
        return Arrays.copyOfRange(nbrSim, nbrPtr[item], nbrPtr[item + 1]);
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
     * {@inheritDoc} O(sum of the neighbour counts of the customer's items + items).
     */
    @Override
    public int[] recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        int items = matrix.items();
        if (customer < 0 || customer >= matrix.customers()) {
            return popularity.recommend(customer, n, excludeSeen);
        }
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        double[] vals = matrix.valuesRef();
        double[] score = new double[items];
        for (int q = rowPtr[customer]; q < rowPtr[customer + 1]; q++) {
            int i = cols[q];
            double r = vals[q];
            for (int p = nbrPtr[i]; p < nbrPtr[i + 1]; p++) {
                score[nbrIdx[p]] += r * nbrSim[p];
            }
        }
        if (excludeSeen) {
            for (int q = rowPtr[customer]; q < rowPtr[customer + 1]; q++) {
                score[cols[q]] = 0.0;
            }
        }
        TopN top = new TopN(Math.min(n, Math.max(1, items)));
        for (int j = 0; j < items; j++) {
            if (score[j] > 0) {
                top.offer(j, score[j]);
            }
        }
        int[] out = new int[Math.min(n, items)];
        int[] best = top.ids();
        System.arraycopy(best, 0, out, 0, best.length);
        int size = best.length;
        if (size < out.length) {
            boolean[] taken = new boolean[items];
            for (int j : best) {
                taken[j] = true;
            }
            size = popularity.fill(customer, excludeSeen, out, size, taken);
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
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
        int items = matrix.items();
        ParamChecks.requireArgument(neighbors.length == items && similarities.length == items,
                "neighbors and similarities must have %s lists (one per item), found %s and %s", items,
                neighbors.length, similarities.length);
        int[] ptr = new int[items + 1];
        for (int i = 0; i < items; i++) {
            int len = Objects.requireNonNull(neighbors[i], "neighbors element").length;
            if (Objects.requireNonNull(similarities[i], "similarities element").length != len) {
                throw new IllegalArgumentException("similarities[" + i + "] must have length " + len
                        + " (one per neighbor), found " + similarities[i].length);
            }
            ptr[i + 1] = ptr[i] + len;
        }
        int[] idx = new int[ptr[items]];
        double[] sim = new double[ptr[items]];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < neighbors[i].length; k++) {
                int j = neighbors[i][k];
                double s = similarities[i][k];
                if (j < 0 || j >= items || j == i) {
                    throw new IllegalArgumentException("neighbors[" + i + "][" + k + "] must be another item in [0, "
                            + items + "), found " + j);
                }
                if (!(s >= 0) || Double.isInfinite(s) || k > 0 && s > similarities[i][k - 1]) {
                    throw new IllegalArgumentException("similarities[" + i + "][" + k
                            + "] must be finite, >= 0 and non-increasing, found " + s);
                }
                idx[ptr[i] + k] = j;
                sim[ptr[i] + k] = s;
            }
        }
        return new ItemKnnModel(Provenance.fromDescription(trainer).build(), matrix, ItemKnn.norms(matrix), shrink, ptr,
                idx, sim, Popularity.builder().build().fit(matrix));
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
}
