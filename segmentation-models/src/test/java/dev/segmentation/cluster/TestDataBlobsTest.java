package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The blob generator terminates where its centres are tight: five centres 6 apart in [-20, 20] fit, but the first
 * four can leave no room for the fifth. The generator used to redraw only the last centre, forever (a jqwik seed of
 * {@code LloydStatsPropertiesTest} hung CI); the timeout turns such a hang into a failure.
 */
class TestDataBlobsTest {

    @Test
    void tightOneDimensionalCentresAreAlwaysPlacedAndSeparated() {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (long seed = 0; seed < 2_000; seed++) {
                TestData.Blobs b = TestData.blobs(5, 1, 3, 0.0, 20, 6, seed);
                assertEquals(15, b.x.rows());
                double[] centre = new double[5];
                for (int i = 0; i < b.truth.length; i++) {
                    centre[b.truth[i]] = b.x.row(i, null)[0]; // sd 0: every row sits on its centre
                }
                for (int p = 0; p < 5; p++) {
                    assertTrue(Math.abs(centre[p]) <= 20, "seed " + seed);
                    for (int q = 0; q < p; q++) {
                        assertTrue(Math.abs(centre[p] - centre[q]) >= 6, "seed " + seed + ": centres " + p + ", " + q);
                    }
                }
            }
        });
    }
}
