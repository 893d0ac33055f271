package dev.segmentation.eval;

/**
 * Cumulative gains and lift by score group (deciles by default), highest scores first: what share of all
 * positives a campaign reaches by contacting the top groups, and how much better than random that is.
 *
 * <p>For group g with {@code n_g} rows of which {@code k_g} positive, out of n rows and K positives:
 * response rate {@code k_g / n_g}, lift {@code (k_g / n_g) / (K / n)}, cumulative gain
 * {@code sum_(h <= g) k_h / K} and cumulative lift {@code gain_g / (sum_(h <= g) n_h / n)}.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out.
 */
public final class GainsTable {
    private final int[] size;
    private final int[] positives;
    private final int n;
    private final int total;

    GainsTable(int[] size, int[] positives) {
        this.size = size;
        this.positives = positives;
        int nn = 0;
        int t = 0;
        for (int g = 0; g < size.length; g++) {
            nn += size[g];
            t += positives[g];
        }
        this.n = nn;
        this.total = t;
    }

    /**
     * Returns the number of groups.
     *
     * @return G
     */
    public int groups() {
        return size.length;
    }

    /**
     * Returns the row count of each group.
     *
     * @return a copy, length G
     */
    public int[] sizes() {
        return size.clone();
    }

    /**
     * Returns the positives in each group.
     *
     * @return a copy, length G
     */
    public int[] positives() {
        return positives.clone();
    }

    /**
     * Returns each group's lift over the overall positive rate.
     *
     * @return a new array, length G
     */
    public double[] lift() {
        double base = total / (double) n;
        double[] out = new double[size.length];
        for (int g = 0; g < out.length; g++) {
            out[g] = size[g] == 0 ? 0 : positives[g] / (double) size[g] / base;
        }
        return out;
    }

    /**
     * Returns the cumulative share of all positives found in the top g + 1 groups.
     *
     * @return a new array, length G, ending at 1
     */
    public double[] cumulativeGains() {
        double[] out = new double[size.length];
        long cum = 0;
        for (int g = 0; g < out.length; g++) {
            cum += positives[g];
            out[g] = cum / (double) total;
        }
        return out;
    }

    /**
     * Returns the cumulative lift of the top g + 1 groups.
     *
     * @return a new array, length G, ending at 1
     */
    public double[] cumulativeLift() {
        double[] gains = cumulativeGains();
        long rows = 0;
        for (int g = 0; g < gains.length; g++) {
            rows += size[g];
            gains[g] = gains[g] / (rows / (double) n);
        }
        return gains;
    }

    /**
     * Returns the lift of the top group (the top decile for the default table).
     *
     * @return {@code lift()[0]}
     */
    public double topLift() {
        return lift()[0];
    }
}
