package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.Popularity;
import org.junit.jupiter.api.Test;

/**
 * End to end on {@link RetailSimulator} (five default segments, known per-customer truth): the pipeline's
 * segments, churn scores and lifetime-value parameters are compared with the truth and must clear stated floors.
 *
 * <p>Measured with seed 2024 and 8000 customers (features RFM + behaviour + category and channel shares, k-means
 * k = 5), and the floor each assertion uses:
 * <ul>
 *   <li>segment adjusted Rand index against the true segment: 0.4232, floor 0.35 (the default segments overlap
 *   in RFM; with RFM alone the ARI is 0.16);</li>
 *   <li>churn AUC, P(churn) against "dropped out by the end" on repeat buyers: 0.8565, floor 0.80; the same
 *   with 1 - P(alive): 0.8931, floor 0.85;</li>
 *   <li>BG/NBD mean purchase rate r/alpha against the customers' mean true rate: 0.1463 vs 0.1457 per week
 *   (relative error 0.004), ceiling 0.05;</li>
 *   <li>BG/NBD mean dropout a/(a+b) against the mean true dropout: 0.1413 vs 0.2254 (error 0.37), ceiling 0.50:
 *   one Beta does not fit the mixture of five, and dropout is the weakly identified part of the model;</li>
 *   <li>Gamma-Gamma population mean spend p v / (q - 1) against the repeat buyers' mean true spend: 62.09 vs
 *   53.73 (error 0.156), ceiling 0.25;</li>
 *   <li>mean P(alive) against the share still alive: 0.5842 vs 0.5239, ceiling 0.10 on the difference.</li>
 * </ul>
 */
class SimulatorTruthTest {
    @Test
    void thePipelineRecoversTheSimulatedTruth() {
        SimulatedRetail sim = RetailSimulator.builder().customers(8000).seed(2024).threads(2).build().generate();
        TransactionLog log = sim.log();
        SegmentationResult r = Segmentation.of(log)
                .features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(sim.segments().size()).nInit(4).seed(42))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(sim.simulator().unit()))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .recommend(Popularity.builder(), 5)
                .run();

        TruthRecovery t = TruthRecovery.of(r, sim);
        String measured = t.toString();
        // Floors: measured (seed 2024, 8000 customers) minus a margin, see the class comment.
        assertTrue(t.segmentAdjustedRandIndex() >= 0.35, measured);
        assertTrue(t.churnAuc() >= 0.80, measured);
        assertTrue(t.aliveAuc() >= 0.85, measured);
        assertTrue(t.purchaseRateError() <= 0.05, measured);
        assertTrue(t.dropoutError() <= 0.50, measured);
        assertTrue(t.spendError() <= 0.25, measured);
        assertTrue(Math.abs(t.meanAliveProbability() - t.aliveShare()) <= 0.10, measured);
    }
}
