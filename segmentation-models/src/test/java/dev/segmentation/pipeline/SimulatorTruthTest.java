package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.recommend.Popularity;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
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

        int n = r.size();
        int[] truth = new int[n];
        int[] labels = r.segmentLabels();
        DoubleArrayList churnScore = new DoubleArrayList();
        DoubleArrayList aliveScore = new DoubleArrayList();
        IntArrayList dead = new IntArrayList();
        double lambda = 0;
        double dropout = 0;
        double spend = 0;
        int repeat = 0;
        double meanPAlive = 0;
        double aliveShare = 0;
        for (int i = 0; i < n; i++) {
            int c = log.customerIndex(r.customer(i).id());
            truth[i] = sim.segment(c);
            lambda += sim.lambda(c) / n;
            dropout += sim.dropoutProbability(c) / n;
            meanPAlive += r.customer(i).aliveProbability() / n;
            aliveShare += sim.alive(c) ? 1.0 / n : 0;
            if (sim.repeatPurchases(c) > 0) {
                spend += sim.meanSpend(c);
                repeat++;
                churnScore.add(r.customer(i).churnProbability());
                aliveScore.add(-r.customer(i).aliveProbability());
                dead.add(sim.alive(c) ? 0 : 1);
            }
        }
        spend /= repeat;
        double ari = ClusterQuality.adjustedRandIndex(truth, labels);
        double churnAuc = BinaryMetrics.rocAuc(churnScore.toDoubleArray(), dead.toIntArray());
        double aliveAuc = BinaryMetrics.rocAuc(aliveScore.toDoubleArray(), dead.toIntArray());
        BtydModel bg = r.transactionModel().orElseThrow();
        double fittedLambda = bg.params().get("r") / bg.params().get("alpha");
        double fittedDropout = bg.params().get("a") / (bg.params().get("a") + bg.params().get("b"));
        GammaGammaModel gg = r.spendModel().orElseThrow();
        double lambdaError = Math.abs(fittedLambda / lambda - 1);
        double dropoutError = Math.abs(fittedDropout / dropout - 1);
        double spendError = Math.abs(gg.populationMeanSpend() / spend - 1);
        String measured = String.format("ARI %.4f, churn AUC %.4f, P(alive) AUC %.4f, r/alpha %.4f vs %.4f, "
                + "a/(a+b) %.4f vs %.4f, mean spend %.3f vs %.3f, mean P(alive) %.4f vs alive share %.4f", ari,
                churnAuc, aliveAuc, fittedLambda, lambda, fittedDropout, dropout, gg.populationMeanSpend(), spend,
                meanPAlive, aliveShare);
        // Floors: measured (seed 2024, 8000 customers) minus a margin, see the class comment.
        assertTrue(ari >= 0.35, measured);
        assertTrue(churnAuc >= 0.80, measured);
        assertTrue(aliveAuc >= 0.85, measured);
        assertTrue(lambdaError <= 0.05, measured);
        assertTrue(dropoutError <= 0.50, measured);
        assertTrue(spendError <= 0.25, measured);
        assertTrue(Math.abs(meanPAlive - aliveShare) <= 0.10, measured);
    }
}
