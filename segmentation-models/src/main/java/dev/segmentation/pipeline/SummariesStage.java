package dev.segmentation.pipeline;

import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.cluster.SegmentArchetypes;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.PopulationStability;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The summaries stage of {@link Segmentation#run()}: for k-means and mixtures, segment ids ordered by value or
 * matched to the previous bundle's catalog (the model relabelled to predict them); then per segment its profile
 * ({@link SegmentSummary}), the {@link SegmentCatalog}, the drift baseline and the movement from the previous
 * catalog. Not API.
 */
final class SummariesStage {
    private SummariesStage() {
    }

    /** Runs the stage: the segment of every customer (possibly relabelled) and the summaries into {@code r}. */
    static void run(RunState r) {
        long t0 = r.plan.start("summaries");
        r.segment = summaries(r.plan, r.observed, r.table, r.raw, r.encoded, r.encoderModel, r.segment,
                r.segmentNames, r.rfmScores, r.rfmScore, r.clv, r.pChurn, r.models);
        r.summaries = r.models.summaries;
        r.plan.end("summaries", t0, r.timings);
    }

    /**
     * For k-means and mixtures, ids by value (or matched to the previous catalog) with the model relabelled to
     * predict them; then the profiles, names, catalog, drift baseline and movement.
     *
     * @return the (possibly relabelled) segment of every customer
     */
    private static int[] summaries(RunPlan plan, TransactionLog observed, CustomerFeatureTable table,
            FeatureMatrix raw, FeatureMatrix encoded, EncoderPipelineModel encoderModel, int[] segment,
            List<String> segmentNames, RfmSegmenterModel rfmScores, int[][] rfmScore, double[] clv, double[] pChurn,
            SegmentationResult.Models models) {
        int threads = plan.threads;
        List<String> keep = null;
        boolean[] unmoved = null;
        SegmentCatalog old = plan.previousCatalog;
        if (segmentNames == null) {
            double[][] centres = models.segmenter.centres();
            int k = centres.length;
            double[] value = clv != null ? clv : table.column(CustomerFeatures.MONETARY);
            int[] newId = SegmentProfiling.valueOrder(segment, k, value);
            int[] matched = new int[k];
            double[] distance = new double[k];
            if (old != null) {
                if (!old.features().equals(raw.names())) {
                    throw new IllegalArgumentException("previous: catalog features must be the model features "
                            + raw.names() + ", found " + old.features());
                }
                newId = SegmentProfiling.matchPrevious(old, encoderModel, centres, raw.names(), newId, matched,
                        distance);
            }
            models.segmenter = SegmentRenumbering.relabel(models.segmenter, newId);
            segment = models.segmenter.predict(encoded);
            if (old != null) {
                keep = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    keep.add(null);
                }
                unmoved = new boolean[k];
                for (int j = 0; j < k; j++) {
                    if (matched[j] >= 0) {
                        keep.set(newId[j], old.segments().get(matched[j]).name());
                        unmoved[newId[j]] = distance[j] < Segmentation.BARELY_MOVED;
                    }
                }
            }
        }
        SegmentProfiling.Input in = new SegmentProfiling.Input();
        in.observed = observed;
        in.table = table;
        in.raw = raw;
        in.encoder = encoderModel;
        in.encoded = segmentNames == null;
        in.segment = segment;
        in.givenNames = segmentNames;
        in.rfmScores = rfmScores;
        in.rfmScore = rfmScore;
        in.clv = clv;
        in.pChurn = pChurn;
        in.churnTraining = models.churnTraining;
        in.threads = threads;
        in.encodedRows = encoded;
        if (keep != null) {
            // a kept name must still fit: first profile without kept names to get the medians
            List<SegmentSummary> fresh = SegmentProfiling.summarize(in);
            for (SegmentSummary s : fresh) {
                String name = keep.get(s.segment());
                // a name claiming recent activity is never kept for a segment with a lapsed member, nor a name
                // claiming recency for an overdue segment
                boolean untrue = name != null && SegmentArchetypes.contradicts(name, s.rfmMedians());
                if (name != null && (untrue || !unmoved[s.segment()]
                        && !SegmentProfiling.stillFits(name, old, s.rfmMedians()))) {
                    keep.set(s.segment(), null);
                }
            }
            in.keep = keep;
        }
        // the drift baseline (a quantile fit per column) does not depend on the profiles: with threads, beside them
        AtomicReference<List<SegmentSummary>> profiled = new AtomicReference<>();
        AtomicReference<PopulationStabilityModel> baseline = new AtomicReference<>();
        try (ChunkRunner runner = new ChunkRunner(Math.min(2, threads), "summaries")) {
            runner.run(2, (task, worker) -> {
                if (task == 0) {
                    profiled.set(SegmentProfiling.summarize(in));
                } else {
                    baseline.set(PopulationStability.builder().build().fit(raw));
                }
            });
        }
        models.summaries = profiled.get();
        models.baseline = baseline.get();
        int modelK = models.segmenter != null ? models.segmenter.k() : 0;
        models.catalog = catalog(plan, table, raw, segment, models.summaries, segmentNames, modelK);
        if (old != null) {
            models.movement = SegmentMovement.of(old, table.ids(), segment, models.catalog.names());
        }
        return segment;
    }

    private static SegmentCatalog catalog(RunPlan plan, CustomerFeatureTable table, FeatureMatrix raw,
            int[] segment, List<SegmentSummary> summaries, List<String> givenNames, int modelK) {
        int k = givenNames != null ? givenNames.size() : modelK;
        for (int s : segment) {
            k = Math.max(k, s + 1);
        }
        SegmentSummary[] byId = new SegmentSummary[k];
        for (SegmentSummary s : summaries) {
            byId[s.segment()] = s;
        }
        List<SegmentCatalog.Entry> entries = new ArrayList<>();
        int unused = 0;
        for (int c = 0; c < k; c++) {
            SegmentSummary s = byId[c];
            if (s == null) {
                // an empty component or RFM cell: kept so that ids stay 0..k-1, named as the cell or as unused
                String name = givenNames != null ? givenNames.get(c)
                        : SegmentRenumbering.unusedName(unused, c);
                unused++;
                double[] centre = new double[raw.columns()];
                entries.add(new SegmentCatalog.Entry(c, name, "", "", 0.0, centre));
            } else {
                entries.add(new SegmentCatalog.Entry(c, s.name(), s.archetype(),
                        SegmentProfiling.actionLabel(s.action()), s.share(), s.profile().centre()));
            }
        }
        String[] recCustomers = new String[0];
        String[] recItems = new String[0];
        if (plan.recommender != null) {
            recCustomers = new String[plan.observed.customerCount()];
            for (int c = 0; c < recCustomers.length; c++) {
                recCustomers[c] = plan.observed.customerId(c);
            }
            recItems = new String[plan.observed.itemCount()];
            for (int i = 0; i < recItems.length; i++) {
                recItems[i] = plan.observed.itemId(i);
            }
        }
        return SegmentCatalog.of(raw.names(), entries, table.ids(), segment, plan.asOf.toString(),
                plan.churn == null ? 0 : plan.churnHorizonDays,
                plan.lifetimeValue == null ? "" : plan.lifetimeValue.horizon.toString(),
                plan.lifetimeValueConfig == null ? 0.0 : plan.lifetimeValueConfig.annualDiscountRate(),
                plan.recommender == null ? 0 : plan.topN,
                recCustomers, recItems);
    }
}
