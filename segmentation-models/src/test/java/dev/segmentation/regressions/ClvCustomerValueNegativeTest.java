package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.Clv;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Issue 17: "`Clv.customerValue` gives -1110" (BG/NBD with b = 1e17). */
class ClvCustomerValueNegativeTest {
    @Test
    void valueWithAlmostNoDropoutIsTheDiscountedLinearExpectation() {
        Duration week = Duration.ofDays(7);
        BgNbdModel m = BgNbdModel.of(0.243, 4.414, 0.8, 1e12, week);
        Clv clv = Clv.builder().horizon(Period.ofMonths(12)).build(); // no discounting
        double spend = 20;
        double x = 5;
        double tx = 30;
        double age = 38;
        // no discounting and (almost) no dropout: spend * E[Y(H)] with E linear in t
        double horizonWeeks = 365.2425 / 12 * 12 / 7;
        double expected = spend * (0.243 + x) * horizonWeeks / (4.414 + age) * m.probabilityAlive(x, tx, age);
        assertEquals(expected, clv.customerValue(m, spend, x, tx, age), 1e-9 * expected);
    }
}
