package dev.segmentation.text;

import dev.segmentation.FittedModel;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * Fitted TF-IDF weights (see {@link TfIdf} for the formulas): multiplies counts by the learned idf.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class TfIdfModel implements FittedModel {
    private final Provenance provenance;

    private final double[] idf;
    private final boolean sublinearTf;
    private final boolean l2Normalize;

    TfIdfModel(Provenance provenance, double[] idf, boolean sublinearTf, boolean l2Normalize) {
        this.idf = idf.clone();
        this.sublinearTf = sublinearTf;
        this.l2Normalize = l2Normalize;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The inverse document frequency of every column.
     *
     * @return a copy, one per column
     */
    public double[] idf() {
        return idf.clone();
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
     * Weights a count matrix.
     *
     * @param counts counts with {@code idf().length} columns, finite and at least 0; not modified
     * @return the weighted rows, same sparsity pattern
     * @throws InvalidDataException if the column count differs or a value is negative or not finite
     */
    public SparseMatrix transform(SparseMatrix counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.columns() != idf.length) {
            throw new InvalidDataException("counts must have " + idf.length + " columns, found "
                    + counts.columns());
        }
        counts.requireNonNegative();
        int[] start = Internals.rowStart(counts);
        int[] idx = Internals.indices(counts);
        double[] val = counts.values();
        for (int i = 0; i < counts.rows(); i++) {
            double ss = 0;
            for (int p = start[i]; p < start[i + 1]; p++) {
                double tf = sublinearTf && val[p] > 0 ? 1 + Math.log(val[p]) : val[p];
                val[p] = tf * idf[idx[p]];
                ss += val[p] * val[p];
            }
            if (l2Normalize && ss > 0) {
                double norm = Math.sqrt(ss);
                for (int p = start[i]; p < start[i + 1]; p++) {
                    val[p] /= norm;
                }
            }
        }
        return new SparseMatrix(counts.columns(), start, idx, val);
    }

    @Override
    public String toString() {
        return "TfIdfModel{columns=" + idf.length + ", trainer=" + trainer() + "}";
    }

    /**
     * Tells whether term frequencies are replaced by {@code 1 + ln(tf)}.
     *
     * @return the {@code sublinearTf} setting
     */
    public boolean sublinearTf() {
        return sublinearTf;
    }

    /**
     * Tells whether each row is scaled to unit Euclidean norm.
     *
     * @return the {@code l2Normalize} setting
     */
    public boolean l2Normalize() {
        return l2Normalize;
    }

    /**
     * Rebuilds a fitted TF-IDF weighting (as read by {@code dev.segmentation.persist}).
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param idf the inverse document frequency of every column, each finite and {@code >= 0}. Not modified.
     * @param sublinearTf whether term frequencies are replaced by {@code 1 + ln(tf)}
     * @param l2Normalize whether rows are scaled to unit norm
     * @return the model
     * @throws IllegalArgumentException if an idf is negative or not finite
     */
    public static TfIdfModel of(String trainer, double[] idf, boolean sublinearTf, boolean l2Normalize) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(idf, "idf");
        double[] v = ParamChecks.nonNegative("idf", idf, idf.length, "one per column");
        return new TfIdfModel(Provenance.fromDescription(trainer).build(), v, sublinearTf, l2Normalize);
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
    private TfIdfModel(TfIdfModel source, Provenance provenance) {
        this.idf = source.idf;
        this.sublinearTf = source.sublinearTf;
        this.l2Normalize = source.l2Normalize;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public TfIdfModel withProvenance(Provenance provenance) {
        return new TfIdfModel(this, provenance);
    }
}
