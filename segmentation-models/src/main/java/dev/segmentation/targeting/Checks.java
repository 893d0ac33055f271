package dev.segmentation.targeting;

/**
 * The targeting checks {@link dev.segmentation.internal.ParamChecks} has no rule for (a probability in [0, 1], an
 * interval), with its message format {@code "<param> must be <constraint>, found <value>"}.
 */
final class Checks {
    private Checks() {
    }

    static double probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], found " + p);
        }
        return p;
    }

    static void band(String name, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException(name + " must be an interval with lower <= upper, found ["
                    + lo + ", " + hi + "]");
        }
    }
}
