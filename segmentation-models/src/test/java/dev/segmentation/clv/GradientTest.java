package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Analytic gradients of every likelihood against central finite differences. */
class GradientTest {
    private static final int N = 40;

    private final double[] f = new double[N];
    private final double[] rec = new double[N];
    private final double[] age = new double[N];
    private final double[] w = new double[N];

    GradientTest() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < N; i++) {
            age[i] = 1 + rnd.nextDouble() * 60;
            f[i] = i < 5 ? 0 : (i < 10 ? 150 + rnd.nextInt(300) : rnd.nextInt(12));
            rec[i] = f[i] == 0 ? 0 : rnd.nextDouble() * age[i];
            w[i] = 1 + rnd.nextInt(5);
        }
    }

    private static void check(LogParamFitter.Likelihood ll, double[] p) {
        double[] g = new double[p.length];
        ll.logLikelihood(p, g);
        for (int j = 0; j < p.length; j++) {
            double h = 1e-6 * p[j];
            double[] hi = p.clone();
            double[] lo = p.clone();
            hi[j] += h;
            lo[j] -= h;
            double fd = (ll.logLikelihood(hi, null) - ll.logLikelihood(lo, null)) / (2 * h);
            assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + j);
        }
    }

    @Test
    void bgNbd() {
        check((p, g) -> BgFamily.logLikelihood(0, f, rec, age, w, p, g), new double[] {0.24, 4.4, 0.79, 2.4});
        check((p, g) -> BgFamily.logLikelihood(0, f, rec, age, w, p, g), new double[] {3.0, 0.5, 5.0, 0.3});
    }

    @Test
    void modifiedBgNbd() {
        check((p, g) -> BgFamily.logLikelihood(1, f, rec, age, w, p, g), new double[] {0.52, 6.2, 0.89, 1.6});
    }

    @Test
    void paretoNbdBothBranches() {
        check((p, g) -> ParetoFamily.logLikelihood(f, rec, age, w, p, g), new double[] {0.55, 10.6, 0.61, 11.7});
        check((p, g) -> ParetoFamily.logLikelihood(f, rec, age, w, p, g), new double[] {0.55, 14.0, 0.61, 3.0});
        check((p, g) -> ParetoFamily.logLikelihood(f, rec, age, w, p, g), new double[] {1.5, 2.0, 2.5, 40.0});
    }

    @Test
    void gammaGamma() {
        double[] x = {1, 2, 5, 1, 30};
        double[] z = {10.5, 22.0, 35.0, 3.0, 60.0};
        double[] ww = {3, 1, 2, 1, 1};
        check((p, g) -> GammaGamma.logLikelihood(x, z, ww, p, g), new double[] {6.2, 3.7, 15.4});
        check((p, g) -> GammaGamma.logLikelihood(x, z, ww, p, g), new double[] {0.5, 1.2, 100});
    }
}
