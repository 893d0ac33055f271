package dev.segmentation.recommend;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item-item nearest neighbours on implicit feedback. The similarity of items {@code i} and {@code j} is the
 * cosine with shrinkage (Sarwar et al. 2001, item-based CF; shrinkage as in Koren 2008, section 2.2):
 * <pre>
 *   sim(i, j) = r_i . r_j / (||r_i|| ||r_j|| + shrink)
 * </pre>
 * where {@code r_i} is item {@code i}'s column of the {@link InteractionMatrix}. With non-negative weights it
 * lies in [0, 1] and is symmetric. It is computed by sparse co-occurrence, O(sum over customers of row length
 * squared) time: for a catalogue of up to 2048 items, every customer's row is streamed once per block of items
 * into a dense block of dot products (at most 1 MiB, never the whole items x items matrix); for a larger one
 * (the data pass of the mergeable {@link CooccurrenceStats}), each item's customers' rows are scanned into one
 * dense accumulator of length {@code items}. Both sum each dot product over the customers in ascending order, so
 * they give the same bits; memory O(items + items x neighbors) beside the blocks. The {@code neighbors} most similar
 * items are kept (ties by lower index). A customer's score for item {@code j} is
 * {@code sum over bought items i of r_ui * sim(i, j)} over the kept neighbours (the {@code implicit} library's
 * ItemItemRecommender). Deterministic: sums run in a fixed order.
 *
 * <p>{@code ItemKnn.builder().neighbors(20).shrink(20).threads(2).build().fit(matrix)}. Instances are immutable and safe for
 * concurrent use.
 */
public final class ItemKnn {
    private static final Logger LOG = LoggerFactory.getLogger(ItemKnn.class);
    /** Items per parallel chunk. */
    private static final int CHUNK = 64;
    /**
     * Catalogues up to this many items take the dense pass ({@link #neighborsByRows}), which reads every row once
     * per block of items; larger ones the item-by-item pass, whose memory does not grow with items squared.
     */
    static final int DENSE_MAX_ITEMS = 2048;
    /** Doubles in one block of the dense pass's accumulator (1 MiB). */
    static final int DENSE_BLOCK_DOUBLES = 1 << 17;

    private final int neighbors;
    private final double shrink;
    private final int threads;

    private ItemKnn(Builder b) {
        this.neighbors = b.neighbors;
        this.shrink = b.shrink;
        this.threads = b.threads;
    }

    /**
     * Returns a new builder: 20 neighbours (the {@code implicit} library's default K), shrink 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of neighbours kept per item.
     *
     * @return neighbors
     */
    public int neighbors() {
        return neighbors;
    }

    /**
     * Returns the shrinkage term added to the cosine denominator.
     *
     * @return shrink
     */
    public double shrink() {
        return shrink;
    }

    /**
     * Returns the number of threads used by {@link #fit}.
     *
     * @return threads
     */
    public int threads() {
        return threads;
    }

    /**
     * Computes the neighbour lists, items split into fixed chunks of 64 run on {@code threads} threads (a pool
     * that lives for this call); each item's list depends only on the matrix, so the model is bit-identical for
     * every thread count.
     *
     * @param matrix the training interactions; not null. Not modified.
     * @return the fitted model
     */
    public ItemKnnModel fit(InteractionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        return fit(matrix, matrix.items() <= DENSE_MAX_ITEMS);
    }

    /** {@link #fit(InteractionMatrix)} by the dense pass ({@link #neighborsByRows}) or the item-by-item one. */
    ItemKnnModel fit(InteractionMatrix matrix, boolean dense) {
        int items = matrix.items();
        double[] norm = norms(matrix);
        int k = Math.min(neighbors, Math.max(0, items - 1));
        int[][] ids = new int[items][];
        double[][] sims = new double[items][];
        try (ChunkRunner run = new ChunkRunner(Math.max(1, Math.min(threads, items)), "recommend")) {
            if (dense) {
                // a small catalogue: stream the customers' rows once per block of items into a dense block of
                // dot products (same sums in the same customer order, without the per-item jumps into the rows)
                int block = denseBlock(items, run.workers());
                run.map(items, block, (from, to) -> {
                    neighborsByRows(matrix, norm, k, from, to, ids, sims);
                    return null;
                });
            } else {
                run.map(items, CHUNK, (from, to) -> {
                    neighborsOf(matrix, norm, k, from, to, ids, sims);
                    return null;
                });
            }
        }
        int[] nbrPtr = new int[items + 1];
        for (int i = 0; i < items; i++) {
            long end = (long) nbrPtr[i] + ids[i].length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("neighbors x items must be < 2^31 - 8 neighbour pairs, found more"
                        + " than " + (Integer.MAX_VALUE - 8) + " at item " + i + "; use fewer neighbors");
            }
            nbrPtr[i + 1] = (int) end;
        }
        int nnz = nbrPtr[items];
        int[] nbrIdx = new int[nnz];
        double[] nbrSim = new double[nnz];
        for (int i = 0; i < items; i++) {
            System.arraycopy(ids[i], 0, nbrIdx, nbrPtr[i], ids[i].length);
            System.arraycopy(sims[i], 0, nbrSim, nbrPtr[i], sims[i].length);
        }
        LOG.info("item kNN: {} items, {} neighbour pairs kept", items, nnz);
        PopularityModel popularity = Popularity.builder().build().fit(matrix);
        return new ItemKnnModel(Provenance.notRecorded(), matrix, norm, shrink, nbrPtr, nbrIdx, nbrSim, popularity)
                .withProvenance(Provenance.builder(this).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.valuesRef())).notIterative().build());
    }

    /**
     * Items per block of the dense co-occurrence pass: at most {@link #DENSE_BLOCK_DOUBLES} / items (the block's
     * accumulator stays in cache), and small enough that every worker gets four blocks. The lists do not depend on
     * the blocks, so this may depend on the number of workers.
     */
    static int denseBlock(int items, int workers) {
        int byCache = Math.max(1, DENSE_BLOCK_DOUBLES / Math.max(1, items));
        int byWorkers = Math.max(1, (items + 4 * workers - 1) / (4 * workers));
        return Math.min(byCache, byWorkers);
    }

    /**
     * Fills the neighbour lists of items {@code from..to-1} as {@link #neighborsOf} does, by one pass over every
     * customer's row: for each of the row's items {@code i} in the block and each other item {@code j} of the row,
     * {@code dot[i][j] += r_ui * r_uj}, in a dense (to - from) x items block. Each dot product is the same sum of
     * the same products in the same (ascending customer) order as the item-by-item pass, so the lists are bit for
     * bit {@link #neighborsOf}'s; a pair that never co-occurs has a dot product of 0, which that pass does not
     * offer either (its similarity is 0 or NaN).
     */
    private void neighborsByRows(InteractionMatrix matrix, double[] norm, int k, int from, int to, int[][] ids,
            double[][] sims) {
        int items = matrix.items();
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        double[] vals = matrix.valuesRef();
        int customers = matrix.customers();
        double[] dot = new double[(to - from) * items];
        for (int u = 0; u < customers; u++) {
            int lo = rowPtr[u];
            int hi = rowPtr[u + 1];
            if (lo == hi || cols[hi - 1] < from || cols[lo] >= to) {
                continue;
            }
            // the row's items are increasing: its items in the block are one run
            int p = from == 0 ? lo : Arrays.binarySearch(cols, lo, hi, from);
            for (p = p >= 0 ? p : -p - 1; p < hi && cols[p] < to; p++) {
                int i = cols[p];
                double ru = vals[p];
                int base = (i - from) * items;
                for (int q = lo; q < hi; q++) {
                    int j = cols[q];
                    if (j != i) {
                        dot[base + j] += ru * vals[q];
                    }
                }
            }
        }
        for (int i = from; i < to; i++) {
            int base = (i - from) * items;
            TopN top = new TopN(Math.max(1, k));
            if (k > 0) {
                for (int j = 0; j < items; j++) {
                    double v = dot[base + j];
                    if (v != 0.0) {
                        double s = similarity(v, norm[i], norm[j]);
                        if (s > 0) {
                            top.offer(j, s);
                        }
                    }
                }
            }
            ids[i] = top.ids();
            sims[i] = top.scores();
        }
    }

    /** The Euclidean norm of each item's column. */
    static double[] norms(InteractionMatrix matrix) {
        int items = matrix.items();
        int[] colPtr = matrix.colPtrRef();
        double[] colVals = matrix.colValuesRef();
        double[] norm = new double[items];
        for (int j = 0; j < items; j++) {
            double s = 0.0;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                s += colVals[p] * colVals[p];
            }
            norm[j] = Math.sqrt(s);
        }
        return norm;
    }

    /**
     * Fills the neighbour lists of items {@code from..to-1} from their co-occurrence statistics over all
     * customers, by {@link CooccurrenceStats}'s data pass read straight from its dense accumulator (the lists do
     * not depend on the order in which candidates are offered, so the statistics need not be sorted and stored).
     * Each item's list depends only on the matrix, so the result is the same for every partition of the items
     * (any thread count).
     */
    private void neighborsOf(InteractionMatrix matrix, double[] norm, int k, int from, int to, int[][] ids,
            double[][] sims) {
        int items = matrix.items();
        double[] dot = new double[items];
        int[] touched = new int[items];
        boolean[] seen = new boolean[items];
        for (int i = from; i < to; i++) {
            int t = CooccurrenceStats.row(matrix, 0, matrix.customers(), i, dot, null, touched, seen);
            TopN top = new TopN(Math.max(1, k));
            for (int q = 0; q < t; q++) {
                int j = touched[q];
                double s = similarity(dot[j], norm[i], norm[j]);
                dot[j] = 0.0;
                seen[j] = false;
                if (k > 0 && s > 0) {
                    top.offer(j, s);
                }
            }
            ids[i] = top.ids();
            sims[i] = top.scores();
        }
    }

    /** The shrunk cosine of two items from their dot product and column norms. */
    private double similarity(double dot, double normI, double normJ) {
        return dot / (normI * normJ + shrink);
    }

    /**
     * Returns the Euclidean norm of each item's column of a matrix, as {@link #fit} computes them (the factors of
     * the similarity's denominator). For co-occurrence sums computed elsewhere, e.g. over Spark partitions, with
     * {@link #neighbors(int, int[], double[], double[])}.
     *
     * @param matrix the interactions; not null. Not modified.
     * @return one norm per item, {@code >= 0}
     */
    public static double[] itemNorms(InteractionMatrix matrix) {
        return norms(Objects.requireNonNull(matrix, "matrix"));
    }

    /**
     * Keeps one item's neighbours from its co-occurrence statistics exactly as {@link #fit} keeps them: the dot
     * products {@code r_i . r_j} of item {@code item}'s column with the columns of the other items it shares a
     * customer with (sums over customers of {@code r_ui * r_uj}, which may be computed in parts and added, e.g. one
     * part per Spark partition), the similarity {@code dot / (||r_i|| ||r_j|| + shrink)}, and the
     * {@link #neighbors()} most similar items with a positive similarity, most similar first, ties by lower index.
     * With the dot products summed in ascending customer order (or summed exactly, as with the integer weights of
     * {@code BINARY} or {@code COUNT} matrices, in any order) the lists equal {@link #fit}'s bit for bit.
     *
     * @param item the item, in {@code [0, norms.length)}
     * @param others the items it co-occurs with, distinct, each in range and not {@code item}; any order. Not
     *     modified.
     * @param dots the dot products, aligned with {@code others}. Not modified.
     * @param norms every item's norm, as {@link #itemNorms} gives; its length is the number of items. Not modified.
     * @return the kept neighbours and their similarities
     * @throws IllegalArgumentException if {@code others} and {@code dots} differ in length or an index is out of
     *     range
     */
    public Neighbors neighbors(int item, int[] others, double[] dots, double[] norms) {
        Objects.requireNonNull(others, "others");
        Objects.requireNonNull(dots, "dots");
        Objects.requireNonNull(norms, "norms");
        int items = norms.length;
        ParamChecks.requireArgument(item >= 0 && item < items,
                "item must be in [0, %s), found %s", items, item);
        ParamChecks.requireArgument(others.length == dots.length,
                "dots must have %s values (one per other item), found %s", others.length, dots.length);
        int k = Math.min(neighbors, Math.max(0, items - 1));
        TopN top = new TopN(Math.max(1, k));
        for (int q = 0; q < others.length; q++) {
            int j = others[q];
            ParamChecks.requireArgument(j >= 0 && j < items && j != item,
                    "others must be other items in [0, %s), found %s", items, j);
            double s = similarity(dots[q], norms[item], norms[j]);
            if (k > 0 && s > 0) {
                top.offer(j, s);
            }
        }
        return new Neighbors(top.ids(), top.scores());
    }

    /**
     * One item's kept neighbours, most similar first.
     *
     * @param ids the neighbours' item indices
     * @param similarities their similarities, aligned, non-increasing
     */
    public record Neighbors(int[] ids, double[] similarities) {
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().neighbors(neighbors).shrink(shrink).threads(threads);
    }

    @Override
    public String toString() {
        return "ItemKnn{neighbors=" + neighbors + ", shrink=" + shrink + ", threads=" + threads + "}";
    }

    /** Builder of {@link ItemKnn}. Mutable and single-threaded; {@link #build} does not change it. */
    public static final class Builder {
        private int neighbors = 20;
        private double shrink = 0.0;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the number of neighbours kept per item. Default 20.
         *
         * @param neighbors at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code neighbors < 1}
         */
        public Builder neighbors(int neighbors) {
            ParamChecks.atLeast("neighbors", neighbors, 1);
            this.neighbors = neighbors;
            return this;
        }

        /**
         * Sets the shrinkage added to the cosine denominator. Default 0 (plain cosine).
         *
         * @param shrink finite and at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code shrink} is negative or not finite
         */
        public Builder shrink(double shrink) {
            ParamChecks.nonNegative("shrink", shrink);
            this.shrink = shrink;
            return this;
        }

        /**
         * Sets the number of threads of {@link ItemKnn#fit}. Default 1.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads < 1}
         */
        public Builder threads(int threads) {
            ParamChecks.threads(threads);
            this.threads = threads;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return a new trainer
         */
        public ItemKnn build() {
            return new ItemKnn(this);
        }
    }
}
