package dev.segmentation.internal.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link FdLibm#log1p(double)} against {@link StrictMath#log1p(double)}, compared bit for bit (raw bits, so the
 * sign of zero and the NaN the function makes are checked too): at the branch points of fdlibm's algorithm, over
 * every bit pattern, and densely over (0, 1], the arguments the lifetime-value likelihoods give it.
 */
class FdLibmTest {

    private static void assertSame(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.log1p(x)), Double.doubleToRawLongBits(FdLibm.log1p(x)),
                () -> "log1p(" + x + ") = " + FdLibm.log1p(x) + ", StrictMath " + StrictMath.log1p(x));
    }

    /** The thresholds of s_log1p.c (2^-54, 2^-29, -0.2929, 0.41422, 2^53, the f = 0 case), each side of them. */
    @Test
    void matchesAtTheBranchPoints() {
        double[] points = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-54, -0x1p-54,
            0x1p-29, -0x1p-29, 0x1p-20, -0x1p-20, -0.29289321881345254, -0.2928932188134524, 0.41421356237309503,
            0.41421356237309515, 1, 3, 7, 0x1p52, 0x1p53, 0x1p54, 1e300, Double.MAX_VALUE, -1, -0.9999999999999999,
            -1.0000000000000002, -2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.5, -0.5};
        for (double p : points) {
            assertSame(p);
            assertSame(Math.nextUp(p));
            assertSame(Math.nextDown(p));
        }
    }

    /** Every kind of double: raw bit patterns (NaNs with payloads, subnormals, both signs) and ordinary ranges. */
    @Provide
    Arbitrary<Double> doubles() {
        Arbitrary<Double> bits = Arbitraries.longs().map(Double::longBitsToDouble);
        Arbitrary<Double> unit = Arbitraries.doubles().between(-1, 1).ofScale(18);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-1, 1e20);
        Arbitrary<Double> tiny = Arbitraries.doubles().between(-1e-5, 1e-5).ofScale(30);
        return Arbitraries.frequencyOf(Tuple.of(3, bits), Tuple.of(3, unit), Tuple.of(2, wide), Tuple.of(2, tiny));
    }

    @Property(tries = 10_000)
    void matchesStrictMathBitForBit(@ForAll("doubles") double x) {
        assertSame(x);
    }

    /**
     * Two million arguments of the forms the likelihoods use: exp(-y) for y in [0, 40) (the log-sum-exp of two
     * terms), and uniform draws over (-1, 2), with a fixed seed.
     */
    @Test
    void matchesOnManyArgumentsOfTheLikelihoods() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 1_000_000; i++) {
            assertSame(Math.exp(-40 * random.nextDouble()));
            assertSame(-1 + 3 * random.nextDouble());
        }
    }
}
