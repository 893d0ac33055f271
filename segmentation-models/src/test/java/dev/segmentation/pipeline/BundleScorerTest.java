package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.Drift;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: a saved bundle scores new lines without refitting, keeping ids and names, with drift and movement. */
class BundleScorerTest {
    private static final SimulatedRetail SIM = RetailSimulator.builder().customers(2500).seed(5).threads(2).build()
            .generate();

    private static Segmentation full(TransactionLog log) {
        return Segmentation.of(log).features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(5).nInit(2).seed(9))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(SIM.simulator().unit()))
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(20), 5);
    }

    /** The customer scores of two results, compared exactly (doubles bit for bit). */
    static void assertSameScores(SegmentationResult expected, SegmentationResult actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile e = expected.customer(i);
            CustomerProfile a = actual.customer(i);
            assertEquals(e.id(), a.id());
            assertEquals(e.segment(), a.segment(), e.id());
            assertEquals(e.segmentName(), a.segmentName(), e.id());
            assertEquals(e.recencyScore(), a.recencyScore(), e.id());
            assertEquals(e.frequencyScore(), a.frequencyScore(), e.id());
            assertEquals(e.monetaryScore(), a.monetaryScore(), e.id());
            assertEquals(Double.doubleToLongBits(e.churnProbability()), Double.doubleToLongBits(a.churnProbability()),
                    e.id());
            assertEquals(Double.doubleToLongBits(e.aliveProbability()), Double.doubleToLongBits(a.aliveProbability()),
                    e.id());
            assertEquals(Double.doubleToLongBits(e.expectedPurchases()),
                    Double.doubleToLongBits(a.expectedPurchases()), e.id());
            assertEquals(Double.doubleToLongBits(e.clv()), Double.doubleToLongBits(a.clv()), e.id());
            assertEquals(e.topItems(), a.topItems(), e.id());
        }
    }

    /**
     * The per-customer scores of {@link BundleScorer#scoreCustomers} against {@link BundleScorer#score}'s rows, exactly
     * (doubles bit for bit, the same top items by id).
     */
    static void assertSameScores(SegmentationResult expected, BundleScorer.CustomerScores actual,
            SegmentCatalog catalog) {
        assertEquals(expected.size(), actual.size());
        String[] items = catalog.recommenderItems();
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile e = expected.customer(i);
            assertEquals(e.id(), actual.id(i));
            assertEquals(e.segment(), actual.segment(i), e.id());
            assertEquals(e.segmentName(), actual.segmentName(i), e.id());
            assertEquals(e.recencyScore(), actual.recencyScore(i), e.id());
            assertEquals(e.frequencyScore(), actual.frequencyScore(i), e.id());
            assertEquals(e.monetaryScore(), actual.monetaryScore(i), e.id());
            assertEquals(Double.doubleToLongBits(expected.features().column("recency")[i]),
                    Double.doubleToLongBits(actual.recency(i)), e.id());
            assertEquals(Double.doubleToLongBits(expected.features().column("frequency")[i]),
                    Double.doubleToLongBits(actual.frequency(i)), e.id());
            assertEquals(Double.doubleToLongBits(expected.features().column("monetary")[i]),
                    Double.doubleToLongBits(actual.monetary(i)), e.id());
            assertEquals(Double.doubleToLongBits(e.churnProbability()),
                    Double.doubleToLongBits(actual.churnProbability(i)), e.id());
            assertEquals(Double.doubleToLongBits(e.aliveProbability()),
                    Double.doubleToLongBits(actual.aliveProbability(i)), e.id());
            assertEquals(Double.doubleToLongBits(e.expectedPurchases()),
                    Double.doubleToLongBits(actual.expectedPurchases(i)), e.id());
            assertEquals(Double.doubleToLongBits(e.clv()), Double.doubleToLongBits(actual.clv(i)), e.id());
            String[] top = new String[actual.topItemCount(i)];
            for (int q = 0; q < top.length; q++) {
                top[q] = items[actual.topItem(i, q)];
            }
            assertEquals(e.topItems(), List.of(top), e.id());
        }
    }

    /** Issue 21: the per-customer batch path gives score's rows bit for bit, on the training log and a later window. */
    @Test
    void scoreCustomersGivesTheRowsOfScoreBitForBit() {
        SegmentationResult r = full(SIM.log()).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        BundleScorer scorer = BundleScorer.of(saved);
        SegmentCatalog catalog = scorer.catalog();
        BundleScorer.CustomerScores s = scorer.scoreCustomers(SIM.log(), r.asOf());
        assertSameScores(scorer.score(SIM.log(), r.asOf()), s, catalog);
        assertSameScores(r, s, catalog);
        int recommended = 0;
        for (int i = 0; i < s.size(); i++) {
            recommended += s.topItemCount(i) > 0 ? 1 : 0;
            assertTrue(Double.isFinite(s.clv(i)) && Double.isFinite(s.churnProbability(i)), s.id(i));
        }
        assertTrue(recommended > s.size() / 2, recommended + " of " + s.size());
        // an earlier as-of date: a window of the log, customers without a line before it left out
        LocalDate earlier = r.asOf().minusDays(200);
        assertSameScores(scorer.score(SIM.log(), earlier), scorer.scoreCustomers(SIM.log(), earlier), catalog);
        // a bundle without the optional stages: NaN and no items, as the profiles have them
        SegmentationResult plain = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(2)).run();
        BundleScorer bare = BundleScorer.of(plain.models());
        BundleScorer.CustomerScores b = bare.scoreCustomers(SIM.log(), plain.asOf());
        assertSameScores(bare.score(SIM.log(), plain.asOf()), b, bare.catalog());
        assertTrue(Double.isNaN(b.clv(0)) && Double.isNaN(b.churnProbability(0)) && b.topItemCount(0) == 0);
        assertEquals("Index " + b.size() + " out of bounds for length " + b.size(),
                assertThrows(IndexOutOfBoundsException.class, () -> b.segment(b.size())).getMessage());
        assertEquals("Index 0 out of bounds for length 0",
                assertThrows(IndexOutOfBoundsException.class, () -> b.topItem(0, 0)).getMessage());
        assertEquals("CustomerScores{customers=" + b.size() + "}", b.toString());
    }

    @Test
    void scoringTheTrainingDataWithTheSavedBundleEqualsThePipelineBitForBit() {
        SegmentationResult r = full(SIM.log()).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        SegmentationResult s = BundleScorer.of(saved).score(SIM.log(), r.asOf());
        assertSameScores(r, s);
        assertEquals(r.segments().size(), s.segments().size());
        for (int c = 0; c < r.segments().size(); c++) {
            assertEquals(r.segments().get(c).name(), s.segments().get(c).name());
            assertEquals(r.segments().get(c).archetype(), s.segments().get(c).archetype());
            assertEquals(r.segments().get(c).action(), s.segments().get(c).action());
        }
        SegmentMovement m = s.movement().orElseThrow();
        assertEquals(r.size(), m.customers());
        assertEquals(0, m.moved());
        ScoreDrift d = s.drift().orElseThrow();
        assertEquals(0.0, d.segmentPsi(), 1e-12);
        assertEquals(Drift.STABLE, d.features().drift());
        assertEquals(0.0, d.features().maxPsi(), 1e-12);
    }

    @Test
    void movementFromCountsMadeElsewhereEqualsTheScorersAndBadCountsAreRefused() {
        SegmentationResult r = full(SIM.log()).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        SegmentationResult s = BundleScorer.of(saved).score(SIM.log(), r.asOf().minusDays(120));
        SegmentMovement m = s.movement().orElseThrow();
        List<String> from = m.fromNames();
        List<String> to = m.toNames();
        long[][] counts = new long[from.size()][to.size()];
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < to.size(); j++) {
                counts[i][j] = m.count(i, j);
            }
        }
        SegmentMovement copy = SegmentMovement.of(from, to, counts);
        counts[0][0] += 7; // copied: the caller's array may change afterwards
        assertEquals(m.flows(), copy.flows());
        assertEquals(m.toMap(), copy.toMap());
        assertTrue(m.moved() > 0, m.toString());
        assertEquals(List.of("customers", "moved", "flows"), List.copyOf(m.toMap().keySet()));
        assertEquals(List.of("features", "segments", "verdict"),
                List.copyOf(s.drift().orElseThrow().toMap().keySet()));

        assertEquals("counts must have a row per previous segment, 2, found 1", assertThrows(
                IllegalArgumentException.class, () -> SegmentMovement.of(List.of("a", "b"), List.of("a", "b"),
                        new long[][] {{1, 2}})).getMessage());
        assertEquals("counts row 1 must have a count per new segment, 2, found 3", assertThrows(
                IllegalArgumentException.class, () -> SegmentMovement.of(List.of("a", "b"), List.of("a", "b"),
                        new long[][] {{1, 2}, {1, 2, 3}})).getMessage());
        assertEquals("counts must be >= 0, found -1 at (1, 0)", assertThrows(IllegalArgumentException.class,
                () -> SegmentMovement.of(List.of("a", "b"), List.of("a", "b"), new long[][] {{1, 2}, {-1, 0}}))
                .getMessage());

        // the score commands' warnings
        BundleScorer scorer = BundleScorer.of(saved);
        assertEquals(java.util.Optional.empty(), scorer.topItemsWarning(0));
        assertEquals("top_items: 3 customers unknown to the bundle's recommender (new since it was fitted) have no "
                + "recommendations", scorer.topItemsWarning(3).orElseThrow());
        assertEquals("customersWithoutItems must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> scorer.topItemsWarning(-1)).getMessage());
        ModelBundle noRecommender = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(1)).run().models();
        assertEquals("top_items: the bundle has no recommender; the column is empty",
                BundleScorer.of(noRecommender).topItemsWarning(0).orElseThrow());
        assertEquals("drift: the customers differ significantly from the bundle's training data (PSI >= 0.25); "
                + "consider refitting with run --previous-models", s.drift().orElseThrow().warning().orElseThrow());
        assertEquals(java.util.Optional.empty(), scorer.score(SIM.log(), r.asOf()).drift().orElseThrow().warning());
    }

    /** The class comment's example, compiled and run (style.md G9). */
    @Test
    void javadocExample(@TempDir Path dir) {
        SegmentationResult fitted = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(2)).run();
        Path file = dir.resolve("models.json");
        ModelJson.write(fitted.models(), file);
        TransactionLog log = SIM.log();
        LocalDate asOf = fitted.asOf();
        // region BundleScorer
        ModelBundle bundle = ModelJson.read(file, ModelBundle.class);
        SegmentationResult scored = BundleScorer.of(bundle).score(log, asOf);
        // endregion
        assertEquals(fitted.catalog().orElseThrow().names(), scored.catalog().orElseThrow().names());
        assertEquals(fitted.size(), scored.size());
        // region scoreCustomers
        BundleScorer.CustomerScores s = BundleScorer.of(bundle).scoreCustomers(log, asOf);
        long[] sizes = new long[bundle.get("segments", ClusterModel.class).k()];
        for (int i = 0; i < s.size(); i++) {
            sizes[s.segment(i)]++;
        }
        // endregion
        for (int c = 0; c < sizes.length; c++) {
            assertEquals(fitted.segments().get(c).size(), sizes[c]);
        }
    }

    @Test
    void aBundleFittedBeforeNovemberScoresTheWholeOnlineRetailFile() {
        TransactionLog retail = TransactionCsv.readPreset(SharedData.file("online-retail/online_retail.csv.gz"),
                "online-retail").log();
        SegmentationResult train = Segmentation.of(retail).asOf(LocalDate.of(2011, 11, 1))
                .features(f -> f.behaviour()).segments(KMeans.builder().k(5).nInit(4).seed(42))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .churn(90, LogisticRegression.builder().l2(1.0)).run();
        ModelBundle bundle = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(train.models()));
        SegmentationResult s = Segmentation.score(bundle, retail, LocalDate.of(2011, 12, 10));
        assertEquals(retail.activeCustomerCount(), s.size());
        assertEquals(4338, s.size());
        List<String> names = train.catalog().orElseThrow().names();
        Set<String> seen = new HashSet<>();
        for (CustomerProfile p : s.customers()) {
            assertEquals(names.get(p.segment()), p.segmentName(), p.id());
            assertTrue(Double.isFinite(p.clv()) && Double.isFinite(p.churnProbability()), p.toString());
            seen.add(p.segmentName());
        }
        assertEquals(new HashSet<>(names), seen);
        SegmentMovement m = s.movement().orElseThrow();
        assertEquals(train.size(), m.customers());
        assertTrue(m.moved() > 0 && m.moved() < m.customers(), m.toString());
        ScoreDrift d = s.drift().orElseThrow();
        assertEquals(train.modelFeatures().names(), d.features().features());
        for (double psi : d.features().psi()) {
            assertTrue(psi >= 0 && Double.isFinite(psi));
        }
        assertTrue(d.segmentPsi() > 0 && Double.isFinite(d.segmentPsi()), d.toString());
    }

    @Test
    void badBundlesAndDatesAreRefusedWithExactMessages() {
        SegmentationResult r = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(1)).run();
        ModelBundle b = r.models();
        ModelBundle noCatalog = ModelBundle.builder().put("encoder", b.get("encoder", Object.class))
                .put("rfm", b.get("rfm", Object.class)).put("segments", b.get("segments", Object.class)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(noCatalog));
        assertEquals("bundle must have the entries [encoder, rfm, segments, catalog, baseline] (a bundle saved by "
                + "run --save-models), found [encoder, rfm, segments]", e.getMessage());
        ModelBundle rfmCells = ModelBundle.builder().put("encoder", b.get("encoder", Object.class))
                .put("rfm", b.get("rfm", Object.class)).put("segments", b.get("rfm", Object.class))
                .put("catalog", b.get("catalog", Object.class)).put("baseline", b.get("baseline", Object.class))
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(rfmCells));
        assertEquals("bundle entry segments must be a kmeans or gaussian-mixture model, found RfmSegmenterModel",
                e.getMessage());
        LocalDate first = SIM.log().firstDateTime().toLocalDate();
        e = assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(b).score(SIM.log(), first));
        assertEquals("asOf must be after the first purchase date " + first + ", found " + first, e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(SIM.log()).segments(KMeans.builder().k(3)).previous(noCatalog).run());
        assertEquals("previous: bundle must have a catalog entry (a bundle saved by this version's "
                + "SegmentationResult.models()), found [encoder, rfm, segments]", e.getMessage());
        SegmentationResult cells = Segmentation.of(SIM.log()).segments(RfmSegmenter.builder()).run();
        e = assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(cells.models()));
        assertEquals("bundle entry segments must be a kmeans or gaussian-mixture model, found RfmSegmenterModel",
                e.getMessage());
    }

    @Test
    void linesWithoutTheCategoryOrChannelColumnOfTheBundlesSharesAreRefused() {
        // every share of a missing column would be 0 and customers would change segments without a word
        SegmentationResult r = Segmentation.of(SIM.log()).features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(3).seed(1)).run();
        BundleScorer scorer = BundleScorer.of(r.models());
        LocalDate asOf = SIM.log().lastDateTime().toLocalDate().plusDays(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(withoutColumn(SIM.log(), true), asOf));
        assertEquals("lines must have a category column (the bundle's segments use category shares; map it, e.g. "
                + "--category), found none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scorer.score(withoutColumn(SIM.log(), false), asOf));
        assertEquals("lines must have a channel column (the bundle's segments use channel shares; map it, e.g. "
                + "--channel), found none", e.getMessage());
        // a slice of lines that have the column (a Spark partition) is told so: its shares are 0, not refused
        BundleScorer.CustomerScores slice = scorer.scoreCustomers(withoutColumn(SIM.log(), true), asOf, true, false);
        assertEquals(SIM.log().activeCustomerCount(), slice.size());
        e = assertThrows(IllegalArgumentException.class, () -> scorer.checkColumns(true, false));
        assertEquals("lines must have a channel column (the bundle's segments use channel shares; map it, e.g. "
                + "--channel), found none", e.getMessage());
        scorer.checkColumns(true, true);
    }

    @Test
    void driftFromCountsPerSegmentIsTheScorersAndBadCountsAreRefused() {
        SegmentationResult r = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(1)).run();
        BundleScorer scorer = BundleScorer.of(r.models());
        LocalDate asOf = SIM.log().lastDateTime().toLocalDate().minusDays(60);
        SegmentationResult window = scorer.score(SIM.log(), asOf);
        ScoreDrift expected = window.drift().orElseThrow();
        long[] perSegment = new long[3];
        for (int s : window.segmentLabels()) {
            perSegment[s]++;
        }
        SegmentCatalog catalog = r.catalog().orElseThrow();
        ScoreDrift fromCounts = ScoreDrift.of(expected.features(), catalog, perSegment, 1e-4);
        assertEquals(Double.doubleToLongBits(expected.segmentPsi()), Double.doubleToLongBits(fromCounts.segmentPsi()));
        assertTrue(expected.segmentPsi() > 0, expected::toString);
        assertEquals(java.util.Arrays.toString(expected.windowShares()),
                java.util.Arrays.toString(fromCounts.windowShares()));
        assertEquals("customersPerSegment length must be 3 (one per segment), found 2", assertThrows(
                IllegalArgumentException.class, () -> ScoreDrift.of(expected.features(), catalog, new long[2], 1e-4))
                .getMessage());
        assertEquals("customersPerSegment[1] must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> ScoreDrift.of(expected.features(), catalog, new long[] {1, -1, 0}, 1e-4)).getMessage());
        assertEquals("customersPerSegment must sum to >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> ScoreDrift.of(expected.features(), catalog, new long[3], 1e-4)).getMessage());
    }

    /** The log's lines without their categories ({@code category}) or without their channels. */
    private static TransactionLog withoutColumn(TransactionLog log, boolean category) {
        TransactionLog.Builder b = TransactionLog.builder();
        for (int r = 0; r < log.size(); r++) {
            b.add(log.customerId(log.customer(r)), log.invoiceId(log.invoice(r)), log.itemId(log.item(r)),
                    log.epochSecond(r), log.quantity(r), log.amount(r),
                    category ? log.channelId(log.channel(r)) : null,
                    category ? null : log.categoryId(log.category(r)));
        }
        return b.build();
    }
}
