package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * TF-IDF weighting, the trainer: learns inverse document frequencies from a count matrix and returns a
 * {@link TfIdfModel}. The rule is scikit-learn's {@code TfidfTransformer} (Manning, Raghavan and Schuetze
 * 2008, sec. 6.2, with scikit-learn's "+1" variants):
 * <pre>
 *   idf_j = ln((1 + n) / (1 + df_j)) + 1     (smoothIdf, the default)
 *   idf_j = ln(n / df_j) + 1                 (smoothIdf off)
 *   tf    = count, or 1 + ln(count) for count &gt; 0 (sublinearTf, default off: the log(1 + tf) family)
 *   w_ij  = tf_ij idf_j, then each non-zero row scaled to unit Euclidean norm (l2Normalize, default on)
 * </pre>
 * where n is the number of rows and {@code df_j} the number of rows with a non-zero count in column j.
 *
 * <p>Cost O(nnz + d). Instances are immutable and safe for concurrent use; {@code fit} is pure. Null is
 * never accepted or returned.
 */
public final class TfIdf {
    private final boolean smoothIdf;
    private final boolean sublinearTf;
    private final boolean l2Normalize;

    private TfIdf(Builder b) {
        this.smoothIdf = b.smoothIdf;
        this.sublinearTf = b.sublinearTf;
        this.l2Normalize = b.l2Normalize;
    }

    /**
     * Returns a new builder (smooth idf, raw tf, l2 normalization: scikit-learn's defaults).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Learns the idf of every column.
     *
     * @param counts term counts, one row per document, finite and at least 0; not modified
     * @return the fitted weighting
     * @throws InvalidDataException if counts has no rows, or a value is negative or not finite (naming row,
     *     column and value)
     */
    public TfIdfModel fit(SparseMatrix counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.rows() == 0) {
            throw new InvalidDataException("counts must have at least 1 row, found 0");
        }
        counts.requireNonNegative();
        int d = counts.columns();
        double[] df = new double[d];
        int[] idx = Internals.indices(counts);
        double[] val = Internals.values(counts);
        for (int p = 0; p < idx.length; p++) {
            if (val[p] > 0) {
                df[idx[p]] += 1;
            }
        }
        double n = counts.rows();
        double[] idf = new double[d];
        for (int j = 0; j < d; j++) {
            idf[j] = smoothIdf ? Math.log((1 + n) / (1 + df[j])) + 1 : Math.log(n / df[j]) + 1;
        }
        return new TfIdfModel(Provenance.notRecorded(), idf, sublinearTf, l2Normalize)
                .withProvenance(Provenance.builder(this).rows(counts.rows()).notIterative().build());
    }

    @Override
    public String toString() {
        return "TfIdf{smoothIdf=" + smoothIdf + ", sublinearTf=" + sublinearTf + ", l2Normalize=" + l2Normalize
                + "}";
    }

    /** Mutable, single-threaded builder of a {@link TfIdf}. */
    public static final class Builder {
        private boolean smoothIdf = true;
        private boolean sublinearTf;
        private boolean l2Normalize = true;

        private Builder() {
        }

        /**
         * Sets whether one extra document containing every term is assumed (no zero division). Default true.
         * Without it a column that never occurs has infinite idf, harmless since its counts are zero.
         *
         * @param smoothIdf true to smooth
         * @return this builder
         */
        public Builder smoothIdf(boolean smoothIdf) {
            this.smoothIdf = smoothIdf;
            return this;
        }

        /**
         * Sets whether tf is {@code 1 + ln(count)} instead of the count. Default false.
         *
         * @param sublinearTf true for logarithmic tf
         * @return this builder
         */
        public Builder sublinearTf(boolean sublinearTf) {
            this.sublinearTf = sublinearTf;
            return this;
        }

        /**
         * Sets whether each non-zero row is scaled to unit Euclidean norm. Default true.
         *
         * @param l2Normalize true to normalize
         * @return this builder
         */
        public Builder l2Normalize(boolean l2Normalize) {
            this.l2Normalize = l2Normalize;
            return this;
        }

        /**
         * Builds the trainer; the builder is not changed.
         *
         * @return a new immutable trainer
         */
        public TfIdf build() {
            return new TfIdf(this);
        }
    }
}
