package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BtydEvaluation;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lifetime-value stage's transaction model: the given one, or the one chosen by the holdout rule of
 * {@link LifetimeValue#chosenByHoldout()}, with the figures of every candidate and the warnings to show.
 */
final class TransactionModelChoice {
    /** Preference when the criterion ties: models whose P(alive) of zero-repeat customers declines with T. */
    private static final List<String> PREFERENCE = List.of("mbgnbd", "paretonbd", "bgnbd");

    final BtydModel model;
    /** The trainer that gave {@link #model} (with the dropout weight used), for refits on other windows. */
    final Function<BtydSummary, BtydModel> fit;
    final LifetimeValueReport report;
    final List<String> warnings;
    /** The chosen model's fit on the calibration period (up to the report's calibration end), or null. */
    BtydModel calibrationModel;

    private TransactionModelChoice(BtydModel model, Function<BtydSummary, BtydModel> fit,
            LifetimeValueReport report, List<String> warnings) {
        this.model = model;
        this.fit = fit;
        this.report = report;
        this.warnings = warnings;
    }

    /**
     * The dropout weights to try, in order, for the fit on all data of the model chosen by holdout, with their
     * calibration fits; filled by {@link #chooseWeight}.
     */
    private static final class WeightedFits {
        final String model;
        final LifetimeValueReport.DropoutPrior prior;
        final double[] weights;
        final List<Function<BtydSummary, BtydModel>> fits;
        final List<BtydModel> calibrated;

        WeightedFits(String model, LifetimeValueReport.DropoutPrior prior, double[] weights,
                List<Function<BtydSummary, BtydModel>> fits, List<BtydModel> calibrated) {
            this.model = model;
            this.prior = prior;
            this.weights = weights;
            this.fits = fits;
            this.calibrated = calibrated;
        }
    }

    /**
     * P(no purchase in (T, T + d] | x, t_x, T) = L(x, t_x, T + d) / L(x, t_x, T): the likelihood of the same
     * history observed d longer without a further purchase, over the likelihood of the history. Holds for every
     * BTYD model whose likelihood depends on (x, t_x, T) only.
     */
    static double noPurchase(BtydModel model, double x, double tx, double age, double d) {
        double p = Math.exp(model.logLikelihood(x, tx, age + d) - model.logLikelihood(x, tx, age));
        return Double.isNaN(p) ? 1.0 : Math.max(0.0, Math.min(1.0, p));
    }

    /**
     * {@link #noPurchase(BtydModel, double, double, double, double)} for every row of a summary, evaluated once per
     * distinct (x, t_x, T) triple: the same function of the same arguments, so each value is bit for bit what the
     * per-row call gives. A model's scalar log-likelihood is far slower per call than its batch form (Pareto/NBD's
     * sorts and indexes its one-row arrays on every call), and customers share triples (most of CDNOW's bought
     * once, in its 12-week cohort), so the per-row calls were the lifetime-value stage's main cost outside the
     * fits. {@link BtydEvaluation#noPurchase} does it, through the models' batch likelihoods (issue 19).
     */
    static double[] noPurchase(BtydModel model, BtydSummary summary, double d) {
        return BtydEvaluation.noPurchase(model, summary, d);
    }

    /**
     * {@link #noPurchase(BtydModel, BtydSummary, double)} on {@code threads} threads: the summary's rows in
     * {@code threads} contiguous parts, each evaluated on its own thread, as {@link CustomerValues} scores them
     * (issue 19). A row's P0 is a function of its triple alone (the batch likelihoods give each triple the per-row
     * value bit for bit, whatever else is in the batch), so the values are bit for bit the one-part values.
     */
    static double[] noPurchase(BtydModel model, BtydSummary summary, double d, int threads) {
        int n = summary.size();
        int parts = Math.min(threads, n / ChunkRunner.CHUNK_ROWS);
        if (parts <= 1) {
            return noPurchase(model, summary, d);
        }
        double[] out = new double[n];
        try (ChunkRunner runner = new ChunkRunner(parts, "no-purchase")) {
            runner.run(parts, (c, worker) -> {
                int from = (int) ((long) n * c / parts);
                int to = (int) ((long) n * (c + 1) / parts);
                double[] p0 = noPurchase(model, CustomerValues.rows(summary, from, to), d);
                System.arraycopy(p0, 0, out, from, p0.length);
            });
        }
        return out;
    }

    /**
     * What the choice reads of the data: aggregates (the all-data histogram; with a holdout, the calibration
     * summary's holdout histogram), so that it runs where no per-customer summary reaches the driver (Spark), and
     * the per-customer summaries where the caller has them, only for trainers that do not compress.
     */
    static final class Data {
        /** The histogram of the summary of all observed data. */
        final BtydHistogram all;
        /** That summary, or null (then every fit is a histogram fit). */
        final Supplier<BtydSummary> allSummary;
        /** The calibration summary's holdout histogram, or null without one (no calibration customer). */
        final BtydHoldoutHistogram calibration;
        /** That summary, or null (then every fit is a histogram fit). */
        final Supplier<BtydSummary> calibrationSummary;
        final LocalDate first;
        final LocalDate lastDay;

        Data(BtydHistogram all, Supplier<BtydSummary> allSummary, BtydHoldoutHistogram calibration,
                Supplier<BtydSummary> calibrationSummary, LocalDate first, LocalDate lastDay) {
            this.all = all;
            this.allSummary = allSummary;
            this.calibration = calibration;
            this.calibrationSummary = calibrationSummary;
            this.first = first;
            this.lastDay = lastDay;
        }
    }

    /**
     * The calibration end of the holdout for data from {@code first} to {@code lastDay}: the last quarter of the
     * span in whole days is held out, or null when that is shorter than {@link LifetimeValue#MIN_HOLDOUT_DAYS}.
     */
    static LocalDate calibrationEnd(LocalDate first, LocalDate lastDay) {
        int holdoutDays = (int) ChronoUnit.DAYS.between(first, lastDay) / 4;
        return holdoutDays >= LifetimeValue.MIN_HOLDOUT_DAYS ? lastDay.minusDays(holdoutDays) : null;
    }

    static TransactionModelChoice fixed(LifetimeValue.Resolved ltv, BtydSummary all) {
        return fixed(ltv, new Data(BtydHistogram.of(all), () -> all, null, null, null, null));
    }

    static TransactionModelChoice fixed(LifetimeValue.Resolved ltv, Data data) {
        BtydHistogram all = data.all;
        BtydModel model = HistogramFit.fit(ltv.transactionModel, data.allSummary, () -> all);
        List<String> warnings = new ArrayList<>();
        String note = "";
        if (!model.converged()) {
            note = "did not converge; used as given";
            warnings.add(String.format(Locale.ROOT, "lifetimeValue: the %s fit did not converge (%d iterations, "
                    + "gradient norm %.3g); its P(alive), expected purchases and CLV may be unreliable",
                    model.name(), model.iterations(), model.gradientNorm()));
        }
        LifetimeValueReport.Candidate c = new LifetimeValueReport.Candidate(model.name(), true, true, note,
                model.converged(), model.iterations(), model.params(), model.logLikelihood(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, meanAliveWithoutRepeat(model, all));
        LifetimeValueReport report = new LifetimeValueReport(model.name(), ltv.horizon, ltv.annualDiscountRate,
                ltv.currency, ltv.unit, null, 0, "given model (no choice)", List.of(c));
        certainty(model, all, warnings);
        return new TransactionModelChoice(model, ltv.transactionModel, report, warnings);
    }

    /**
     * The choice on a log: the summaries of the observed data and of its calibration period are compressed, and
     * {@link #choose(LifetimeValue.Resolved, Data)} chooses from them.
     */
    static TransactionModelChoice choose(LifetimeValue.Resolved ltv, TransactionLog observed, LocalDate lastDay,
            BtydSummary all) {
        LocalDate first = observed.firstDateTime().toLocalDate();
        LocalDate calibrationEnd = calibrationEnd(first, lastDay);
        BtydSummary cal = null;
        if (calibrationEnd != null) {
            cal = BtydSummarizer.builder().end(lastDay).calibrationEnd(calibrationEnd).unit(ltv.unit).build()
                    .summarize(observed);
            if (cal.size() == 0) {
                cal = null;
            }
        }
        return choose(ltv, observed, lastDay, all, cal);
    }

    /**
     * {@link #choose(LifetimeValue.Resolved, TransactionLog, LocalDate, BtydSummary)} with the calibration summary
     * already made ({@link LifetimeValue#summarize}, one pass for both): {@code cal} is the summary up to
     * {@link #calibrationEnd} with its holdout columns, or null when there is none or it has no customer.
     */
    static TransactionModelChoice choose(LifetimeValue.Resolved ltv, TransactionLog observed, LocalDate lastDay,
            BtydSummary all, BtydSummary cal) {
        LocalDate first = observed.firstDateTime().toLocalDate();
        BtydSummary calSummary = cal;
        // the two compressions, each on one thread, at once (issue 19)
        TwoTasks<BtydHoldoutHistogram, BtydHistogram> histograms = TwoTasks.run(cal == null ? 1 : ltv.threads,
                "btyd-histograms", () -> cal == null ? null : BtydHoldoutHistogram.of(cal),
                () -> BtydHistogram.of(all));
        return choose(ltv, new Data(histograms.second, () -> all, histograms.first, cal == null ? null
                : () -> calSummary, first, lastDay));
    }

    /**
     * The choice from aggregates (see {@link Data}): every figure, fit and warning is computed from the histograms,
     * so the single JVM and Spark, given equal histograms, choose alike.
     */
    static TransactionModelChoice choose(LifetimeValue.Resolved ltv, Data data) {
        List<String> warnings = new ArrayList<>();
        BtydHistogram all = data.all;
        int span = (int) ChronoUnit.DAYS.between(data.first, data.lastDay);
        int holdoutDays = span / 4;
        double zero = 0;
        for (int k = 0; k < all.size(); k++) {
            if (all.frequency(k) == 0) {
                zero += all.weight(k); // counts: exact in a double
            }
        }
        double zeroShare = all.totalWeight() == 0 ? 0 : zero / all.totalWeight();
        boolean bgNbdAllowed = 100 * zeroShare <= LifetimeValue.MAX_CERTAIN_SHARE_PERCENT;
        String bgNbdRule = String.format(Locale.ROOT, "not eligible: %.1f%% of customers have no repeat purchase "
                + "(more than %d%%), and BG/NBD gives each of them P(alive) = 1 by assumption", 100 * zeroShare,
                LifetimeValue.MAX_CERTAIN_SHARE_PERCENT);
        LocalDate calibrationEnd = calibrationEnd(data.first, data.lastDay);
        // the calibration summary compressed once with its holdout counts: every fit and holdout figure reads it
        BtydHoldoutHistogram hist = calibrationEnd == null ? null : data.calibration;
        if (hist == null || hist.size() == 0 || !hasRepeat(hist)) {
            return withoutHoldout(ltv, data, span, bgNbdAllowed, bgNbdRule, warnings);
        }
        List<LifetimeValueReport.Candidate> figures = new ArrayList<>();
        Map<String, BtydModel> calibrated = new java.util.HashMap<>();
        // each calibration model's holdout evaluation, made once: the dropout grid and the silent buyers' evidence
        // read the same figures again (an evaluation is bit for bit the same on any thread count)
        Map<BtydModel, BtydHoldoutHistogram.Evaluation> evaluations = new java.util.IdentityHashMap<>();
        CalibrationFit[] fits = calibrationFits(ltv, data, hist);
        for (int c = 0; c < ltv.candidateNames.size(); c++) {
            String name = ltv.candidateNames.get(c);
            BtydModel m;
            double loss;
            double auc;
            double predicted;
            double meanAbsoluteError;
            BtydHoldoutHistogram.Evaluation h;
            try {
                if (fits[c].failure != null) {
                    throw fits[c].failure;
                }
                m = fits[c].model;
                h = fits[c].evaluation;
                evaluations.put(m, h);
                loss = h.logLoss();
                auc = h.auc();
                predicted = h.predictedPurchases();
                meanAbsoluteError = h.meanAbsoluteError();
            } catch (RuntimeException e) {
                figures.add(failed(name, "not eligible: the calibration fit or its holdout check failed: "
                        + e.getMessage()));
                continue;
            }
            calibrated.put(name, m);
            boolean eligible = m.converged() && Double.isFinite(loss) && (bgNbdAllowed || !name.equals("bgnbd"));
            String note = !m.converged() ? String.format(Locale.ROOT, "not eligible: the calibration fit did not "
                    + "converge (%d iterations, gradient norm %.3g)", m.iterations(), m.gradientNorm())
                    : !eligible && name.equals("bgnbd") ? bgNbdRule : "";
            if (!m.converged()) {
                warnings.add("lifetimeValue: the " + name + " calibration fit did not converge; " + name
                        + " was not considered");
            }
            figures.add(new LifetimeValueReport.Candidate(name, false, eligible, note, m.converged(), m.iterations(),
                    m.params(), m.logLikelihood(), loss, auc, predicted, h.actualPurchases(),
                    meanAbsoluteError, meanAliveWithoutRepeat(m, hist)));
        }
        List<LifetimeValueReport.Candidate> order = new ArrayList<>();
        for (LifetimeValueReport.Candidate c : figures) {
            if (c.eligible()) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingDouble(LifetimeValueReport.Candidate::holdoutLogLoss));
        if (!order.isEmpty()) {
            double best = order.get(0).holdoutLogLoss();
            LifetimeValueReport.Candidate preferred = order.get(0);
            for (LifetimeValueReport.Candidate c : order) {
                if (c.holdoutLogLoss() <= best + LifetimeValue.TIE
                        && PREFERENCE.indexOf(c.model()) < PREFERENCE.indexOf(preferred.model())) {
                    preferred = c;
                }
            }
            order.remove(preferred);
            order.add(0, preferred);
        }
        String criterion = String.format(Locale.ROOT, "lowest holdout log loss of \"no purchase in the %d days "
                + "after %s\" (ties within %.0e prefer mbgnbd, then paretonbd); fitted on the data up to %s, the "
                + "chosen model refitted on all data", holdoutDays, calibrationEnd, LifetimeValue.TIE,
                calibrationEnd);
        WeightedFits weighted = order.isEmpty() ? null : chooseWeight(ltv, order.get(0).model(),
                data.calibrationSummary, hist, calibrated.get(order.get(0).model()), evaluations);
        TransactionModelChoice t = refit(ltv, data, figures, order, calibrationEnd, holdoutDays, criterion,
                warnings, weighted);
        if (t.calibrationModel == null) {
            t.calibrationModel = calibrated.get(t.model.name());
        }
        if (t.calibrationModel != null) {
            BtydHoldoutHistogram.Evaluation known = evaluations.get(t.calibrationModel);
            SilentBuyers e = silentOneTimeBuyers(t.calibrationModel, hist,
                    known != null ? known : hist.evaluate(t.calibrationModel));
            for (int i = 0; i < t.warnings.size(); i++) {
                if (t.warnings.get(i).contains(CERTAINTY_MARK) && e.customers > 0) {
                    t.warnings.set(i, t.warnings.get(i) + String.format(Locale.ROOT, "; on the holdout, %d of the"
                            + " %d customers silent for %d days or more after a single purchase at %s bought again"
                            + " within %d days (%.1f%%) where the calibration fit, with P(alive) about 1, predicted"
                            + " %.1f%%: a lower P(alive) would predict fewer still, so the data give no evidence"
                            + " that they dropped out", e.bought, e.customers, SILENT_DAYS, calibrationEnd,
                            holdoutDays, 100 * e.actualShare(), 100 * e.predictedShare));
                }
            }
        }
        return t;
    }

    /** A candidate's calibration fit and its holdout evaluation, or the failure of either. */
    private record CalibrationFit(BtydModel model, BtydHoldoutHistogram.Evaluation evaluation,
            RuntimeException failure) {
    }

    /**
     * Every candidate's calibration fit and holdout evaluation, by candidate: one after the other on one thread, or
     * with {@code ltv.threads} of 2 or more the candidates at once on two threads (issue 19), each fit and evaluation
     * still on its own {@code ltv.threads} threads. They are independent and each is bit for bit the same on any
     * thread, so the choice is the same; they run at once because each has parts on one thread (the optimizer's
     * steps, the row sums, the holdout's sort for the AUC) that leave a core idle. The evaluation's AUC and predicted
     * purchases, computed on first use, are computed here (a failure of either is the candidate's failure, as when
     * the choice first reads them).
     */
    private static CalibrationFit[] calibrationFits(LifetimeValue.Resolved ltv, Data data, BtydHoldoutHistogram hist) {
        int n = ltv.candidateNames.size();
        CalibrationFit[] out = new CalibrationFit[n];
        ChunkRunner.Body body = (c, worker) -> {
            try {
                BtydModel m = HistogramFit.fit(ltv.candidateFits.get(c), data.calibrationSummary, hist::calibration);
                BtydHoldoutHistogram.Evaluation h = hist.evaluate(m, ltv.threads);
                // the figures computed on first use, made here, where they run alongside the other candidates
                h.auc();
                h.predictedPurchases();
                out[c] = new CalibrationFit(m, h, null);
            } catch (RuntimeException e) {
                out[c] = new CalibrationFit(null, null, e);
            }
        };
        try (ChunkRunner runner = new ChunkRunner(Math.max(1, Math.min(2, Math.min(ltv.threads, n))),
                "btyd-candidates")) {
            runner.run(n, body);
        }
        return out;
    }

    private static TransactionModelChoice withoutHoldout(LifetimeValue.Resolved ltv, Data data, int span,
            boolean bgNbdAllowed, String bgNbdRule, List<String> warnings) {
        List<LifetimeValueReport.Candidate> figures = new ArrayList<>();
        List<LifetimeValueReport.Candidate> order = new ArrayList<>();
        for (String name : PREFERENCE) {
            int c = ltv.candidateNames.indexOf(name);
            if (c < 0) {
                continue;
            }
            boolean eligible = bgNbdAllowed || !name.equals("bgnbd");
            LifetimeValueReport.Candidate f = new LifetimeValueReport.Candidate(name, false, eligible,
                    eligible ? "" : bgNbdRule, false, 0, Map.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
            figures.add(f);
            if (eligible) {
                order.add(f);
            }
        }
        String criterion = "no holdout comparison (the span of " + span + " days leaves less than "
                + LifetimeValue.MIN_HOLDOUT_DAYS + " days, or no repeat buyer, for a holdout of a quarter): the first "
                + "model in the order mbgnbd, paretonbd, bgnbd whose fit on all data converged";
        TransactionModelChoice t = refit(ltv, data, figures, order, null, 0, criterion, warnings, null);
        t.warnings.add("lifetimeValue: the data are too short for a holdout check of the transaction model; "
                + t.model.name() + " was used without validation");
        return t;
    }

    /**
     * Fits the candidates in order on all data and keeps the first that converges. For the candidate of
     * {@code weighted} (the first), its dropout weights are tried first, in their order; when none converges,
     * its own trainer is tried as for any other candidate. Each fit on all data starts cold, from the trainer's
     * default start: the model used is then bit for bit the public trainer's fit of all data at that weight, which
     * the tests check exactly (a warm start from the calibration fit would reach the same optimum to the optimizer's
     * tolerance in fewer iterations, issue 19, but not bit for bit).
     */
    private static TransactionModelChoice refit(LifetimeValue.Resolved ltv, Data data,
            List<LifetimeValueReport.Candidate> figures, List<LifetimeValueReport.Candidate> order,
            LocalDate calibrationEnd, int holdoutDays, String criterion, List<String> warnings,
            WeightedFits weighted) {
        List<String> failures = new ArrayList<>();
        // all data compressed once for the fits below (each trainer that compresses would otherwise redo it)
        BtydHistogram all = data.all;
        Supplier<BtydHistogram> allHistogram = () -> all;
        for (LifetimeValueReport.Candidate c : order) {
            if (weighted != null && weighted.model.equals(c.model())) {
                LifetimeValueReport.Candidate withPrior = c.withDropoutPrior(weighted.prior);
                replace(figures, withPrior);
                for (int k = 0; k < weighted.weights.length; k++) {
                    BtydModel m;
                    String why;
                    try {
                        m = HistogramFit.fit(weighted.fits.get(k), data.allSummary, allHistogram);
                        why = m.converged() ? null : String.format(Locale.ROOT, "did not converge (%d iterations, "
                                + "gradient norm %.3g)", m.iterations(), m.gradientNorm());
                    } catch (RuntimeException e) {
                        m = null;
                        why = "failed: " + e.getMessage();
                    }
                    if (why != null) {
                        warnings.add(String.format(Locale.ROOT, "lifetimeValue: the %s fit on all data with dropout "
                                + "weight %s %s; %s", c.model(), weight(weighted.weights[k]), why,
                                k + 1 < weighted.weights.length ? "trying weight " + weight(weighted.weights[k + 1])
                                        : "trying its own settings"));
                        continue;
                    }
                    LifetimeValueReport.DropoutPrior prior = weighted.prior.withUsed(weighted.weights[k],
                            statement(c.model(), weighted.prior, weighted.weights[k]));
                    replace(figures, c.withDropoutPrior(prior).withChosen(true, c.note()));
                    certainty(m, all, warnings, weighted.weights[k]);
                    LifetimeValueReport report = new LifetimeValueReport(m.name(), ltv.horizon,
                            ltv.annualDiscountRate, ltv.currency, ltv.unit, calibrationEnd, holdoutDays, criterion,
                            figures);
                    TransactionModelChoice t = new TransactionModelChoice(m, weighted.fits.get(k), report,
                            warnings);
                    t.calibrationModel = weighted.calibrated.get(k);
                    return t;
                }
                LifetimeValueReport.DropoutPrior prior = weighted.prior.withUsed(Double.NaN,
                        statement(c.model(), weighted.prior, Double.NaN));
                if (weighted.weights.length == 0) {
                    warnings.add("lifetimeValue: no " + c.model() + " calibration fit of the dropout prior's grid "
                            + "converged; " + c.model() + " is fitted with its own settings");
                }
                c = c.withDropoutPrior(prior);
                replace(figures, c);
            }
            Function<BtydSummary, BtydModel> fit = ltv.candidateFits.get(ltv.candidateNames.indexOf(c.model()));
            BtydModel m;
            try {
                m = HistogramFit.fit(fit, data.allSummary, allHistogram);
            } catch (RuntimeException e) {
                failures.add(c.model() + ": " + e.getMessage());
                replace(figures, c.withChosen(false, "the fit on all data failed: " + e.getMessage()));
                continue;
            }
            if (!m.converged()) {
                String why = String.format(Locale.ROOT, "the fit on all data did not converge (%d iterations, "
                        + "gradient norm %.3g)", m.iterations(), m.gradientNorm());
                failures.add(c.model() + ": " + why);
                replace(figures, c.withChosen(false, why + "; not used"));
                warnings.add("lifetimeValue: " + c.model() + ": " + why + "; falling back to the next model");
                continue;
            }
            LifetimeValueReport.Candidate used = c.withChosen(true, c.note());
            if (calibrationEnd == null) {
                used = new LifetimeValueReport.Candidate(c.model(), true, true, "", true, m.iterations(), m.params(),
                        m.logLikelihood(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        meanAliveWithoutRepeat(m, all));
            }
            replace(figures, used);
            certainty(m, all, warnings);
            LifetimeValueReport report = new LifetimeValueReport(m.name(), ltv.horizon, ltv.annualDiscountRate,
                    ltv.currency, ltv.unit, calibrationEnd, holdoutDays, criterion, figures);
            return new TransactionModelChoice(m, fit, report, warnings);
        }
        throw new InvalidDataException("lifetimeValue: no transaction model converged on this data"
                + (failures.isEmpty() ? " (none was eligible)" : ": " + String.join("; ", failures)));
    }

    /** The rule of the dropout weight's choice, in words (the report's {@code rule}). */
    static final String WEIGHT_RULE = "the largest weight whose holdout log loss exceeds the lowest one's by at most "
            + "one standard error of the paired per-customer difference (an exact tie for the lowest goes to the "
            + "smaller weight; a weight whose calibration fit did not converge is not considered); the model is "
            + "refitted on all data at that weight, or at the next smaller weight within the rule if that fit does "
            + "not converge";

    /**
     * Fits {@code model} on the calibration summary at every weight of the grid, applies
     * {@link DropoutWeightRule}, and returns the weights to try on all data (those within the rule, largest
     * first), or null when the configuration has no grid.
     */
    private static WeightedFits chooseWeight(LifetimeValue.Resolved ltv, String model, Supplier<BtydSummary> cal,
            BtydHoldoutHistogram hist, BtydModel ownFit, Map<BtydModel, BtydHoldoutHistogram.Evaluation> evaluations) {
        if (ltv.dropoutWeights == null) {
            return null;
        }
        double[] grid = ltv.dropoutWeights;
        long[] counts = hist.counts();
        double n = hist.customers();
        java.util.function.DoubleFunction<LifetimeValue.WeightedFit> trainer = ltv.candidateWeighted.get(
                ltv.candidateNames.indexOf(model));
        double[][] losses = new double[grid.length][];
        List<Function<BtydSummary, BtydModel>> fits = new ArrayList<>();
        BtydModel[] models = new BtydModel[grid.length];
        String[] notes = new String[grid.length];
        // each weight's fit starts from the optimum of the last converged fit before it (the smaller weight's; at
        // first the candidate's own calibration fit, converged since it is eligible): the same optimum to the
        // optimizer's tolerance in fewer iterations (issue 19)
        BtydModel previous = ownFit;
        for (int k = 0; k < grid.length; k++) {
            LifetimeValue.WeightedFit fit = trainer.apply(grid[k]);
            fits.add(fit.fit);
            notes[k] = "";
            try {
                // the candidate's own settings: its calibration fit, made for the model choice, is this one
                BtydModel m = fit.own ? ownFit : HistogramFit.fit(fit.fit, cal, hist::calibration, previous);
                if (m.converged()) {
                    previous = m;
                }
                if (!m.converged()) {
                    notes[k] = String.format(Locale.ROOT, "not eligible: the calibration fit did not converge (%d "
                            + "iterations, gradient norm %.3g)", m.iterations(), m.gradientNorm());
                    continue;
                }
                BtydHoldoutHistogram.Evaluation known = evaluations.get(m);
                BtydHoldoutHistogram.Evaluation evaluation = known != null ? known : hist.evaluate(m, ltv.threads);
                evaluations.put(m, evaluation);
                double[] l = evaluation.losses();
                double sum = 0;
                for (int i = 0; i < l.length; i++) {
                    sum += counts[i] * l[i];
                }
                if (!Double.isFinite(sum)) {
                    notes[k] = "not eligible: the holdout log loss is not finite";
                    continue;
                }
                losses[k] = l;
                models[k] = m;
            } catch (RuntimeException e) {
                notes[k] = "not eligible: the calibration fit failed: " + e.getMessage();
            }
        }
        DropoutWeightRule rule = grid.length == 1 ? null : DropoutWeightRule.apply(losses, counts);
        List<LifetimeValueReport.Weight> rows = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            double mean = Double.NaN;
            if (losses[k] != null) {
                double sum = 0;
                for (int i = 0; i < counts.length; i++) {
                    sum += counts[i] * losses[k][i];
                }
                mean = sum / n;
            }
            rows.add(new LifetimeValueReport.Weight(grid[k], losses[k] != null, notes[k], mean,
                    rule == null ? (losses[k] != null ? 0 : Double.NaN) : rule.difference[k],
                    rule == null ? (losses[k] != null ? 0 : Double.NaN) : rule.standardError[k],
                    rule == null ? losses[k] != null : rule.within(k),
                    models[k] == null ? Double.NaN : meanAliveWithoutRepeat(models[k], hist)));
        }
        List<Integer> tries = new ArrayList<>();
        for (int k = grid.length - 1; k >= 0; k--) {
            if (losses[k] != null && (rule == null || rule.within(k))) {
                tries.add(k);
            }
        }
        double best = rule == null ? (losses[0] != null ? grid[0] : Double.NaN)
                : rule.best < 0 ? Double.NaN : grid[rule.best];
        double chosen = rule == null ? best : rule.chosen < 0 ? Double.NaN : grid[rule.chosen];
        String ruleText = grid.length == 1 ? "a single weight: used without comparison" : WEIGHT_RULE;
        LifetimeValueReport.DropoutPrior prior = new LifetimeValueReport.DropoutPrior(rows, best, chosen,
                Double.NaN, ruleText, "");
        double[] weights = new double[tries.size()];
        List<Function<BtydSummary, BtydModel>> tryFits = new ArrayList<>();
        List<BtydModel> calibrated = new ArrayList<>();
        for (int i = 0; i < tries.size(); i++) {
            weights[i] = grid[tries.get(i)];
            tryFits.add(fits.get(tries.get(i)));
            calibrated.add(models[tries.get(i)]);
        }
        return new WeightedFits(model, prior, weights, tryFits, calibrated);
    }

    private static String weight(double w) {
        return w == 0 ? "0" : String.format(Locale.ROOT, "%.0e", w).replace("e-0", "e-");
    }

    /** The prior and its weight in one sentence for a marketer. */
    static String statement(String model, LifetimeValueReport.DropoutPrior prior, double used) {
        List<String> tried = new ArrayList<>();
        for (LifetimeValueReport.Weight w : prior.weights()) {
            tried.add(weight(w.weight()));
        }
        if (Double.isNaN(used)) {
            return "No weight of the dropout prior (" + String.join(", ", tried) + ") gave a usable fit, so the "
                    + "model's own settings were used and how customers leave is learned from the data alone.";
        }
        if (used == 0) {
            return prior.weights().size() == 1 ? "No prior belief about customers leaving was added (weight 0), so "
                    + "how customers leave is learned from the data alone."
                    : "No prior belief about customers leaving was added (weight 0 of " + String.join(", ", tried)
                    + "): every larger weight made the holdout predictions worse by more than their standard "
                    + "error or did not converge, so how customers leave is learned from the data alone.";
        }
        String belief = model.equals("paretonbd")
                ? "customers leave at rates spread like their purchase rates"
                : "each customer has some chance, anywhere between 0 and 1, of leaving after each purchase";
        return "Before looking at the data the model starts from a mild belief that " + belief + " (weight "
                + weight(used) + (prior.weights().size() == 1 ? ", as configured"
                        : ", the largest of " + String.join(", ", tried) + " whose holdout predictions were within"
                        + " one standard error of the best") + "), so that customers silent for a long time are no "
                + "longer counted as certainly active unless the data show it.";
    }

    /**
     * Warns when the model used says "alive for sure" to customers long silent after one purchase: the mean
     * P(alive) of the customers without a repeat purchase whose first purchase is at least
     * {@value #SILENT_DAYS} days old is {@code >= } {@value #CERTAIN}.
     */
    static void certainty(BtydModel m, BtydHistogram all, List<String> warnings) {
        certainty(m, all, warnings, 0);
    }

    /**
     * {@link #certainty(BtydModel, BtydHistogram, List)} for a fit under a dropout prior of weight {@code prior}.
     * The mean is over the histogram's triples weighted by their customers.
     */
    static void certainty(BtydModel m, BtydHistogram all, List<String> warnings, double prior) {
        double silent = SILENT_DAYS / (m.unit().getSeconds() / 86_400.0);
        double sum = 0;
        long n = 0;
        for (int k = 0; k < all.size() && all.frequency(k) == 0; k++) { // sorted: frequency 0 first
            if (all.T(k) >= silent) {
                sum += all.weight(k) * m.probabilityAlive(0, 0, all.T(k));
                n += (long) all.weight(k);
            }
        }
        if (n > 0 && sum / n >= CERTAIN) {
            warnings.add(String.format(Locale.ROOT, "lifetimeValue: %s gives the %d customers silent for %d days or "
                    + "more after a single purchase a mean P(alive) of %.6f: %s; P(alive) does not separate them, "
                    + "read the model's P(no purchase) over the churn horizon and P(churn) instead", m.name(), n,
                    SILENT_DAYS, sum / n, m.name().equals("bgnbd")
                            ? "BG/NBD assumes nobody drops out before a repeat purchase"
                            : prior > 0 ? "the data do not identify dropout (the fitted dropout rate is small even "
                                    + "under the dropout prior of weight " + weight(prior) + " chosen on the holdout)"
                            : "the data do not identify dropout (the fitted dropout rate is about 0)"));
        }
    }

    /** The words that mark the warning of {@link #certainty}. */
    private static final String CERTAINTY_MARK = "after a single purchase a mean P(alive)";

    /**
     * The holdout evidence on the customers silent for {@value #SILENT_DAYS} days or more after a single
     * purchase at the calibration end: how many there are, how many bought in the holdout, and the model's mean
     * probability of a purchase in the holdout, {@code 1 - P0} (see {@link #noPurchase}).
     */
    record SilentBuyers(long customers, long bought, double predictedShare) {
        double actualShare() {
            return customers == 0 ? Double.NaN : (double) bought / customers;
        }
    }

    /** The evidence of {@link SilentBuyers} for a model fitted on {@code cal} (which has the holdout counts). */
    static SilentBuyers silentOneTimeBuyers(BtydModel m, BtydSummary cal) {
        double silent = SILENT_DAYS / (m.unit().getSeconds() / 86_400.0);
        double d = cal.size() == 0 ? 0 : cal.durationHoldout()[0];
        long n = 0;
        long bought = 0;
        double predicted = 0;
        double[] holdout = cal.frequencyHoldout(); // a copy: taken once, not per customer
        for (int i = 0; i < cal.size(); i++) {
            if (cal.frequency(i) == 0 && cal.T(i) >= silent) {
                n++;
                bought += holdout[i] > 0 ? 1 : 0;
                predicted += 1 - noPurchase(m, 0, 0, cal.T(i), d);
            }
        }
        return new SilentBuyers(n, bought, n == 0 ? Double.NaN : predicted / n);
    }

    /**
     * {@link #silentOneTimeBuyers(BtydModel, BtydSummary)} from the calibration summary's holdout histogram: the
     * same customers and per-customer P0, summed over rows weighted by their counts.
     */
    static SilentBuyers silentOneTimeBuyers(BtydModel m, BtydHoldoutHistogram hist) {
        return silentOneTimeBuyers(m, hist, hist.evaluate(m));
    }

    /** {@link #silentOneTimeBuyers(BtydModel, BtydHoldoutHistogram)} from the model's evaluation on the histogram. */
    private static SilentBuyers silentOneTimeBuyers(BtydModel m, BtydHoldoutHistogram hist,
            BtydHoldoutHistogram.Evaluation evaluation) {
        double silent = SILENT_DAYS / (m.unit().getSeconds() / 86_400.0);
        double[] p0 = evaluation.noPurchase();
        long n = 0;
        long bought = 0;
        double predicted = 0;
        for (int i = 0; i < hist.size(); i++) {
            if (hist.frequency(i) == 0 && hist.T(i) >= silent) {
                long c = hist.count(i);
                n += c;
                bought += hist.holdoutFrequency(i) > 0 ? c : 0;
                predicted += c * (1 - p0[i]);
            }
        }
        return new SilentBuyers(n, bought, n == 0 ? Double.NaN : predicted / n);
    }

    static final int SILENT_DAYS = 180;
    private static final double CERTAIN = 0.99;

    private static void replace(List<LifetimeValueReport.Candidate> figures, LifetimeValueReport.Candidate c) {
        for (int i = 0; i < figures.size(); i++) {
            if (figures.get(i).model().equals(c.model())) {
                figures.set(i, c);
                return;
            }
        }
    }

    private static LifetimeValueReport.Candidate failed(String name, String note) {
        return new LifetimeValueReport.Candidate(name, false, false, note, false, 0, Map.of(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static boolean hasRepeat(BtydHoldoutHistogram h) {
        for (int i = 0; i < h.size(); i++) {
            if (h.frequency(i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@link #meanAliveWithoutRepeat(BtydModel, BtydHistogram)} over the calibration triples. */
    private static double meanAliveWithoutRepeat(BtydModel m, BtydHoldoutHistogram hist) {
        return meanAliveWithoutRepeat(m, hist.calibration());
    }

    /** The mean P(alive) of the customers without a repeat purchase: over the histogram's triples, weighted. */
    private static double meanAliveWithoutRepeat(BtydModel m, BtydHistogram h) {
        double sum = 0;
        double n = 0;
        for (int k = 0; k < h.size() && h.frequency(k) == 0; k++) {
            sum += h.weight(k) * m.probabilityAlive(0, 0, h.T(k));
            n += h.weight(k);
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
