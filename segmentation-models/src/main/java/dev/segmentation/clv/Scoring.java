package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;

/**
 * Bulk scoring through compression: customers with equal (frequency, recency, T) get equal scores, so each
 * distinct triple is scored once and the results are scattered back. For a cohort observed in whole days
 * this replaces a million hypergeometric series by tens of thousands; for data with no repeated triple it
 * costs one hash probe per customer more than scoring row by row.
 */
final class Scoring {
    /** Scores one customer into {@code out = {P(alive), E[Y(t)]}}. */
    interface EntryScorer {
        void score(double x, double tx, double age, double[] out);
    }

    /**
     * The entry scorer of {@code model.score(summary, t, ...)} for the library's own models (the scorer their
     * {@code score} hands to {@link #score}), or null for any other {@link BtydModel}, whose {@code score} may be
     * its own.
     */
    static EntryScorer of(BtydModel model, double t) {
        if (model instanceof BgFamilyModel bg) {
            return bg.scorer(t);
        }
        if (model instanceof ParetoNbdModel) {
            return defaultScorer(model, t);
        }
        return null;
    }

    /** The scorer of {@link BtydModel#score(BtydSummary, double, double[], double[])}'s default. */
    static EntryScorer defaultScorer(BtydModel model, double t) {
        return (x, tx, age, out) -> {
            out[0] = model.probabilityAlive(x, tx, age);
            out[1] = model.conditionalExpectedPurchases(t, x, tx, age);
        };
    }

    private Scoring() {
    }

    static void score(BtydSummary summary, Duration modelUnit, double t, double[] pAlive, double[] expected,
            EntryScorer scorer) {
        ParamChecks.nonNegative("t", t);
        Checks.length("pAlive", pAlive, summary.size());
        Checks.length("expected", expected, summary.size());
        int n = summary.size();
        int[] rowEntry = new int[n];
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(modelUnit);
        BtydHistogram h = BtydHistogram.of(summary, scale, rowEntry);
        scoreEntries(h, rowEntry, pAlive, expected, scorer);
    }

    /**
     * The part of {@link #score} after the compression: each entry of {@code h} scored once, its values copied to the
     * rows whose {@code rowEntry} it is. For a caller that compresses a summary once for several uses
     * ({@link BtydLifetimeValueModel#score}; issue 19).
     */
    static void scoreEntries(BtydHistogram h, int[] rowEntry, double[] pAlive, double[] expected,
            EntryScorer scorer) {
        int n = rowEntry.length;
        int k = h.size();
        double[] pa = new double[k];
        double[] e = new double[k];
        double[] tmp = new double[2];
        double[] f = h.frequencies();
        double[] r = h.recencies();
        double[] a = h.ages();
        for (int j = 0; j < k; j++) {
            scorer.score(f[j], r[j], a[j], tmp);
            pa[j] = tmp[0];
            e[j] = tmp[1];
        }
        for (int i = 0; i < n; i++) {
            int j = rowEntry[i];
            if (pAlive != null) {
                pAlive[i] = pa[j];
            }
            if (expected != null) {
                expected[i] = e[j];
            }
        }
    }
}
