package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link HistogramFit}: a trainer that compresses fits the caller's histogram (made once), bit for bit its summary
 * fit; one that does not compress, or a plain function, fits the summary.
 */
class HistogramFitTest {

    @Test
    void compressingTrainersFitTheSharedHistogramBitForBitAndOthersTheSummary() {
        SimulatedRetail sim = RetailSimulator.builder().customers(2000).seed(5).threads(1).build().generate();
        BtydSummary s = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(7)).build()
                .summarize(sim.log());
        AtomicInteger compressions = new AtomicInteger();
        java.util.function.Supplier<BtydHistogram> h = HistogramFit.once(() -> {
            compressions.incrementAndGet();
            return BtydHistogram.of(s);
        });
        AtomicInteger summaries = new AtomicInteger();
        java.util.function.Supplier<BtydSummary> summary = () -> {
            summaries.incrementAndGet();
            return s;
        };
        List<HistogramFit> fits = List.of(HistogramFit.of(BgNbd.builder().build()),
                HistogramFit.of(ModifiedBgNbd.builder().dropoutPenalty(1e-3).build()),
                HistogramFit.of(ParetoNbd.builder().build()));
        for (HistogramFit f : fits) {
            BtydModel viaHistogram = HistogramFit.fit(f, summary, h);
            assertEquals(f.apply(s).params(), viaHistogram.params(), "bit for bit");
        }
        assertEquals(1, compressions.get(), "one compression for three fits");
        assertEquals(0, summaries.get());

        ModifiedBgNbd plain = ModifiedBgNbd.builder().compress(false).build();
        assertFalse(plain.compresses());
        assertTrue(ModifiedBgNbd.builder().build().compresses());
        assertEquals(plain.fit(s).params(), HistogramFit.fit(HistogramFit.of(plain), summary, h).params());
        Function<BtydSummary, BtydModel> other = ModifiedBgNbd.builder().build()::fit;
        HistogramFit.fit(other, summary, h);
        assertEquals(2, summaries.get(), "a trainer without compression and a plain function fit the summary");
        assertEquals(1, compressions.get());
    }

    @Test
    void aWarmStartOfTheTrainersOwnModelClassStartsThereAndAnyOtherStartIsTheColdFit() {
        SimulatedRetail sim = RetailSimulator.builder().customers(2000).seed(5).threads(1).build().generate();
        BtydSummary s = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(7)).build()
                .summarize(sim.log());
        BtydHistogram h = BtydHistogram.of(s);
        ModifiedBgNbd own = ModifiedBgNbd.builder().build();
        ModifiedBgNbd weighted = ModifiedBgNbd.builder().dropoutPenalty(1e-3).build();
        ModifiedBgNbdModel start = own.fit(h);
        assertEquals(weighted.fit(h, start).params(),
                HistogramFit.fit(HistogramFit.of(weighted), () -> s, () -> h, start).params(), "warm, bit for bit");
        assertEquals(weighted.fit(h, start).params(),
                HistogramFit.fit(HistogramFit.of(weighted), null, () -> h, start).params(), "from aggregates");
        // another model's start, no start, a summary fit (no compression): the cold fit, bit for bit
        BtydModel pareto = ParetoNbd.builder().build().fit(h);
        assertEquals(weighted.fit(h).params(),
                HistogramFit.fit(HistogramFit.of(weighted), () -> s, () -> h, pareto).params());
        assertEquals(weighted.fit(h).params(),
                HistogramFit.fit(HistogramFit.of(weighted), () -> s, () -> h, null).params());
        ModifiedBgNbd plain = weighted.toBuilder().compress(false).build();
        assertEquals(plain.fit(s).params(), HistogramFit.fit(HistogramFit.of(plain), () -> s, () -> h, start)
                .params());
    }
}
