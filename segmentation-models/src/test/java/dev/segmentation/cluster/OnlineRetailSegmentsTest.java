package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import dev.segmentation.testing.SharedData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real data (issue 3, must show): Online Retail cleaned as in the foundation issue, all countries, RFM as of
 * 2011-12-10 (R = days since the last purchase, F = distinct invoices, M = total spend), log1p then standardized
 * with the population sd. The inertia ceilings are scikit-learn's {@code KMeans(n_init=10)} results on the same
 * features, quoted in issue 3: this library's best of 10 k-means++ restarts must match or beat them. Reached with
 * seed 0: 4856.3225 (k=3), 3924.3946 (k=4), 3268.0389 (k=5).
 */
class OnlineRetailSegmentsTest {
    /** scikit-learn KMeans(n_init=10) inertia on these features, k = 3, 4, 5 (issue 3). */
    private static final double[] SKLEARN_INERTIA = {4856.40, 3924.50, 3268.10};

    private static CustomerFeatureTable rfm;
    private static EncoderPipelineModel encoder;
    private static FeatureMatrix x;

    @BeforeAll
    static void read() {
        TransactionLog log = TransactionCsv.readPreset(SharedData.file("online-retail/online_retail.csv.gz"),
                "online-retail").log();
        rfm = CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().build().compute(log);
        encoder = EncoderPipeline.builder().add(Log1p.builder().build()).add(Standardizer.builder().build()).build()
                .fit(rfm.matrix());
        x = encoder.transform(rfm.matrix());
    }

    @Test
    void bestOfTenRestartsMatchesOrBeatsScikitLearn() {
        assertEquals(4338, x.rows());
        for (int k = 3; k <= 5; k++) {
            KMeansModel m = KMeans.builder().k(k).nInit(10).seed(0).build().fit(x);
            double ceiling = SKLEARN_INERTIA[k - 3];
            assertTrue(m.inertia() <= ceiling, "k=" + k + ": inertia " + m.inertia() + " > " + ceiling);
            assertTrue(m.converged(), "k=" + k);
            long total = 0;
            for (long s : m.sizes()) {
                total += s;
            }
            assertEquals(4338, total);
            // the fitted inertia is the data's inertia around the returned centres
            assertEquals(m.inertia(), m.inertia(x), 1e-9 * m.inertia());
        }
    }

    @Test
    void rfmSegmentsNameEveryCustomer() {
        RfmSegmenterModel model = RfmSegmenter.builder().build().fit(rfm.matrix());
        RfmSegments s = model.segment(rfm.matrix());
        assertEquals(4338, s.rows());
        Map<String, Integer> counts = s.counts();
        int total = 0;
        for (int c : counts.values()) {
            total += c;
        }
        assertEquals(4338, total);
        for (int i = 0; i < s.rows(); i++) {
            assertNotNull(s.name(i));
            assertTrue(model.names().contains(s.name(i)));
            assertEquals(model.name(s.r(i), s.fm(i)), s.name(i));
        }
        // quintile scores: recency is descending (recent buyers score 5), the best recency score holds about a fifth
        int r5 = 0;
        double maxRecency5 = 0;
        double minRecency4 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.rows(); i++) {
            double recency = rfm.get(i, CustomerFeatures.RECENCY);
            if (s.r(i) == 5) {
                r5++;
                maxRecency5 = Math.max(maxRecency5, recency);
            } else if (s.r(i) == 4) {
                minRecency4 = Math.min(minRecency4, recency);
            }
        }
        assertTrue(maxRecency5 < minRecency4, maxRecency5 + " >= " + minRecency4);
        assertTrue(r5 > 0.15 * 4338 && r5 < 0.25 * 4338, "R=5 count " + r5);
        // the customary segments all occur on a real customer base
        for (String name : List.of(RfmRule.CHAMPIONS, RfmRule.LOYAL, RfmRule.HIBERNATING, RfmRule.AT_RISK,
                RfmRule.LOST)) {
            assertTrue(counts.getOrDefault(name, 0) > 0, name + " " + counts);
        }
    }

    @Test
    void clusterProfilesReportOriginalUnitsAndNames() {
        KMeansModel m = KMeans.builder().k(4).nInit(10).seed(0).build().fit(x);
        int[] labels = m.predict(x);
        RfmSegmenterModel rfmModel = RfmSegmenter.builder().build().fit(rfm.matrix());
        List<ClusterProfile> profiles = ClusterProfiles.builder().transform(encoder).rfm(rfmModel).top(2).build()
                .profile(rfm.matrix(), labels);
        assertEquals(4, profiles.size());
        double share = 0;
        FeatureMatrix centroidsOriginal = encoder.inverseTransform(m.centroids());
        for (ClusterProfile p : profiles) {
            assertEquals(m.sizes()[p.label()], p.size());
            share += p.share();
            double[] c = p.centre();
            for (int j = 0; j < 3; j++) {
                // for k-means the segment mean in the encoded space is the centroid
                assertEquals(centroidsOriginal.get(p.label(), j), c[j], 1e-6 * Math.abs(c[j]) + 1e-9);
            }
            assertEquals(2, p.distinguishing().size());
            assertTrue(model(p.name()), p.name());
        }
        assertEquals(1.0, share, 1e-12);
    }

    private static boolean model(String name) {
        return RfmRule.standard().stream().anyMatch(r -> r.name().equals(name));
    }
}
