package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Test-only sampler of BG/NBD customers with Gamma-Gamma spend, with known parameters. It stands in for
 * {@code RetailSimulator} (written concurrently elsewhere) in the parameter-recovery tests; the recovery
 * tests are meant to switch to the simulator once it is merged.
 *
 * <p>Per customer: lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b), nu ~ Gamma(q, rate v); inter-purchase
 * times are Exponential(lambda) up to T; after each repeat purchase the customer leaves with probability p;
 * each repeat purchase's value is Gamma(shape pSpend, rate nu).
 */
final class BtydSampler {
    private BtydSampler() {
    }

    static double gamma(SplittableRandom rnd, double shape, double rate) {
        if (shape < 1) {
            double u = rnd.nextDouble();
            return gamma(rnd, shape + 1, rate) * Math.pow(u, 1 / shape);
        }
        // Marsaglia and Tsang (2000).
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v / rate;
            }
        }
    }

    /**
     * Samples n customers. Ages T are uniform on [tMin, tMax]; if {@code grid > 0} all times are rounded
     * down to multiples of it (like whole days in a weekly unit), which creates duplicates.
     */
    static BtydSummary bgNbd(long seed, int n, double r, double alpha, double a, double b, double pSpend,
            double q, double v, double tMin, double tMax, double grid, Duration unit) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] bigT = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
            double age = tMin + (tMax - tMin) * rnd.nextDouble();
            if (grid > 0) {
                age = Math.floor(age / grid) * grid;
            }
            double lambda = gamma(rnd, r, alpha);
            double ga = gamma(rnd, a, 1);
            double p = ga / (ga + gamma(rnd, b, 1));
            double nu = gamma(rnd, q, v);
            double t = 0;
            int count = 0;
            double spend = 0;
            while (true) {
                t += -Math.log(1 - rnd.nextDouble()) / lambda;
                double tt = grid > 0 ? Math.floor(t / grid) * grid : t;
                if (tt > age) {
                    break;
                }
                count++;
                tx[i] = tt;
                spend += gamma(rnd, pSpend, nu);
                if (rnd.nextDouble() < p) {
                    break;
                }
            }
            x[i] = count;
            bigT[i] = age;
            m[i] = count == 0 ? 0 : spend / count;
        }
        return BtydSummary.of(ids, x, tx, bigT, m, unit);
    }
}
