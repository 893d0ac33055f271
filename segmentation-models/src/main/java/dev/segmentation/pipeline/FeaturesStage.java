package dev.segmentation.pipeline;

import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.cluster.RfmSegments;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;

/**
 * The features stage of {@link Segmentation#run()}: customer features, RFM scores, extra features, the fitted
 * encoder. Not API.
 */
final class FeaturesStage {
    private FeaturesStage() {
    }

    /** Runs the stage on the plan's observed log. */
    static void run(RunState r) {
        RunPlan plan = r.plan;
        long t0 = plan.start("features");
        CustomerFeatureTable table = plan.features.compute(r.observed);
        int n = table.size();
        FeatureMatrix rfm = SegmentProfiling.rfmColumns(table);
        RfmSegmenterModel rfmScores = RfmSegmenter.builder().build().fit(rfm);
        int[][] rfmScore = scores(rfmScores.segment(rfm), n);
        r.models.rfmScores = rfmScores;
        FeatureMatrix raw = table.matrix();
        if (plan.extra != null) {
            RunPlan.stage("features", () -> {
                plan.extra.checkNames(table.names(), "customer features");
                return plan.extra;
            });
            raw = plan.extra.appendTo(raw, java.util.Arrays.asList(table.ids()));
        }
        // the default log1p is for the (non-negative) customer features, not for extra ones such as log-odds
        EncoderPipeline encoderPlan = plan.extra == null || !plan.defaultEncoder ? plan.encoder
                : EncoderPipeline.builder().add(Log1p.builder().columns(table.names().toArray(new String[0])).build())
                        .add(Standardizer.builder().build()).build();
        r.encoderModel = encoderPlan.fit(raw);
        r.table = table;
        r.rfm = rfm;
        r.raw = raw;
        r.rfmScores = rfmScores;
        r.rfmScore = rfmScore;
        plan.end("features", t0, r.timings);
    }

    /**
     * The R, F and M scores of {@code n} customers as three rows ({@code [0]} R, {@code [1]} F, {@code [2]} M),
     * the layout of {@link SegmentationResult}'s constructor; shared with {@link BundleScorer}.
     */
    static int[][] scores(RfmSegments scores, int n) {
        int[][] rfmScore = new int[3][n];
        for (int i = 0; i < n; i++) {
            rfmScore[0][i] = scores.r(i);
            rfmScore[1][i] = scores.f(i);
            rfmScore[2][i] = scores.m(i);
        }
        return rfmScore;
    }
}
