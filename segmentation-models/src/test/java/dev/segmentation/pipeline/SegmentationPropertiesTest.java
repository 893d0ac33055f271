package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SegmentationPropertiesTest {
    /** For any simulated log and k: segments partition the customers, and every score is in its range. */
    @Property(tries = 6)
    void segmentsPartitionTheCustomersAndScoresAreInRange(@ForAll @IntRange(min = 150, max = 600) int customers,
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        SegmentationResult r = Segmentation.of(
                        RetailSimulator.builder().customers(customers).seed(seed).build().generate().log())
                .segments(KMeans.builder().k(k).seed(seed))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .run();
        int total = 0;
        double share = 0;
        for (SegmentSummary s : r.segments()) {
            total += s.size();
            share += s.share();
        }
        assertEquals(k, r.segments().size());
        assertEquals(r.size(), total);
        assertEquals(1.0, share, 1e-9);
        for (CustomerProfile p : r.customers()) {
            assertTrue(p.segment() >= 0 && p.segment() < k, p.toString());
            assertTrue(p.recencyScore() >= 1 && p.recencyScore() <= 5, p.toString());
            assertTrue(p.aliveProbability() >= 0 && p.aliveProbability() <= 1, p.toString());
            assertTrue(p.clv() >= 0 && Double.isFinite(p.clv()), p.toString());
        }
    }
}
