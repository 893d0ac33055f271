package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.clv.BgNbdModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 17: "`r=1e308,alpha=1e-308` writes `Infinity` into 1,424 rows". */
class InfiniteExpectedPurchasesForExtremeParametersTest {
    @Test
    void parametersOutsideTheAccurateRangeAreRefusedWithTheRange() {
        assertEquals("r must be in [1e-12, 1e12], the range where the scores are accurate, found 1.0E308",
                assertThrows(IllegalArgumentException.class,
                        () -> BgNbdModel.of(1e308, 1e-308, 0.8, 2.4, Duration.ofDays(7))).getMessage());
        assertEquals("alpha must be in [1e-12, 1e12], the range where the scores are accurate, found 1.0E-308",
                assertThrows(IllegalArgumentException.class,
                        () -> BgNbdModel.of(1, 1e-308, 0.8, 2.4, Duration.ofDays(7))).getMessage());
    }
}
