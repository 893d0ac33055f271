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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    /** The profile row of each summary row, -1 for none ({@link #profileRows}). */
    private final int[] profileRow;
    /** The number of profile rows. */
    private final int profiles;

    private CustomerValues(double[] pAlive, double[] expected, double[] clv, int[] profileRow, int profiles) {
        this.pAlive = pAlive;
        this.expected = expected;
        this.clv = clv;
        this.profileRow = profileRow;
        this.profiles = profiles;
    }

    /**
     * Maps values by summary row to the profile rows, matched by customer id (NaN for a profile without a summary
     * row), with the mapping these values were made with.
     *
     * @param values by row of the summary scored
     * @return the values by profile row
     */
    double[] byRow(double[] values) {
        return byRow(profileRow, profiles, values);
    }

    /**
     * The profile row of each summary row (by customer id; -1 when the profiles do not have it), found once for all
     * the columns mapped, instead of hashing every profile id for each column (four times at 1 M customers in the
     * lifetime-value stage, issue 19). When the summary lists exactly the profiles' ids in
     * their order, as the pipeline's summary and table of one log do, no hashing is needed. A summary's ids are
     * distinct (one row per customer of a log), so either way a value lands where {@code byRow} puts it.
     */
    static int[] profileRows(CustomerFeatureTable table, BtydSummary summary) {
        int n = summary.size();
        int[] row = new int[n];
        boolean same = n == table.size();
        for (int j = 0; j < n && same; j++) {
            same = summary.id(j).equals(table.id(j));
            row[j] = j;
        }
        if (same) {
            return row;
        }
        Map<String, Integer> rowOf = new HashMap<>(table.size() * 2);
        for (int i = 0; i < table.size(); i++) {
            rowOf.put(table.id(i), i);
        }
        for (int j = 0; j < n; j++) {
            Integer i = rowOf.get(summary.id(j));
            row[j] = i == null ? -1 : i;
        }
        return row;
    }

    /** Values by summary row placed at their profile rows through a mapping of {@link #profileRows}; NaN elsewhere. */
    static double[] byRow(int[] profileRow, int profiles, double[] values) {
        double[] out = new double[profiles];
        Arrays.fill(out, Double.NaN);
        for (int j = 0; j < profileRow.length; j++) {
            if (profileRow[j] >= 0) {
                out[profileRow[j]] = values[j];
            }
        }
        return out;
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
        int[] profileRow = profileRows(table, summary);
        return new CustomerValues(byRow(profileRow, table.size(), a), byRow(profileRow, table.size(), e),
                byRow(profileRow, table.size(), v), profileRow, table.size());
    }

    /** Rows {@code [from, to)} of a summary (without holdout columns, which scoring does not read). */
    static BtydSummary rows(BtydSummary s, int from, int to) {
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
