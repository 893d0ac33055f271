package dev.segmentation.eval;

/**
 * A reliability table: per equal-width bin of predicted probability, the number of rows, the mean predicted
 * probability and the observed share of positives. A calibrated model has the two close in every bin
 * (DeGroot and Fienberg 1983).
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out.
 */
public final class CalibrationTable {
    private final int[] count;
    private final double[] sumP;
    private final int[] positives;

    CalibrationTable(int[] count, double[] sumP, int[] positives) {
        this.count = count;
        this.sumP = sumP;
        this.positives = positives;
    }

    /**
     * Returns the number of bins.
     *
     * @return B
     */
    public int bins() {
        return count.length;
    }

    /**
     * Returns the rows in each bin.
     *
     * @return a copy, length B
     */
    public int[] counts() {
        return count.clone();
    }

    /**
     * Returns the mean predicted probability in each bin.
     *
     * @return a new array, length B; NaN for an empty bin
     */
    public double[] meanPredicted() {
        double[] out = new double[count.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
        }
        return out;
    }

    /**
     * Returns the observed share of positives in each bin.
     *
     * @return a new array, length B; NaN for an empty bin
     */
    public double[] observedRate() {
        double[] out = new double[count.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = count[b] == 0 ? Double.NaN : positives[b] / (double) count[b];
        }
        return out;
    }

    /**
     * Returns the expected calibration error {@code sum_b (n_b / n) |observed_b - predicted_b|}
     * (Naeini, Cooper and Hauskrecht 2015).
     *
     * @return the ECE in [0, 1]
     */
    public double expectedCalibrationError() {
        long n = 0;
        for (int c : count) {
            n += c;
        }
        double e = 0;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                e += count[b] / (double) n * Math.abs(positives[b] / (double) count[b] - sumP[b] / count[b]);
            }
        }
        return e;
    }
}
