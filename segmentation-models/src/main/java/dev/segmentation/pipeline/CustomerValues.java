package dev.segmentation.pipeline;

import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.internal.ChunkRunner;
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
        return of(model, clv, horizon, summary, table, 1);
    }

    /**
     * {@link #of(LifetimeValueModel, Clv, Period, BtydSummary, CustomerFeatureTable)} on {@code threads} threads
     * for a {@link BtydLifetimeValueModel}: the summary's rows in {@code threads} contiguous parts, each scored by the
     * model on its own thread (issue 19). A BTYD model's values of a row are a function of the row alone (each
     * distinct triple's P(alive), expectation and discounted curve, times the row's spend), so the values are bit
     * for bit the one-part values; a triple present in several parts is computed in each. Any other model is
     * scored in one call.
     */
    static CustomerValues of(LifetimeValueModel model, Clv clv, Period horizon, BtydSummary summary,
            CustomerFeatureTable table, int threads) {
        int n = summary.size();
        double[] a = new double[n];
        double[] e = new double[n];
        double[] v = new double[n];
        int parts = Math.min(threads, n / ChunkRunner.CHUNK_ROWS);
        if (parts <= 1 || !(model instanceof BtydLifetimeValueModel)) {
            model.score(summary, horizon, clv, a, e, v);
        } else {
            try (ChunkRunner runner = new ChunkRunner(parts, "customer-values")) {
                runner.run(parts, (c, worker) -> {
                    int from = (int) ((long) n * c / parts);
                    int to = (int) ((long) n * (c + 1) / parts);
                    BtydSummary part = rows(summary, from, to);
                    double[] pa = new double[to - from];
                    double[] pe = new double[to - from];
                    double[] pv = new double[to - from];
                    model.score(part, horizon, clv, pa, pe, pv);
                    System.arraycopy(pa, 0, a, from, pa.length);
                    System.arraycopy(pe, 0, e, from, pe.length);
                    System.arraycopy(pv, 0, v, from, pv.length);
                });
            }
        }
        return new CustomerValues(SegmentProfiling.byRow(table, summary, a), SegmentProfiling.byRow(table, summary, e),
                SegmentProfiling.byRow(table, summary, v));
    }

    /** Rows {@code [from, to)} of a summary (without holdout columns, which scoring does not read). */
    private static BtydSummary rows(BtydSummary s, int from, int to) {
        int m = to - from;
        String[] ids = new String[m];
        double[] f = new double[m];
        double[] r = new double[m];
        double[] t = new double[m];
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            ids[i] = s.id(from + i);
            f[i] = s.frequency(from + i);
            r[i] = s.recency(from + i);
            t[i] = s.T(from + i);
            z[i] = s.monetary(from + i);
        }
        return BtydSummary.of(ids, f, r, t, z, s.unit());
    }
}
