package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a bundle whose recommender is item kNN's neighbour-list form (as a Spark run saves it, without the
 * training customers) recommends from the scored lines' histories, and on the training lines gives the pipeline's
 * own top items bit for bit.
 */
class BundleScorerNeighborListsTest {
    private static final SimulatedRetail SIM = RetailSimulator.builder().customers(1500).seed(8).threads(2).build()
            .generate();

    /** The pipeline's bundle with the recommender in its neighbour-list form and no recommender customers. */
    static ModelBundle withNeighborLists(ModelBundle fitted) {
        ModelBundle.Builder b = ModelBundle.builder();
        for (Map.Entry<String, Object> e : fitted.models().entrySet()) {
            Object m = e.getValue();
            if (m instanceof ItemKnnModel knn) {
                m = knn.neighborLists(InteractionMatrix.Weighting.BINARY, false);
            } else if (m instanceof SegmentCatalog c) {
                m = SegmentCatalog.of(c.features(), c.segments(), c.customers(), c.labels(), c.asOf(),
                        c.churnHorizonDays(), c.clvHorizon(), c.annualDiscountRate(), c.topN(), new String[0],
                        c.recommenderItems());
            }
            b.put(e.getKey(), m);
        }
        return b.build();
    }

    @Test
    void theNeighbourListBundleGivesThePipelinesTopItemsBitForBit() {
        SegmentationResult r = Segmentation.of(SIM.log()).segments(KMeans.builder().k(4).seed(3))
                .recommend(ItemKnn.builder().neighbors(30), 7).run();
        ModelBundle bundle = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(withNeighborLists(r.models())));
        SegmentationResult s = BundleScorer.of(bundle).score(SIM.log(), r.asOf());
        assertEquals(r.size(), s.size());
        int nonEmpty = 0;
        for (int i = 0; i < r.size(); i++) {
            assertEquals(r.customer(i).id(), s.customer(i).id());
            assertEquals(r.customer(i).topItems(), s.customer(i).topItems(), r.customer(i).id());
            nonEmpty += r.customer(i).topItems().isEmpty() ? 0 : 1;
        }
        assertEquals(r.size(), nonEmpty);
        BundleScorer scorer = BundleScorer.of(bundle);
        BundleScorerTest.assertSameScores(s, scorer.scoreCustomers(SIM.log(), r.asOf()), scorer.catalog());

        // lines of customers the bundle never saw: recommended for from their own lines, where the full model
        // (which knows only its training customers) gives nothing
        TransactionLog.Builder renamed = TransactionLog.builder();
        TransactionLog log = SIM.log();
        for (int row = 0; row < log.size(); row++) {
            int item = log.item(row);
            renamed.add("new-" + log.customerId(log.customer(row)), null, item < 0 ? null : log.itemId(item),
                    log.epochSecond(row), log.quantity(row), log.amount(row), null, null);
        }
        SegmentationResult fresh = BundleScorer.of(bundle).score(renamed.build(), r.asOf());
        SegmentationResult full = BundleScorer.of(r.models()).score(renamed.build(), r.asOf());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(s.customer(i).topItems(), fresh.customer(i).topItems(), fresh.customer(i).id());
            assertTrue(full.customer(i).topItems().isEmpty());
        }
        assertFalse(fresh.customer(0).topItems().isEmpty());
        BundleScorerTest.assertSameScores(fresh, scorer.scoreCustomers(renamed.build(), r.asOf()), scorer.catalog());
    }

    @Test
    void aCatalogWhoseItemsDoNotMatchTheRecommenderIsRefused() {
        SegmentationResult r = Segmentation.of(SIM.log()).segments(KMeans.builder().k(3).seed(3))
                .recommend(ItemKnn.builder().neighbors(5), 3).run();
        ModelBundle b = withNeighborLists(r.models());
        SegmentCatalog c = (SegmentCatalog) b.models().get("catalog");
        ModelBundle.Builder bad = ModelBundle.builder();
        b.models().forEach((k, v) -> bad.put(k, k.equals("catalog") ? SegmentCatalog.of(c.features(), c.segments(),
                c.customers(), c.labels(), c.asOf(), c.churnHorizonDays(), c.clvHorizon(), c.annualDiscountRate(),
                c.topN(), new String[0], new String[] {"a", "b"}) : v));
        int items = c.recommenderItems().length;
        assertEquals("bundle entry catalog recommenderItems must have " + items
                + " ids (one per item of the recommender), found 2",
                assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(bad.build())).getMessage());
    }
}
