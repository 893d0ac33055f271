package dev.segmentation.data;

/**
 * Closed-form BG/NBD quantities for checking the simulator against theory (test code only).
 *
 * <p>Fader, Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science 24(2):
 * eq. (9) for E[X(t)]; the unconditional P(alive at t) follows from the same story (death time given lambda and
 * p is exponential with rate lambda * p, since dropout happens at a geometric number of exponential gaps),
 * averaged over Gamma(r, alpha) and Beta(a, b) by Euler's integral and Pfaff's transformation.
 */
final class BtydTheory {
    private BtydTheory() {
    }

    /**
     * Gauss's hypergeometric 2F1(a, b; c; z) by its power series, for a, b, c &gt; 0 and 0 &lt;= z &lt; 1 (all
     * terms positive, so stopping when a term falls below 1e-17 of the sum leaves a remainder below
     * term * z / (1 - z)).
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
            throw new IllegalArgumentException("series needs a, b, c > 0 and 0 <= z < 1");
        }
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < 10_000_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            sum += term;
            if (term < 1e-17 * sum) {
                return sum;
            }
        }
        throw new AssertionError("2F1 series did not converge");
    }

    /** E[X(t)], the expected number of repeat purchases in (0, t] (FHL 2005 eq. 9); needs a != 1, a + b > 1. */
    static double expectedRepeats(double r, double alpha, double a, double b, double t) {
        double z = t / (alpha + t);
        return (a + b - 1.0) / (a - 1.0)
                * (1.0 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1.0, z));
    }

    /**
     * P(alive at t) for a customer acquired at 0: E[exp(-lambda p t)] = (alpha/(alpha+t))^r
     * 2F1(r, b; a+b; t/(alpha+t)).
     */
    static double probabilityAlive(double r, double alpha, double a, double b, double t) {
        return Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b, t / (alpha + t));
    }
}
