package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifetime-value stage's P(no purchase over the churn horizon) on several threads (issue 19) is bit for bit the
 * one-thread value of every customer: the rows are split in contiguous parts and a row's value depends on its
 * (x, t_x, T) alone.
 */
class NoPurchaseThreadsTest {
    @Test
    void oneAndThreeThreadsGiveTheSameValues() {
        TransactionLog log = RetailSimulator.builder().customers(12_000).seed(5).threads(2).build().generate().log();
        BtydSummary s = BtydSummarizer.builder().end(log.lastDateTime().toLocalDate()).unit(Duration.ofDays(7))
                .build().summarize(log);
        assertTrue(s.size() >= 2 * ChunkRunner.CHUNK_ROWS, "rows: " + s.size());
        List<BtydModel> models = List.of(ModifiedBgNbd.builder().build().fit(s), ParetoNbd.builder().build().fit(s));
        for (BtydModel m : models) {
            for (double d : new double[] {0, 90 / 7.0}) {
                double[] one = TransactionModelChoice.noPurchase(m, s, d);
                assertArrayEquals(one, TransactionModelChoice.noPurchase(m, s, d, 1), 0.0, m.name());
                assertArrayEquals(one, TransactionModelChoice.noPurchase(m, s, d, 2), 0.0, m.name());
                assertArrayEquals(one, TransactionModelChoice.noPurchase(m, s, d, 3), 0.0, m.name());
            }
        }
    }
}
