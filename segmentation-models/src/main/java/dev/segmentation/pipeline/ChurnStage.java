package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.churn.ChurnModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.TimeUnits;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.eval.GainsTable;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.FeatureMatrix;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The churn stage of {@link Segmentation#run()}: a {@link ChurnLabeler} at the cut-off {@code lastDay -
 * horizonDays}, the configured {@link dev.segmentation.churn.ChurnTrainer} on its rows, every customer's P(churn) on
 * the last observed day (in chunks of {@link Segmentation#CHUNK} on the pipeline's threads), and the out-of-sample
 * check of {@link ChurnValidation}. Not API.
 */
final class ChurnStage {
    private ChurnStage() {
    }

    /** Runs the stage: labels at the cut-off, the trainer, P(churn) on the last observed day, the check. */
    static void run(RunState r) {
        RunPlan plan = r.plan;
        SegmentationResult.Models models = r.models;
        long t0 = plan.start("churn");
        ChurnDataset train = ChurnLabeler.builder().cutoff(plan.lastDay.minusDays(plan.churnHorizonDays))
                .horizonDays(plan.churnHorizonDays).threads(plan.threads).build().label(plan.log);
        FeatureMatrix trainX = plan.extra == null ? train.features()
                : plan.extra.appendTo(train.features(), train.customerIds());
        ChurnModel model = null;
        String oneClass = oneClass(train);
        if (oneClass != null && plan.skipStagesThatCannotRun) {
            plan.warnings.add("churn: skipped: " + oneClass);
        } else {
            try {
                model = plan.churn.fit(trainX, train.labels());
            } catch (InvalidDataException | IllegalArgumentException e) {
                if (!plan.skipStagesThatCannotRun) {
                    throw e;
                }
                plan.warnings.add("churn: skipped: the logistic model cannot be fitted: " + e.getMessage());
            }
        }
        if (model != null) {
            r.pChurn = scoreChurn(plan, r.observed, r.table, model);
            models.churn = model;
            models.churnTraining = train;
            models.churnTrainingFeatures = trainX;
            models.churnValidation = validate(plan, train, trainX, models);
        }
        plan.end("churn", t0, r.timings);
    }

    /** Scores every customer's P(churn) on the last observed day. */
    private static double[] scoreChurn(RunPlan plan, TransactionLog observed, CustomerFeatureTable table,
            ChurnModel model) {
        int n = table.size();
        ChurnFeatures churnFeatures = ChurnFeatures.standard();
        int base = churnFeatures.names().size();
        int width = base + (plan.extra == null ? 0 : plan.extra.columns());
        double[] pChurn = new double[n];
        // each customer's probability on its own: the listener hears from the calling thread between batches
        plan.forEachRow("churn", n, (from, to) -> {
            double[] row = new double[width];
            for (int i = from; i < to; i++) {
                churnFeatures.compute(observed, observed.customerIndex(table.id(i)), plan.lastDay, row);
                if (plan.extra != null) {
                    plan.extra.write(table.id(i), row, base);
                }
                pChurn[i] = model.predictProbability(row);
            }
            return null;
        });
        return pChurn;
    }

    /** Why a churn data set cannot train a classifier (one class only), or null. */
    private static String oneClass(ChurnDataset train) {
        int[] y = train.labels();
        long churned = 0;
        for (int v : y) {
            churned += v;
        }
        if (churned == 0) {
            return "nobody churned: every one of the " + y.length + " customers with a purchase on or before the "
                    + "cut-off " + train.cutoff() + " bought again within " + train.horizonDays() + " days";
        }
        if (churned == y.length) {
            return "everybody churned: none of the " + y.length + " customers with a purchase on or before the "
                    + "cut-off " + train.cutoff() + " bought again within " + train.horizonDays() + " days";
        }
        return null;
    }

    /**
     * The out-of-sample check of {@link ChurnValidation}: the churn trainer fitted one horizon earlier and the
     * transaction model fitted up to the evaluation cut-off, both scored on the deployed model's training rows.
     */
    private static ChurnValidation validate(RunPlan plan, ChurnDataset evaluation, FeatureMatrix evaluationX,
            SegmentationResult.Models models) {
        TransactionLog log = plan.log;
        int h = plan.churnHorizonDays;
        LocalDate first = log.firstDateTime().toLocalDate();
        long span = ChronoUnit.DAYS.between(first, plan.lastDay);
        if (span <= 2L * h) {
            plan.warnings.add("churn: out-of-sample check skipped: it needs more than 2 x " + h + " = " + 2 * h
                    + " days from the first purchase to the last observed day, found " + span);
            return null;
        }
        LocalDate trainingCutoff = plan.lastDay.minusDays(2L * h);
        ChurnDataset earlier = ChurnLabeler.builder().cutoff(trainingCutoff).horizonDays(h).threads(plan.threads)
                .build().label(log);
        String why = oneClass(earlier);
        if (why == null) {
            why = oneClass(evaluation);
        }
        if (why != null) {
            plan.warnings.add("churn: out-of-sample check skipped: " + why);
            return null;
        }
        FeatureMatrix earlierX = plan.extra == null ? earlier.features()
                : plan.extra.appendTo(earlier.features(), earlier.customerIds());
        ChurnModel check;
        try {
            check = plan.churn.fit(earlierX, earlier.labels());
        } catch (InvalidDataException | IllegalArgumentException e) {
            plan.warnings.add("churn: out-of-sample check skipped: " + e.getMessage());
            return null;
        }
        int[] y = evaluation.labels();
        double[] p = check.predictProbabilities(evaluationX);
        double mean = 0;
        double rate = 0;
        for (int i = 0; i < y.length; i++) {
            mean += p[i] / y.length;
            rate += (double) y[i] / y.length;
        }
        GainsTable gains = BinaryMetrics.gains(p, y, 10);
        double btydAuc = Double.NaN;
        double btydBrier = Double.NaN;
        double btydMean = Double.NaN;
        double[] btydGains = null;
        if (models.transactionFit != null) {
            try {
                BtydSummary s = BtydSummarizer.builder().end(evaluation.cutoff()).unit(plan.lifetimeValue.unit)
                        .build().summarize(log);
                // the model choice's calibration fit saw nothing after the evaluation cut-off when its
                // calibration end is on or before it: reuse it rather than fitting again
                LocalDate calibrationEnd = models.lifetimeValueReport.calibrationEnd().orElse(null);
                BtydModel m = models.calibrationModel != null && calibrationEnd != null
                        && !calibrationEnd.isAfter(evaluation.cutoff()) ? models.calibrationModel
                        : models.transactionFit.apply(s);
                if (!m.converged()) {
                    plan.warnings.add("churn: out-of-sample check: the " + m.name() + " fit up to "
                            + evaluation.cutoff() + " did not converge; its figures are shown as they are");
                }
                Map<String, Integer> rowOf = new HashMap<>(s.size() * 2);
                for (int j = 0; j < s.size(); j++) {
                    rowOf.put(s.id(j), j);
                }
                double d = TimeUnits.inUnits(Duration.ofDays(h), m.unit());
                double[] p0 = new double[y.length];
                double[] bySummaryRow = TransactionModelChoice.noPurchase(m, s, d); // bit for bit the per-row call
                List<String> ids = evaluation.customerIds();
                btydMean = 0;
                for (int i = 0; i < y.length; i++) {
                    Integer j = rowOf.get(ids.get(i));
                    p0[i] = j == null ? 1.0 : bySummaryRow[j];
                    btydMean += p0[i] / y.length;
                }
                btydAuc = BinaryMetrics.rocAuc(p0, y);
                btydBrier = BinaryMetrics.brier(p0, y);
                btydGains = BinaryMetrics.gains(p0, y, 10).cumulativeGains();
            } catch (InvalidDataException | IllegalArgumentException e) {
                plan.warnings.add("churn: out-of-sample check of the transaction model skipped: " + e.getMessage());
                btydMean = Double.NaN;
            }
        }
        return new ChurnValidation(h, trainingCutoff, evaluation.cutoff(), y.length, rate,
                BinaryMetrics.rocAuc(p, y), BinaryMetrics.brier(p, y), mean, btydAuc, btydBrier, btydMean,
                gains.cumulativeGains(), btydGains, gains.lift());
    }
}
