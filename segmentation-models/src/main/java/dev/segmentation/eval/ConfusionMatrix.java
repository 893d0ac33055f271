package dev.segmentation.eval;

/**
 * Confusion counts of a binary classifier at one threshold, with the usual rates. Precision, recall and F1
 * are 0 (not NaN) when their denominator is 0, as scikit-learn's {@code zero_division=0}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class ConfusionMatrix {
    private final long tp;
    private final long fp;
    private final long tn;
    private final long fn;

    ConfusionMatrix(long tp, long fp, long tn, long fn) {
        this.tp = tp;
        this.fp = fp;
        this.tn = tn;
        this.fn = fn;
    }

    /**
     * Returns the true positives.
     *
     * @return positives predicted positive
     */
    public long truePositives() {
        return tp;
    }

    /**
     * Returns the false positives.
     *
     * @return negatives predicted positive
     */
    public long falsePositives() {
        return fp;
    }

    /**
     * Returns the true negatives.
     *
     * @return negatives predicted negative
     */
    public long trueNegatives() {
        return tn;
    }

    /**
     * Returns the false negatives.
     *
     * @return positives predicted negative
     */
    public long falseNegatives() {
        return fn;
    }

    /**
     * Returns the accuracy {@code (tp + tn) / n}.
     *
     * @return the share of rows classified correctly
     */
    public double accuracy() {
        return (tp + tn) / (double) (tp + tn + fp + fn);
    }

    /**
     * Returns the precision {@code tp / (tp + fp)}.
     *
     * @return the precision, 0 when nothing is predicted positive
     */
    public double precision() {
        return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
    }

    /**
     * Returns the recall (sensitivity) {@code tp / (tp + fn)}.
     *
     * @return the recall, 0 when there are no positives
     */
    public double recall() {
        return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
    }

    /**
     * Returns F1, the harmonic mean of precision and recall, {@code 2 tp / (2 tp + fp + fn)}.
     *
     * @return F1, 0 when {@code tp = 0}
     */
    public double f1() {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix{tp=" + tp + ", fp=" + fp + ", tn=" + tn + ", fn=" + fn + "}";
    }
}
