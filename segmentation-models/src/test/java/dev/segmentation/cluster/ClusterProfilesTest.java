package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Log1pModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterProfilesTest {
    /** Two segments of 2 rows: a differs by 2 with within sd 1 in each; b is identical across segments. */
    private static final FeatureMatrix X = FeatureMatrix.ofRows(List.of("a", "b"),
            new double[][] {{0, 5}, {2, 7}, {2, 5}, {4, 7}});
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void sizesSharesCentresAndCohensD() {
        List<ClusterProfile> p = ClusterProfiles.builder().build().profile(X, LABELS);
        assertEquals(2, p.size());
        assertEquals(2, p.get(0).size());
        assertEquals(0.5, p.get(1).share());
        assertArrayEquals(new double[] {1, 6}, p.get(0).centre());
        assertArrayEquals(new double[] {3, 6}, p.get(1).centre());
        assertEquals("Segment 1", p.get(1).name());
        // a: means 1 vs 3, sample variances 2 and 2, pooled sd sqrt(2): d = -2 / sqrt(2)
        ClusterProfile.Contrast a = p.get(0).distinguishing().get(0);
        assertEquals("a", a.feature());
        assertEquals(-Math.sqrt(2), a.effect(), 1e-15);
        assertEquals(1.0, a.meanIn());
        assertEquals(3.0, a.meanOut());
        ClusterProfile.Contrast b = p.get(1).distinguishing().get(1);
        assertEquals("b", b.feature());
        assertEquals(0.0, b.effect());
        assertEquals(List.of("a", "b"), p.get(0).featureNames());
    }

    @Test
    void centresComeBackInOriginalUnitsThroughTheTransform() {
        Log1pModel log = Log1p.builder().build().fit(X);
        List<ClusterProfile> p = ClusterProfiles.builder().transform(log).top(1).build().profile(X, LABELS);
        // segment 0, column a: values 0 and 2, mean of log1p = log(3) / 2, back: sqrt(3) - 1
        assertEquals(Math.sqrt(3) - 1, p.get(0).centre()[0], 1e-15);
        assertEquals(Math.sqrt(6 * 8) - 1, p.get(0).centre()[1], 1e-12);
        assertEquals(1, p.get(0).distinguishing().size());
        assertEquals(1.0, p.get(0).distinguishing().get(0).meanIn(), "contrast means are in original units");
    }

    @Test
    void givenEncodedRowsGiveTheSameProfilesAsTransformingHere() {
        // issue 19: the pipeline hands over the matrix it segmented instead of encoding the features again
        Log1pModel log = Log1p.builder().build().fit(X);
        ClusterProfiles c = ClusterProfiles.builder().transform(log).top(2).build();
        List<ClusterProfile> here = c.profile(X, LABELS);
        List<ClusterProfile> given = c.profile(X, log.transform(X), LABELS);
        assertEquals(here.size(), given.size());
        for (int s = 0; s < here.size(); s++) {
            assertEquals(here.get(s).toString(), given.get(s).toString());
            assertArrayEquals(here.get(s).centre(), given.get(s).centre());
            for (int t = 0; t < 2; t++) {
                ClusterProfile.Contrast a = here.get(s).distinguishing().get(t);
                ClusterProfile.Contrast b = given.get(s).distinguishing().get(t);
                assertEquals(a.feature(), b.feature());
                assertEquals(a.effect(), b.effect());
                assertEquals(a.meanIn(), b.meanIn());
                assertEquals(a.meanOut(), b.meanOut());
            }
        }
        // without a transform the encoded rows are not read
        assertArrayEquals(ClusterProfiles.builder().build().profile(X, LABELS).get(0).centre(),
                ClusterProfiles.builder().build().profile(X, log.transform(X), LABELS).get(0).centre());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> c.profile(X, FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{0, 1}}), LABELS));
        assertEquals("encoded: rows must be 4, found 1", e.getMessage());
    }

    @Test
    void rfmPositionNamesTheSegment() {
        double[][] v = new double[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            // rows 0, 1: the most recent, frequent, big spenders (all scores 5); rows 2..9 score 4, 4, 3, 3, ..., 1
            v[i] = new double[] {i + 1, 10 - i, 100.0 * (10 - i)};
            labels[i] = i < 2 ? 1 : 0;
        }
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("recency", "frequency", "monetary"), v);
        RfmSegmenterModel rfm = RfmSegmenter.builder().build().fit(x);
        List<ClusterProfile> p = ClusterProfiles.builder().rfm(rfm).build().profile(x, labels);
        assertEquals(RfmRule.NEED_ATTENTION, p.get(0).name()); // mean scores 2.5 -> rounded half up: R 3, FM 3
        assertEquals(RfmRule.CHAMPIONS, p.get(1).name()); // mean scores 5 -> R 5, FM 5
        assertEquals("ClusterProfiles{transform=none, rfm=RfmSegmenter{columns=[recency, frequency, monetary],"
                + " scores=5, fm=round half up, rules=standard}, top=3}",
                ClusterProfiles.builder().rfm(rfm).build().toString());
    }

    @Test
    void badInputIsRejectedWithExactMessages() {
        ClusterProfiles c = ClusterProfiles.builder().build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> c.profile(X, new int[] {0, 1}));
        assertEquals("labels: length must be 4, found 2", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> c.profile(X, new int[] {0, 1, -1, 0}));
        assertEquals("labels: row 2 must be >= 0, found -1", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> ClusterProfiles.builder().top(0));
        assertEquals("top must be >= 1, found 0", t.getMessage());
    }
}
