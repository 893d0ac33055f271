package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.ItemKnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the pipeline's own per-customer loops on {@link Segmentation#threads(int)} threads (the churn
 * scores, the recommendation lists, the summaries' per-segment medians, means and item counts, the drift baseline
 * fitted beside them) give the same result as one thread, file for file and value for value.
 */
class SegmentationThreadsTest {
    @TempDir
    Path dir;

    private static SegmentationResult run(TransactionLog log, boolean full, int threads) {
        Segmentation s = Segmentation.of(log).features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(5).nInit(2).seed(3))
                .recommend(ItemKnn.builder().neighbors(20), 10).churn(90, LogisticRegression.builder())
                .threads(threads);
        if (full) {
            s.lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()));
        }
        return s.run();
    }

    private List<byte[]> files(SegmentationResult r, String name) throws IOException {
        Path customers = dir.resolve(name + "-customers.csv");
        Path segments = dir.resolve(name + "-segments.csv");
        r.writeCustomersCsv(customers, SegmentationResult.Precision.FULL);
        r.writeSegmentsCsv(segments, SegmentationResult.Precision.FULL);
        List<byte[]> out = new ArrayList<>();
        out.add(Files.readAllBytes(customers));
        out.add(Files.readAllBytes(segments));
        return out;
    }

    private void assertSameResult(SegmentationResult one, SegmentationResult many, String name) throws IOException {
        List<byte[]> a = files(one, name + "-1");
        List<byte[]> b = files(many, name + "-n");
        assertArrayEquals(a.get(0), b.get(0), "customers.csv");
        assertArrayEquals(a.get(1), b.get(1), "segments.csv");
        assertEquals(one.segments().size(), many.segments().size());
        for (int s = 0; s < one.segments().size(); s++) {
            SegmentSummary x = one.segments().get(s);
            SegmentSummary y = many.segments().get(s);
            assertEquals(x.toString(), y.toString());
            assertEquals(x.topItems(), y.topItems());
            assertEquals(x.distinctiveItems(), y.distinctiveItems());
            assertEquals(x.rfmMedians(), y.rfmMedians());
        }
        assertArrayEquals(one.baseline().orElseThrow().shares(), many.baseline().orElseThrow().shares());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.customer(i).topItems(), many.customer(i).topItems(), "customer " + i);
            assertEquals(one.customer(i).churnProbability(), many.customer(i).churnProbability(), "customer " + i);
        }
    }

    @Test
    void churnScoresAndListsAcrossSeveralChunksAreTheSameForOneAndThreeThreads() throws IOException {
        // more than two chunks of Segmentation.CHUNK customers, so scores and lists are made on several workers
        TransactionLog log = RetailSimulator.builder().customers(9000).seed(11).build().generate().log();
        SegmentationResult one = run(log, false, 1);
        SegmentationResult three = run(log, false, 3);
        assertEquals(true, one.size() > 2 * Segmentation.CHUNK);
        double p = one.customer(2 * Segmentation.CHUNK + 1).churnProbability();
        assertEquals(true, p > 0 && p < 1, "P(churn) " + p);
        assertSameResult(one, three, "recommend");
    }

    @Test
    void summariesWithLifetimeValuesAreTheSameForOneAndTwoThreads() throws IOException {
        TransactionLog log = RetailSimulator.builder().customers(1500).seed(7).build().generate().log();
        assertSameResult(run(log, true, 1), run(log, true, 2), "full");
    }

    @Test
    void threadsBelowOneAreRefused() {
        TransactionLog log = RetailSimulator.builder().customers(50).seed(1).build().generate().log();
        assertEquals("threads must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).threads(0)).getMessage());
    }
}
