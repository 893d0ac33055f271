package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.clv.TimeUnits;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;

/**
 * The lifetime-value stage of {@link Segmentation#run()}: the trainer's model (for {@link LifetimeValue}'s own,
 * the transaction model given or chosen on a holdout and the Gamma-Gamma spend model, fitted by
 * {@link LifetimeValue}), then P(alive), expected purchases and CLV through {@link CustomerValues}, the one place
 * the pipeline and the bundle scorer compute them. Not API.
 */
final class LifetimeValueStage {
    private LifetimeValueStage() {
    }

    /** Runs the stage; with a churn stage configured, also the transaction model's P(no purchase) by row. */
    static void run(RunState r) {
        RunPlan plan = r.plan;
        SegmentationResult.Models models = r.models;
        long t0 = plan.start("lifetimeValue");
        LifetimeValue.Resolved ltv = plan.lifetimeValue;
        // the summary and, for a holdout choice, the calibration summary: one pass over the log for both
        LifetimeValue.Summaries summaries = ltv.custom != null ? null
                : LifetimeValue.summarize(ltv, r.observed, plan.lastDay);
        BtydSummary summary = summaries == null ? null : summaries.all;
        LifetimeValueModel model = null;
        try {
            if (ltv.custom != null) {
                model = ltv.custom.fit(plan.log, plan.asOf);
                plan.cancellation.check("lifetimeValue");
            } else {
                LifetimeValue.StageFit fit = LifetimeValue.fit(ltv, r.observed, plan.lastDay, summaries,
                        plan.skipStagesThatCannotRun, () -> plan.cancellation.check("lifetimeValue"));
                model = fit.model;
                plan.warnings.addAll(fit.warnings);
                models.lifetimeValueReport = fit.choice.report;
                models.calibrationModel = fit.choice.calibrationModel;
                models.transactionFit = fit.choice.fit;
            }
        } catch (InvalidDataException | IllegalArgumentException e) {
            if (!plan.skipStagesThatCannotRun) {
                throw e;
            }
            String why = e.getMessage().startsWith("lifetimeValue: ")
                    ? e.getMessage().substring("lifetimeValue: ".length()) : e.getMessage();
            plan.warnings.add("lifetimeValue: skipped: " + why);
            model = null;
        }
        summaries = null; // the calibration summary is not read after the choice
        if (model != null) {
            if (summary == null) {
                summary = BtydSummarizer.builder().end(plan.lastDay).unit(model.unit()).build().summarize(r.observed);
            }
            CustomerValues values = CustomerValues.of(model, ltv.clv, ltv.horizon, summary, r.table, ltv.threads);
            r.pAlive = values.pAlive;
            r.expected = values.expected;
            r.clv = values.clv;
            // through the seam: a model with a BTYD transaction model (the library's) gives its P(no purchase)
            BtydModel transactions = model.transactionModel().orElse(null);
            if (transactions != null) {
                if (plan.churnConfigured && plan.churnHorizonDays >= 1) {
                    double d = TimeUnits.inUnits(Duration.ofDays(plan.churnHorizonDays), transactions.unit());
                    double[] p0 = TransactionModelChoice.noPurchase(transactions, summary, d, ltv.threads);
                    models.noPurchase = values.byRow(p0);
                }
                models.transactions = transactions;
            }
            models.lifetimeValue = model;
            models.summary = summary;
        }
        plan.end("lifetimeValue", t0, r.timings);
    }
}
