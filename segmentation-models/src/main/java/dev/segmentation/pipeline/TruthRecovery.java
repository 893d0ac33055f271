package dev.segmentation.pipeline;

import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How well a {@link SegmentationResult} recovers the known truth of the {@link SimulatedRetail} it was run on:
 * <ul>
 *   <li>{@code segmentAdjustedRandIndex}: the adjusted Rand index (Hubert and Arabie 1985) of the segments
 *   against the true segments;</li>
 *   <li>{@code churnAuc}: ROC AUC of P(churn) against "dropped out by the end", on repeat buyers (one-time
 *   buyers' dropout is not observable in the data); {@code aliveAuc}: the same for 1 - P(alive);</li>
 *   <li>{@code purchaseRateError}, {@code dropoutError}: relative errors of the fitted BG/NBD population means
 *   r/alpha and a/(a+b) against the customers' mean true purchase rate and dropout probability;</li>
 *   <li>{@code spendError}: relative error of the Gamma-Gamma population mean spend p v / (q - 1) against the
 *   repeat buyers' mean true spend per purchase;</li>
 *   <li>{@code meanAliveProbability} and {@code aliveShare}: mean P(alive) and the true share alive.</li>
 * </ul>
 * A measure whose stage did not run is NaN. Instances are immutable and safe for concurrent use.
 */
public final class TruthRecovery {
    private final double ari;
    private final double churnAuc;
    private final double aliveAuc;
    private final double purchaseRateError;
    private final double dropoutError;
    private final double spendError;
    private final double meanAlive;
    private final double aliveShare;

    private TruthRecovery(double[] v) {
        ari = v[0];
        churnAuc = v[1];
        aliveAuc = v[2];
        purchaseRateError = v[3];
        dropoutError = v[4];
        spendError = v[5];
        meanAlive = v[6];
        aliveShare = v[7];
    }

    /**
     * Compares a result with the simulation it was computed from. O(customers).
     *
     * @param result the pipeline's result on {@code sim.log()}; not null
     * @param sim the simulation; not null
     * @return the measures
     * @throws IllegalArgumentException if a profiled customer is not in the simulation
     */
    public static TruthRecovery of(SegmentationResult result, SimulatedRetail sim) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sim, "sim");
        TransactionLog log = sim.log();
        int n = result.size();
        int[] truth = new int[n];
        DoubleArrayList churnScore = new DoubleArrayList();
        DoubleArrayList aliveScore = new DoubleArrayList();
        IntArrayList dead = new IntArrayList();
        double lambda = 0;
        double dropout = 0;
        double spend = 0;
        int repeat = 0;
        double meanAlive = 0;
        double aliveShare = 0;
        for (int i = 0; i < n; i++) {
            CustomerProfile p = result.customer(i);
            int c = log.customerIndex(p.id());
            if (c < 0) {
                throw new IllegalArgumentException("result: customer " + p.id() + " must be in the simulation, "
                        + "found none");
            }
            truth[i] = sim.segment(c);
            lambda += sim.lambda(c) / n;
            dropout += sim.dropoutProbability(c) / n;
            meanAlive += p.aliveProbability() / n;
            aliveShare += sim.alive(c) ? 1.0 / n : 0.0;
            if (sim.repeatPurchases(c) > 0) {
                spend += sim.meanSpend(c);
                repeat++;
                churnScore.add(p.churnProbability());
                aliveScore.add(-p.aliveProbability());
                dead.add(sim.alive(c) ? 0 : 1);
            }
        }
        double[] v = new double[8];
        int[] labels = result.segmentLabels();
        v[0] = labels.length == 0 ? Double.NaN : ClusterQuality.adjustedRandIndex(truth, labels);
        v[1] = result.churn(LogisticRegressionModel.class).isEmpty() ? Double.NaN
                : BinaryMetrics.rocAuc(churnScore.toDoubleArray(), dead.toIntArray());
        v[2] = result.transactionModel().isEmpty() ? Double.NaN
                : BinaryMetrics.rocAuc(aliveScore.toDoubleArray(), dead.toIntArray());
        v[3] = Double.NaN;
        v[4] = Double.NaN;
        v[5] = Double.NaN;
        if (result.transactionModel().isPresent()) {
            BtydModel m = result.transactionModel().get();
            Map<String, Double> params = m.params();
            if (params.containsKey("alpha") && params.containsKey("a")) {
                v[3] = Math.abs(params.get("r") / params.get("alpha") / lambda - 1);
                v[4] = Math.abs(params.get("a") / (params.get("a") + params.get("b")) / dropout - 1);
            }
            GammaGammaModel g = result.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow().spend();
            v[5] = Math.abs(g.populationMeanSpend() / (spend / repeat) - 1);
        }
        v[6] = result.transactionModel().isEmpty() ? Double.NaN : meanAlive;
        v[7] = aliveShare;
        return new TruthRecovery(v);
    }

    /**
     * Returns the adjusted Rand index of the segments against the true segments.
     *
     * @return the ARI, 1 for a perfect match, about 0 for chance; NaN without segments
     */
    public double segmentAdjustedRandIndex() {
        return ari;
    }

    /**
     * Returns the ROC AUC of P(churn) against true dropout on repeat buyers.
     *
     * @return the AUC, NaN without the churn stage
     */
    public double churnAuc() {
        return churnAuc;
    }

    /**
     * Returns the ROC AUC of 1 - P(alive) against true dropout on repeat buyers.
     *
     * @return the AUC, NaN without the lifetime-value stage
     */
    public double aliveAuc() {
        return aliveAuc;
    }

    /**
     * Returns |fitted r/alpha / mean true rate - 1|.
     *
     * @return the relative error, NaN without a BG/NBD-family model
     */
    public double purchaseRateError() {
        return purchaseRateError;
    }

    /**
     * Returns |fitted a/(a+b) / mean true dropout - 1|.
     *
     * @return the relative error, NaN without a BG/NBD-family model
     */
    public double dropoutError() {
        return dropoutError;
    }

    /**
     * Returns |Gamma-Gamma population mean spend / repeat buyers' mean true spend - 1|.
     *
     * @return the relative error, NaN without the lifetime-value stage
     */
    public double spendError() {
        return spendError;
    }

    /**
     * Returns the mean P(alive) over the profiled customers.
     *
     * @return the mean, NaN without the lifetime-value stage
     */
    public double meanAliveProbability() {
        return meanAlive;
    }

    /**
     * Returns the true share of profiled customers alive at the end.
     *
     * @return the share
     */
    public double aliveShare() {
        return aliveShare;
    }

    /**
     * Returns the measures by name, in the order of the class comment, for JSON output.
     *
     * @return a new ordered map
     */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("segmentAdjustedRandIndex", ari);
        m.put("churnAuc", churnAuc);
        m.put("aliveAuc", aliveAuc);
        m.put("purchaseRateError", purchaseRateError);
        m.put("dropoutError", dropoutError);
        m.put("spendError", spendError);
        m.put("meanAliveProbability", meanAlive);
        m.put("aliveShare", aliveShare);
        return m;
    }

    @Override
    public String toString() {
        return "TruthRecovery" + toMap();
    }
}
