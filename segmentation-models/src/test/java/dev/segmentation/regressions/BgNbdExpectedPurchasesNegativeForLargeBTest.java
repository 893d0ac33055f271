package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbdModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 17: "`clv score --model bgnbd --params r=0.243,alpha=4.414,a=0.8,b=1e17` gives values down to -55". */
class BgNbdExpectedPurchasesNegativeForLargeBTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void bBeyondTheAccurateRangeIsRefused() {
        assertEquals("b must be in [1e-12, 1e12], the range where the scores are accurate, found 1.0E17",
                assertThrows(IllegalArgumentException.class, () -> BgNbdModel.of(0.243, 4.414, 0.8, 1e17, WEEK))
                        .getMessage());
    }

    @Test
    void atTheEdgeOfTheRangeTheExpectationIsTheNoDropoutLimit() {
        // b = 1e12: dropout is almost impossible, so E[Y(t) | x, t_x, T] = (r + x) t / (alpha + T) P(alive) up to
        // a relative O((r + x) a t / (b (alpha + T))) < 1e-9 here (FHL 2005 eq. 10 as b -> infinity)
        BgNbdModel m = BgNbdModel.of(0.243, 4.414, 0.8, 1e12, WEEK);
        double[][] customers = {{0, 0, 38}, {2, 30.43, 38.86}, {10, 35, 39}, {1, 2, 60}, {150, 36, 39}};
        for (double[] c : customers) {
            for (double t : new double[] {1, 39, 52, 400}) {
                double e = m.conditionalExpectedPurchases(t, c[0], c[1], c[2]);
                double limit = (0.243 + c[0]) * t / (4.414 + c[2]) * m.probabilityAlive(c[0], c[1], c[2]);
                assertEquals(limit, e, 1e-9 * limit, "x=" + c[0] + " t=" + t);
                assertTrue(e >= 0);
            }
        }
    }
}
