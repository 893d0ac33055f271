package dev.segmentation.pipeline;

import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Segmentation#run()} has computed so far, handed from stage to stage: per customer in the feature
 * table's row order, the segment, RFM scores and the stages' values (null when a stage did not run), and the
 * fitted models. Not API.
 */
final class RunState {
    final RunPlan plan;
    final TransactionLog observed;
    final Map<String, Duration> timings = new LinkedHashMap<>();
    final SegmentationResult.Models models = new SegmentationResult.Models();
    CustomerFeatureTable table;
    FeatureMatrix rfm;
    FeatureMatrix raw;
    RfmSegmenterModel rfmScores;
    int[][] rfmScore;
    EncoderPipelineModel encoderModel;
    FeatureMatrix encoded;
    int[] segment;
    List<String> segmentNames;
    double[] pAlive;
    double[] expected;
    double[] clv;
    double[] pChurn;
    List<List<String>> topItems;
    List<SegmentSummary> summaries = List.of();

    RunState(RunPlan plan) {
        this.plan = plan;
        this.observed = plan.observed;
    }
}
