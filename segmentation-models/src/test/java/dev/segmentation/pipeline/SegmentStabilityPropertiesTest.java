package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.SegmentArchetypes;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Issue 15: names and ids are stable across saving, scoring again and refitting with the previous bundle. */
class SegmentStabilityPropertiesTest {
    /** Centres closer than this (squared distance in the encoded, standardized space) have "barely moved". */
    private static final double BARELY_MOVED = Segmentation.BARELY_MOVED;

    /** A saved model scoring the same data again gives every customer the same segment id and name. */
    @Property(tries = 6)
    void aSavedModelKeepsItsNamesAndIdsWhenItScoresAgain(@ForAll @IntRange(min = 300, max = 900) int customers,
            @ForAll @IntRange(min = 2, max = 7) int k, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        TransactionLog log = RetailSimulator.builder().customers(customers).seed(seed).build().generate().log();
        SegmentationResult r = Segmentation.of(log).features(f -> f.behaviour())
                .segments(KMeans.builder().k(k).seed(seed)).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        SegmentationResult again = BundleScorer.of(saved).score(log, r.asOf());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(r.customer(i).segment(), again.customer(i).segment());
            assertEquals(r.customer(i).segmentName(), again.customer(i).segmentName());
        }
        SegmentationResult twice = BundleScorer.of(again.models()).score(log, r.asOf());
        assertEquals(r.catalog().orElseThrow().names(), twice.catalog().orElseThrow().names());
    }

    /**
     * Refitting the same customers with another k-means seed and the previous bundle: every new segment whose
     * centre barely moved from an old one's takes that old segment's id, and its name unless that name claims
     * recent activity and the segment now has a lapsed member.
     */
    /** The jqwik seed where a barely moved "Champions" segment gained a lapsed member and lost the name. */
    @Example
    void aBarelyMovedSegmentWithALapsedMemberLosesARecentName() {
        refittingWithThePreviousBundleKeepsTheNamesOfSegmentsThatBarelyMoved(300, 7, 103);
    }

    @Property(tries = 15)
    void refittingWithThePreviousBundleKeepsTheNamesOfSegmentsThatBarelyMoved(
            @ForAll @IntRange(min = 300, max = 900) int customers, @ForAll @IntRange(min = 2, max = 7) int k,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        TransactionLog log = RetailSimulator.builder().customers(customers).seed(seed).build().generate().log();
        SegmentationResult first = Segmentation.of(log).features(f -> f.behaviour())
                .segments(KMeans.builder().k(k).seed(seed)).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(first.models()));
        SegmentationResult second = Segmentation.of(log).features(f -> f.behaviour())
                .segments(KMeans.builder().k(k).seed(seed + 7919L)).previous(saved).run();
        List<SegmentCatalog.Entry> old = first.catalog().orElseThrow().segments();
        double[][] newCentres = second.segmentModel(KMeansModel.class).orElseThrow().centroidArray();
        double[][] oldRows = new double[old.size()][];
        for (int i = 0; i < old.size(); i++) {
            oldRows[i] = old.get(i).centre();
        }
        FeatureMatrix oldEncoded = second.encoder().transform(FeatureMatrix.ofRows(first.modelFeatures().names(),
                oldRows));
        int kept = 0;
        for (SegmentSummary s : second.segments()) {
            for (int i = 0; i < old.size(); i++) {
                double d = 0;
                for (int f = 0; f < newCentres[s.segment()].length; f++) {
                    double diff = newCentres[s.segment()][f] - oldEncoded.get(i, f);
                    d += diff * diff;
                }
                if (d < BARELY_MOVED) {
                    assertEquals(i, s.segment(), "id of the segment near old " + i);
                    if (s.rfmMedians().anyLapsed() && SegmentArchetypes.claimsRecentActivity(old.get(i).name())) {
                        // a name claiming recent activity is never kept for a segment with a lapsed member
                        // (issue 15): truth before stability (a jqwik seed, 300 customers, k 7, seed 103)
                        assertTrue(!s.name().equals(old.get(i).name()), "untrue name kept near old " + i);
                    } else {
                        assertEquals(old.get(i).name(), s.name(), "name of the segment near old " + i);
                    }
                    kept++;
                }
            }
        }
        SegmentMovement m = second.movement().orElseThrow();
        assertEquals(first.size(), m.customers());
        assertTrue(kept <= k);
    }
}
