package dev.segmentation.bench.features;

import java.util.SplittableRandom;

/** Synthetic RFM-like features for the encoder benchmarks, from a fixed seed. */
final class EncoderData {
    /** Column names of {@link #rows}. */
    static final String[] NAMES = {"recency", "frequency", "monetary", "tenure"};

    private EncoderData() {
    }

    /**
     * Generates n rows: recency in whole days 1..365 (heavy ties), frequency geometric with mean about 3, monetary
     * log-normal (median 50), tenure uniform in [0, 1000).
     *
     * @param n rows
     * @param seed the seed
     * @return n rows of 4 values
     */
    static double[][] rows(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double f = Math.floor(Math.log(1 - rnd.nextDouble()) / Math.log(0.7));
            rows[i] = new double[] {1 + rnd.nextInt(365), f, Math.exp(Math.log(50) + rnd.nextGaussian()),
                1000 * rnd.nextDouble()};
        }
        return rows;
    }
}
