package dev.segmentation.targeting;

/** Argument checks with the house message format {@code "<param> must be <constraint>, found <value>"}. */
final class Checks {
    private Checks() {
    }

    static double probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], found " + p);
        }
        return p;
    }

    static double nonNegative(String name, double x) {
        if (!(x >= 0.0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, found " + x);
        }
        return x;
    }

    static double finite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, found " + x);
        }
        return x;
    }

    static void band(String name, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException(name + " must be an interval with lower <= upper, found ["
                    + lo + ", " + hi + "]");
        }
    }

    static int atLeast(String name, int x, int min) {
        if (x < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", found " + x);
        }
        return x;
    }
}
