package dev.segmentation.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link KSweep}: one {@link KSweepRow} per k. Immutable and safe for concurrent use.
 */
public final class KSweepResult {
    private final List<KSweepRow> rows;

    KSweepResult(List<KSweepRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Returns the measures per k.
     *
     * @return an unmodifiable list in increasing k
     */
    public List<KSweepRow> rows() {
        return rows;
    }

    /**
     * Returns the k that the criterion prefers (the highest silhouette or Calinski-Harabasz, the lowest
     * Davies-Bouldin, BIC or AIC), ignoring undefined (NaN) values; the smallest such k on ties.
     *
     * @param criterion the measure; not null
     * @return the best k
     * @throws IllegalStateException if no k has a defined value of that measure (for example BIC on a k-means
     *     sweep): "no k has a defined BIC"
     */
    public int best(KSweep.Criterion criterion) {
        Objects.requireNonNull(criterion, "criterion");
        int bestK = -1;
        double bestV = Double.NaN;
        for (KSweepRow r : rows) {
            double v;
            boolean higher;
            switch (criterion) {
                case SILHOUETTE:
                    v = r.silhouette();
                    higher = true;
                    break;
                case CALINSKI_HARABASZ:
                    v = r.calinskiHarabasz();
                    higher = true;
                    break;
                case DAVIES_BOULDIN:
                    v = r.daviesBouldin();
                    higher = false;
                    break;
                case BIC:
                    v = r.bic();
                    higher = false;
                    break;
                default:
                    v = r.aic();
                    higher = false;
                    break;
            }
            if (Double.isNaN(v)) {
                continue;
            }
            if (bestK < 0 || (higher ? v > bestV : v < bestV)) {
                bestK = r.k();
                bestV = v;
            }
        }
        if (bestK < 0) {
            throw new IllegalStateException("no k has a defined " + criterion);
        }
        return bestK;
    }

    /**
     * Summarizes the sweep.
     *
     * @return the rows
     */
    @Override
    public String toString() {
        return "KSweepResult" + rows;
    }
}
