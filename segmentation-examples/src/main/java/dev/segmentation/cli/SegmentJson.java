package dev.segmentation.cli;

import dev.segmentation.pipeline.KChoice;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.SegmentationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of segments shared by {@code run} and {@code score}: per segment its profile ({@code segments}) and the
 * sweep of {@code --k auto} ({@code kSweep}); the movement between a bundle's segments and the new ones and the
 * drift against a bundle's training data are the models' own {@code SegmentMovement.toMap()} and
 * {@code ScoreDrift.toMap()}, which the Spark {@code score} writes too. Values a stage did not produce are
 * {@code null}, never NaN.
 */
final class SegmentJson {
    private SegmentJson() {
    }

    /** A finite number, or null. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Double> nums(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, num(v)));
        return out;
    }

    static List<Map<String, Object>> segments(SegmentationResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SegmentSummary s : result.segments()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("segment", s.segment());
            row.put("name", s.name());
            row.put("archetype", s.archetype());
            row.put("size", s.size());
            row.put("share", s.share());
            row.put("centre", nums(s.centre()));
            row.put("medians", nums(s.medians()));
            row.put("means", nums(s.means()));
            row.put("revenue", num(s.revenue()));
            row.put("revenueShare", num(s.revenueShare()));
            row.put("meanClv", num(s.meanClv()));
            row.put("clvTotal", num(s.clvTotal()));
            row.put("valueAtRisk", num(s.valueAtRisk()));
            row.put("churnRate", num(s.churnRate()));
            row.put("observedChurn", num(s.observedChurn()));
            Map<String, Object> action = new LinkedHashMap<>();
            if (s.action() != null) {
                action.put("action", s.action().label());
                action.put("campaign", s.action().campaign());
                action.put("eligibleSegments", List.of(s.name()));
                double[] band = s.action().churnBand();
                action.put("churnBand", List.of(band[0], band[1]));
            }
            row.put("action", action);
            row.put("topItems", s.topItems());
            row.put("distinctiveItems", s.distinctiveItems());
            row.put("itemDescriptions", s.itemDescriptions());
            rows.add(row);
        }
        return rows;
    }

    static Map<String, Object> kSweep(KChoice k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chosen", k.chosen());
        out.put("criterion", k.criterion());
        out.put("minShare", k.minShare());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KChoice.Row r : k.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("k", r.k());
            row.put("inertia", num(r.inertia()));
            row.put("silhouette", num(r.silhouette()));
            row.put("smallestShare", num(r.smallestShare()));
            rows.add(row);
        }
        out.put("rows", rows);
        return out;
    }
}
