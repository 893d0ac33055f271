package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.math.Hypergeometric;
import org.junit.jupiter.api.Test;

/** Golden values from src/test/resources/dev/segmentation/clv/golden.py (mpmath, 40 digits). */
class HypergeometricTest {
    private static final double REL = 1e-12;

    private static void close(double expected, double actual, double rel) {
        assertEquals(expected, actual, rel * Math.abs(expected));
    }

    @Test
    void seriesMatchesClosedForm() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z (A&S 15.1.3)
        for (double z : new double[] {0.01, 0.3, 0.7, 0.95}) {
            close(-Math.log1p(-z) / z, Hypergeometric.series(1, 1, 2, z), REL);
        }
    }

    @Test
    void bgKernelMatchesMpmath() {
        close(0.044233889008964342564, Hypergeometric.bgKernel(0.79, 1.95, 2.19, 0.3), REL);
        close(3.8791855667135558551, Hypergeometric.bgKernel(0.79, 0.95, 2.19, 0.97), REL);
        close(0.66660723283046882045, Hypergeometric.bgKernel(2.5, 1.2, 3.7, 0.999), 1e-10);
        close(0.27258871703748686383, Hypergeometric.bgKernel(1.0000001, 2.0, 3.0, 0.5), 1e-9);
        close(4.3744443691668508886, Hypergeometric.bgKernel(0.5, -0.7, 40.0, 0.9), REL);
        close(0.4999999949598637035, Hypergeometric.bgKernel(3.0, 4.0, 1004.0, 0.9999), REL);
    }

    @Test
    void bgKernelStaysFiniteWhenAIsHuge() {
        // a Beta dropout prior concentrated at one point (a, b in the millions, where fits to data that do not
        // identify them drift): the transformed series overflows; golden values from golden.py's direct sum
        close(7.951428641065314494e-7,
                Hypergeometric.bgKernel(1233436.1910827586, 15547030.024679627, 15547037.716668826,
                        0.8943087249402314), REL);
        close(0.000049911779424700079321, Hypergeometric.bgKernel(20000.0, 260000.0, 260012.0, 0.9), REL);
        close(0.0025026659803576547373, Hypergeometric.bgKernel(400.0, 5000.0, 5003.0, 0.99), REL);
        close(3.8791855667135558551, Hypergeometric.bgKernelDirect(0.79, 0.95, 2.19, 0.97), REL);
    }

    @Test
    void transformationAgreesWithLongSeries() {
        // z close to 1, where the series needs many terms: the 1 - z transformation must agree with it.
        double a = 0.79;
        double bigA = 0.95;
        double c = 2.19;
        for (double z : new double[] {0.95, 0.99, 0.999}) {
            double t = Hypergeometric.bgKernelTransformed(a, bigA, c, z);
            double u = Math.exp((a - 1) * Math.log1p(-z));
            double viaSeries = (1 - u * Hypergeometric.series(bigA, a - 1, c, z)) / (a - 1);
            close(viaSeries, t, 1e-10);
        }
    }

    @Test
    void kernelIsContinuousAtAEqualsOne() {
        double below = Hypergeometric.bgKernel(1 - 1e-9, 2, 3, 0.5);
        double at = Hypergeometric.bgKernel(1, 2, 3, 0.5);
        double above = Hypergeometric.bgKernel(1 + 1e-9, 2, 3, 0.5);
        close(0.27258872223978123767, at, 1e-8);
        assertEquals(at, below, 1e-8);
        assertEquals(at, above, 1e-8);
    }

    @Test
    void series1DerivativesMatchFiniteDifferences() {
        double[] out = new double[4];
        double[] hi = new double[4];
        double[] lo = new double[4];
        double b = 3.7;
        double c = 5.2;
        double z = 0.6;
        Hypergeometric.series1(b, c, z, out, true);
        close(Math.log(Hypergeometric.series(1, b, c, z)), out[0], 1e-13);
        double h = 1e-6;
        Hypergeometric.series1(b + h, c, z, hi, true);
        Hypergeometric.series1(b - h, c, z, lo, true);
        close((hi[0] - lo[0]) / (2 * h), out[1], 1e-7);
        Hypergeometric.series1(b, c + h, z, hi, true);
        Hypergeometric.series1(b, c - h, z, lo, true);
        close((hi[0] - lo[0]) / (2 * h), out[2], 1e-7);
        Hypergeometric.series1(b, c, z + h, hi, true);
        Hypergeometric.series1(b, c, z - h, lo, true);
        close((hi[0] - lo[0]) / (2 * h), out[3], 1e-7);
        Hypergeometric.series1(b, c, 0, out, true);
        assertEquals(b / c, out[3], 1e-15);
    }

    @Test
    void series1TransformationAgreesWithTheSeriesNearOne() {
        double[] direct = new double[4];
        double[] viaTransform = new double[4];
        for (double z : new double[] {0.99, 0.999, 0.9999}) {
            Hypergeometric.series1Direct(1.3, 2.9, z, direct, Hypergeometric.MAX_TERMS);
            Hypergeometric.series1(1.3, 2.9, z, viaTransform, false);
            close(direct[0], Hypergeometric.logOneMinusZ(1.3, 2.9, z), 1e-11);
            for (int k = 0; k < 4; k++) {
                close(direct[k], viaTransform[k], 1e-6);
            }
        }
    }
}
