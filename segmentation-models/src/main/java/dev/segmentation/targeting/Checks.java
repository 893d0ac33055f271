package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;

/**
 * The targeting checks: a probability in [0, 1] (through {@link ParamChecks#inRange}) and an interval, which
 * {@link ParamChecks} has no rule for, with its message format {@code "<param> must be <constraint>, found <value>"}.
 */
final class Checks {
    private Checks() {
    }

    static double probability(String name, double p) {
        return ParamChecks.inRange(name, p, 0, 1);
    }

    static void band(String name, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException(name + " must be an interval with lower <= upper, found ["
                    + lo + ", " + hi + "]");
        }
    }
}
