package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The standard features read each customer's rows up to the cut-off from the whole log instead of a copy of it
 * (issue 19, memory): the dataset must be exactly the one computed from {@code log.onOrBefore(cutoff)}, which
 * the labeler still builds for any other {@link ChurnFeatures} (here a wrapper delegating to the standard ones).
 */
class ChurnLabelerHistoryTest {
    static final LocalDate CUT = LocalDate.of(2011, 9, 9);

    /** The standard features behind a different class, so the labeler takes the copying route. */
    static final class ThroughCopy implements ChurnFeatures {
        @Override
        public List<String> names() {
            return ChurnFeatures.standard().names();
        }

        @Override
        public void compute(TransactionLog history, int customer, LocalDate cutoff, double[] out) {
            ChurnFeatures.standard().compute(history, customer, cutoff, out);
        }
    }

    @Property(tries = 60)
    void standardFeaturesWithoutTheCopyEqualThoseFromTheCopiedHistory(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int customers) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TransactionLog.Builder b = TransactionLog.builder();
        for (int c = 0; c < customers; c++) {
            int rows = 1 + rnd.nextInt(12);
            for (int k = 0; k < rows; k++) {
                // rows out of time order, same-second ties, rows on the cut-off day and just after it
                int day = rnd.nextInt(-400, 150);
                int hour = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(24);
                if (rnd.nextInt(5) == 0) {
                    day = rnd.nextInt(-1, 2);
                }
                b.add("c" + rnd.nextInt(customers), CUT.plusDays(day).atTime(hour, 0), 0.01 * rnd.nextInt(1, 100_000));
            }
        }
        b.add("sentinel", CUT.plusDays(120).atTime(0, 0), 1);
        TransactionLog log = b.build();
        ChurnLabeler direct = ChurnLabeler.builder().cutoff(CUT).horizonDays(90).build();
        ChurnLabeler copied = ChurnLabeler.builder().cutoff(CUT).horizonDays(90).features(new ThroughCopy()).build();
        ChurnDataset a;
        try {
            a = direct.label(log);
        } catch (InvalidDataException e) {
            assertEquals("log: customers with a purchase on or before the cutoff 2011-09-09 must be >= 1, found 0",
                    e.getMessage());
            return;
        }
        ChurnDataset c = copied.label(log);
        assertEquals(c.customerIds(), a.customerIds());
        assertArrayEquals(c.labels(), a.labels());
        assertArrayEquals(c.features().toArray(), a.features().toArray());
    }
}
