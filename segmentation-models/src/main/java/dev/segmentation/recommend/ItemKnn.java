package dev.segmentation.recommend;

import dev.segmentation.Provenance;
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
 * lies in [0, 1] and is symmetric. It is computed by sparse co-occurrence: for each item, its customers' rows are
 * scanned into one dense accumulator of length {@code items} (never an items x items matrix), O(sum over
 * customers of row length squared) time, O(items + items x neighbors) memory; the {@code neighbors} most similar
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
        int items = matrix.items();
        double[] norm = norms(matrix);
        int k = Math.min(neighbors, Math.max(0, items - 1));
        int[][] ids = new int[items][];
        double[][] sims = new double[items][];
        try (Chunks run = new Chunks(Math.max(1, Math.min(threads, items)))) {
            run.map(items, CHUNK, (from, to) -> {
                neighborsOf(matrix, norm, k, from, to, ids, sims);
                return null;
            });
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
        return new ItemKnnModel(toString(), matrix, norm, shrink, nbrPtr, nbrIdx, nbrSim, popularity)
                .withProvenance(Provenance.builder(this).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.values())).notIterative().build());
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
     * Fills the neighbour lists of items {@code from..to-1}. Each item's list depends only on the matrix, so the
     * result is the same for every partition of the items (any thread count).
     */
    private void neighborsOf(InteractionMatrix matrix, double[] norm, int k, int from, int to, int[][] ids,
            double[][] sims) {
        int items = matrix.items();
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        double[] vals = matrix.valuesRef();
        int[] colPtr = matrix.colPtrRef();
        int[] rowIdx = matrix.rowIdxRef();
        double[] colVals = matrix.colValuesRef();
        double[] dot = new double[items];
        int[] touched = new int[items];
        boolean[] seen = new boolean[items];
        for (int i = from; i < to; i++) {
            int t = 0;
            for (int p = colPtr[i]; p < colPtr[i + 1]; p++) {
                int u = rowIdx[p];
                double ru = colVals[p];
                for (int q = rowPtr[u]; q < rowPtr[u + 1]; q++) {
                    int j = cols[q];
                    if (j == i) {
                        continue;
                    }
                    if (!seen[j]) {
                        seen[j] = true;
                        touched[t++] = j;
                    }
                    dot[j] += ru * vals[q];
                }
            }
            TopN top = new TopN(Math.max(1, k));
            for (int q = 0; q < t; q++) {
                int j = touched[q];
                double s = dot[j] / (norm[i] * norm[j] + shrink);
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
            if (neighbors < 1) {
                throw new IllegalArgumentException("neighbors must be >= 1, found " + neighbors);
            }
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
            if (!(shrink >= 0) || !Double.isFinite(shrink)) {
                throw new IllegalArgumentException("shrink must be finite and >= 0, found " + shrink);
            }
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
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, found " + threads);
            }
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
