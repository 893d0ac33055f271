package dev.segmentation.clv;

import dev.segmentation.internal.ParamChecks;

/**
 * The CLV models' own argument rules, in the wording of {@link ParamChecks} ({@code "<param> must be <constraint>,
 * found <value>"}): a customer's (frequency, recency, T), horizon arrays, optional column lengths, the range over
 * which a model parameter keeps its scores accurate, and a guard on computed results. Generic scalar checks (finite,
 * {@code > 0}, {@code >= 0}, {@code >= 1}) are {@link ParamChecks}' own, called directly (issue 18).
 */
final class Checks {
    private Checks() {
    }

    static void customer(double frequency, double recency, double T) {
        if (!(frequency >= 0) || Double.isInfinite(frequency) || frequency != Math.rint(frequency)) {
            throw new IllegalArgumentException("frequency must be a non-negative integer, found " + frequency);
        }
        ParamChecks.nonNegative("recency", recency);
        ParamChecks.nonNegative("T", T);
        if (recency > T) {
            throw new IllegalArgumentException("recency must be <= T = " + T + ", found " + recency);
        }
    }

    static void horizons(double[] t, double[] out) {
        java.util.Objects.requireNonNull(t, "t");
        java.util.Objects.requireNonNull(out, "out");
        ParamChecks.hasLengthAtLeast("out", out.length, t.length);
        for (double v : t) {
            ParamChecks.nonNegative("t", v);
        }
    }

    static void length(String name, double[] a, int n) {
        if (a != null) {
            ParamChecks.hasLength(name, a.length, n);
        }
    }

    /** The smallest model parameter accepted by the {@code of} factories (and model files). */
    static final double MIN_PARAM = 1e-12;
    /** The largest model parameter accepted by the {@code of} factories (and model files). */
    static final double MAX_PARAM = 1e12;

    /**
     * A model parameter: finite, {@code > 0} and in {@code [1e-12, 1e12]}, the range over which every score is
     * checked to be finite and inside its mathematical range (issue 17). Beyond it the scores' formulas lose
     * their precision (for example {@code r = 1e308, alpha = 1e-308} overflowed to Infinity).
     */
    static double parameter(String name, double v) {
        ParamChecks.positive(name, v);
        if (v < MIN_PARAM || v > MAX_PARAM) {
            throw new IllegalArgumentException(name + " must be in [1e-12, 1e12], the range where the scores are"
                    + " accurate, found " + v);
        }
        return v;
    }

    /** {@code v} kept in {@code [lo, hi]}; NaN refused (a guard on results whose range is proven). */
    static double clamp(double v, double lo, double hi, String what) {
        if (Double.isNaN(v)) {
            throw new IllegalStateException(what + " could not be computed accurately (NaN); please report the"
                    + " parameters and the customer");
        }
        return Math.min(Math.max(v, lo), hi);
    }
}
