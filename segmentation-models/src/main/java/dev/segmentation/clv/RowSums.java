package dev.segmentation.clv;

/**
 * The running sums of a likelihood over its rows, in row order: the value, each row's term copied to
 * {@code perRow} (as {@code 0 + term}) when that is not null, and the four gradient components when a gradient is
 * asked for. The sequential loops add the terms one by one ({@link #add}); the parallel passes compute them into
 * arrays over fixed chunks and add them here in row order ({@link #addAll}): the same additions in the same order,
 * so both give the same bits (issue 19). One per evaluation, on the calling thread.
 */
final class RowSums {
    private final double[] perRow;
    private final boolean gradient;
    private double ll;
    private double g0;
    private double g1;
    private double g2;
    private double g3;

    /**
     * @param perRow where each row's term goes, or null
     * @param gradient whether the gradient terms are summed
     */
    RowSums(double[] perRow, boolean gradient) {
        this.perRow = perRow;
        this.gradient = gradient;
    }

    /** Adds row {@code i}'s term and, with a gradient, its four gradient terms {@code g[o..o+3]}. */
    void add(int i, double term, double[] g, int o) {
        ll += term;
        if (perRow != null) {
            perRow[i] = 0.0 + term;
        }
        if (gradient) {
            g0 += g[o];
            g1 += g[o + 1];
            g2 += g[o + 2];
            g3 += g[o + 3];
        }
    }

    /** Adds rows {@code 0..n-1} from a parallel pass: {@code terms[i]} and {@code g[4i..4i+3]}. */
    void addAll(int n, double[] terms, double[] g) {
        for (int i = 0; i < n; i++) {
            add(i, terms[i], g, 4 * i);
        }
    }

    /** Writes the gradient sums to {@code grad} (when asked for) and returns the log-likelihood. */
    double finish(double[] grad) {
        if (gradient) {
            grad[0] = g0;
            grad[1] = g1;
            grad[2] = g2;
            grad[3] = g3;
        }
        return ll;
    }
}
