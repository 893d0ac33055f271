package dev.segmentation.clv;

import dev.segmentation.math.LogSpace;

/** Small log-space helpers on top of {@link LogSpace}. */
final class LogSpaceHelpers {
    private LogSpaceHelpers() {
    }

    /** log(1 - exp(-d)) for d >= 0 (d = 0 gives -Infinity; rounding below 0 is treated as 0). */
    static double log1mExpSafe(double d) {
        if (!(d > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return LogSpace.log1mExp(d);
    }
}
