package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores against mpmath at 90 digits over the accepted parameter space (issue 17), from
 * {@code src/test/resources/dev/segmentation/clv/golden/btyd_range_golden.py} (committed beside its CSV).
 *
 * <p>Every row is checked (P(alive), conditional and unconditional expected purchases, P(X = n), expected
 * spend): each must match to 1e-9 relative (1e-13 absolute). The one documented exception is a BG/NBD-family
 * expectation with {@code t / (alpha + T) > 100} whose exact positive-term sum would need more than 4,000,000
 * terms: it is refused with its message (the accuracy region stated in {@code BgFamilyModel}'s javadoc), and
 * the test asserts that refusal for exactly those rows.
 */
class BtydRangeGoldenTest {
    /** Relative tolerance: the Euler form is accepted with at most 1e4 error amplification (12 digits left). */
    private static final double REL = 1e-9;
    /** Absolute floor for probabilities and values near 0 (P(X = n) uses commons-math's incomplete beta). */
    private static final double ABS = 1e-13;

    @Test
    void everyGoldenValueIsMatched() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int refused = 0;
        try (InputStream in = getClass().getResourceAsStream("/dev/segmentation/clv/golden/btyd_range_golden.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                double p1 = Double.parseDouble(f[2]);
                double p2 = Double.parseDouble(f[3]);
                double p3 = Double.parseDouble(f[4]);
                double p4 = Double.parseDouble(f[5]);
                int x = Integer.parseInt(f[6]);
                double tx = Double.parseDouble(f[7]);
                double age = Double.parseDouble(f[8]);
                double t = Double.parseDouble(f[9]);
                int n = Integer.parseInt(f[10]);
                double expected = Double.parseDouble(f[11]);
                double actual;
                try {
                    actual = score(f[0], f[1], p1, p2, p3, p4, x, tx, age, t, n);
                } catch (IllegalStateException e) {
                    if (outsideSeriesRegion(f[0], f[1], p2, age, t)
                            && e.getMessage().startsWith("expected purchases: t / (alpha + T) = ")
                            && e.getMessage().endsWith(REFUSAL)) {
                        refused++;
                    } else {
                        failures.add(line + " -> " + e.getMessage());
                    }
                    continue;
                }
                checked++;
                if (!(Math.abs(actual - expected) <= Math.max(ABS, REL * Math.abs(expected)))) {
                    failures.add(line + " -> " + actual);
                }
            }
        }
        assertTrue(checked > 300, "checked " + checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + (checked + refused) + " differ:\n"
                + String.join("\n", failures));
        // the refusals are the documented accuracy region's edge, not a way around it: few, and all beyond it
        assertTrue(refused < (checked + refused) / 20, "refused " + refused + " of " + (checked + refused));
    }

    /** The end of the documented refusal of a BG/NBD-family expectation outside the accuracy region. */
    private static final String REFUSAL = " is outside the accuracy region (t / (alpha + T) <= 100.0 with (r + x) t"
            + " / (alpha + T) <= 3000000.0, or an exact sum of at most 4000000 terms); use a shorter horizon";

    /** Whether a row lies where a BG/NBD-family expectation may be refused: t / (alpha + T) above 100. */
    private static boolean outsideSeriesRegion(String model, String score, double alpha, double age, double t) {
        boolean bg = model.equals("bgnbd") || model.equals("mbgnbd");
        double s = score.equals("uncond") ? t / alpha : t / (alpha + age);
        return bg && (score.equals("cond") || score.equals("uncond")) && s > 100;
    }

    private static double score(String model, String score, double p1, double p2, double p3, double p4, int x,
            double tx, double age, double t, int n) {
        Duration week = Duration.ofDays(7);
        if (model.equals("gammagamma")) {
            return GammaGammaModel.of(p1, p3, p4).conditionalExpectedAverageSpend(x, tx);
        }
        BtydModel m = model.equals("bgnbd") ? BgNbdModel.of(p1, p2, p3, p4, week)
                : model.equals("mbgnbd") ? ModifiedBgNbdModel.of(p1, p2, p3, p4, week)
                : ParetoNbdModel.of(p1, p2, p3, p4, week);
        switch (score) {
            case "palive":
                return m.probabilityAlive(x, tx, age);
            case "cond":
                return m.conditionalExpectedPurchases(t, x, tx, age);
            case "uncond":
                return m.expectedPurchases(t);
            default:
                return m.probabilityOfPurchases(n, t);
        }
    }
}
