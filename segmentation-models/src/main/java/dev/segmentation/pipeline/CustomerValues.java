package dev.segmentation.pipeline;

import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import java.time.Period;

/**
 * P(alive), expected purchases and CLV of every customer from a fitted {@link LifetimeValueModel}: the one place the
 * pipeline ({@link Segmentation}) and the bundle scorer ({@link BundleScorer}) compute them, through
 * {@link LifetimeValueModel#score}, the model the streaming scorer calls per customer too. For the
 * {@link BtydLifetimeValueModel} the spend per purchase is {@link Clv#spendPerPurchase(GammaGammaModel, double,
 * double)} through {@link Clv#compute(BtydModel, GammaGammaModel, BtydSummary)}, so one customer gets one CLV
 * whatever the entry point. Not API.
 */
final class CustomerValues {
    /** P(alive) by profile row. */
    final double[] pAlive;
    /** Expected purchases over the horizon by profile row. */
    final double[] expected;
    /** CLV by profile row. */
    final double[] clv;

    private CustomerValues(double[] pAlive, double[] expected, double[] clv) {
        this.pAlive = pAlive;
        this.expected = expected;
        this.clv = clv;
    }

    /**
     * Scores a summary and maps the values to the profile rows.
     *
     * @param model the lifetime-value model
     * @param clv the CLV horizon and discounting
     * @param horizon the horizon of the expected purchases
     * @param summary the customers' BTYD summary
     * @param table the profiles, whose row order the values take
     * @return the values
     */
    static CustomerValues of(LifetimeValueModel model, Clv clv, Period horizon, BtydSummary summary,
            CustomerFeatureTable table) {
        double[] a = new double[summary.size()];
        double[] e = new double[summary.size()];
        double[] v = new double[summary.size()];
        model.score(summary, horizon, clv, a, e, v);
        return new CustomerValues(SegmentProfiling.byRow(table, summary, a), SegmentProfiling.byRow(table, summary, e),
                SegmentProfiling.byRow(table, summary, v));
    }
}
