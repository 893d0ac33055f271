package dev.segmentation.bench.clv;

import dev.segmentation.features.BtydSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Benchmark data: a CDNOW-like cohort simulated from BG/NBD with known parameters (r 0.25, alpha 4.4, a 0.8,
 * b 2.4, in weeks). First purchases fall on the 84 days of one quarter, observation ends 39 weeks after the
 * quarter starts, and times are whole days expressed in weeks (days / 7), as in the CDNOW summaries, so
 * customers share (frequency, recency, T) triples the way real cohorts do.
 */
final class CohortSampler {
    private CohortSampler() {
    }

    static BtydSummary cohort(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] bigT = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
            int ageDays = 273 - rnd.nextInt(84);
            double lambda = gamma(rnd, 0.25, 4.4);
            double ga = gamma(rnd, 0.8, 1);
            double p = ga / (ga + gamma(rnd, 2.4, 1));
            double t = 0;
            int count = 0;
            int lastDay = 0;
            while (true) {
                t += -Math.log(1 - rnd.nextDouble()) / lambda;
                int day = (int) Math.floor(t * 7);
                if (day > ageDays) {
                    break;
                }
                count++;
                lastDay = day;
                if (rnd.nextDouble() < p) {
                    break;
                }
            }
            x[i] = count;
            tx[i] = lastDay / 7.0;
            bigT[i] = ageDays / 7.0;
        }
        return BtydSummary.of(ids, x, tx, bigT, null, Duration.ofDays(7));
    }

    private static double gamma(SplittableRandom rnd, double shape, double rate) {
        if (shape < 1) {
            return gamma(rnd, shape + 1, rate) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rnd.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            if (Math.log(rnd.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v / rate;
            }
        }
    }

    /** The CDNOW calibration summary, found in a {@code shared/data} folder beside the working directory. */
    static BtydSummary cdnow() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("shared/data/cdnow/cdnow_customers_summary.csv");
            if (Files.isRegularFile(f)) {
                return BtydSummary.readCsv(f, StandardCharsets.UTF_8, Duration.ofDays(7), "ID", "frequency",
                        "recency", "T", null);
            }
        }
        throw new IllegalStateException("shared/data/cdnow/cdnow_customers_summary.csv not found above "
                + Path.of("").toAbsolutePath());
    }
}
