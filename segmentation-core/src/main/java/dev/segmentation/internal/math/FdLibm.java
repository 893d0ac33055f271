/*
 * The algorithm and constants of log1p below are those of fdlibm 5.3's s_log1p.c, which carries this notice:
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package dev.segmentation.internal.math;

/**
 * fdlibm's {@code log1p} in Java, bit for bit {@link StrictMath#log1p(double)}: the same operations in the same
 * order on IEEE doubles (Java's arithmetic has been strict since Java 17). On Java 17 {@code StrictMath.log1p} (and
 * {@code Math.log1p}, which calls it) is a native method, reached through a JNI transition on every call; at
 * 10^8 calls per lifetime-value stage (the BG/NBD and MBG/NBD likelihood rows, the Pareto/NBD integrand) that
 * transition was about half of the stage's CPU time (issue 19). Java 21 made the same port in the JDK itself
 * ({@code FdLibm.Log1p}); there this class and {@code Math.log1p} agree as well. Not API.
 */
public final class FdLibm {
    private static final double TWO54 = 1.80143985094819840000e+16; // 0x43500000 00000000
    private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
    private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
    private static final double LP1 = 6.666666666666735130e-01; // 0x3FE55555 55555593
    private static final double LP2 = 3.999999999940941908e-01; // 0x3FD99999 9997FA04
    private static final double LP3 = 2.857142874366239149e-01; // 0x3FD24924 94229359
    private static final double LP4 = 2.222219843214978396e-01; // 0x3FCC71C5 1D8E78AF
    private static final double LP5 = 1.818357216161805012e-01; // 0x3FC74664 96CB03DE
    private static final double LP6 = 1.531383769920937332e-01; // 0x3FC39A09 D078C69F
    private static final double LP7 = 1.479819860511658591e-01; // 0x3FC2F112 DF3E5244

    private FdLibm() {
    }

    /**
     * {@code ln(1 + x)}, bit for bit {@link StrictMath#log1p(double)} (fdlibm 5.3's {@code s_log1p.c}).
     *
     * @param x any double
     * @return ln(1 + x): NaN below -1 and for NaN, -Infinity at -1, +Infinity at +Infinity, x itself for a tiny x
     */
    public static double log1p(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32); // high word of x
        int ax = hx & 0x7fffffff;
        int k = 1;
        int hu = 0;
        double f = 0;
        double c = 0;
        if (hx < 0x3FDA827A) { // x < 0.41422
            if (ax >= 0x3ff00000) { // x <= -1.0
                if (x == -1.0) {
                    return Double.NEGATIVE_INFINITY; // log1p(-1) = -inf, fdlibm's -two54 / zero
                }
                return (x - x) / (x - x); // log1p(x < -1) = NaN, the NaN the C expression makes
            }
            if (ax < 0x3e200000) { // |x| < 2**-29
                if (TWO54 + x > 0 && ax < 0x3c900000) { // |x| < 2**-54
                    return x;
                }
                return x - x * x * 0.5;
            }
            if (hx > 0 || hx <= (int) 0xbfd2bec3) {
                k = 0; // -0.2929 < x < 0.41422
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = (int) (Double.doubleToRawLongBits(u) >> 32); // high word of u
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
                c /= u;
            } else {
                u = x;
                hu = (int) (Double.doubleToRawLongBits(u) >> 32);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            long low = Double.doubleToRawLongBits(u) & 0xffffffffL;
            if (hu < 0x6a09e) {
                u = Double.longBitsToDouble(((long) (hu | 0x3ff00000) << 32) | low); // normalize u
            } else {
                k += 1;
                u = Double.longBitsToDouble(((long) (hu | 0x3fe00000) << 32) | low); // normalize u/2
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) { // |f| < 2**-20
            if (f == 0) {
                if (k == 0) {
                    return 0;
                }
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            double r = hfsq * (1.0 - 0.66666666666666666 * f);
            if (k == 0) {
                return f - r;
            }
            return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        if (k == 0) {
            return f - (hfsq - s * (hfsq + r));
        }
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }
}
