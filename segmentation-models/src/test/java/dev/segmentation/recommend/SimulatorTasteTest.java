package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth (issue 6, must show): on a {@link RetailSimulator} log, item kNN and implicit ALS recommendations fall in the
 * categories the customer's true segment favours more often than the popularity list does. The measure is the
 * mean, over customers and recommended items, of the segment's normalized taste weight of the item's category.
 * Measured (3,000 customers, seed 7, seen items excluded): item kNN 0.2127, implicit ALS (16 factors, 10
 * iterations, other settings default) 0.2031, popularity 0.1392; the assertions ask for a 10% margin.
 */
class SimulatorTasteTest {
    @Test
    void itemKnnFavoursTheSegmentsTaste() {
        SimulatedRetail sim = RetailSimulator.builder().customers(3000).seed(7).build().generate();
        TransactionLog log = sim.log();
        List<String> categories = sim.simulator().categories();
        int[] itemCategory = new int[log.itemCount()];
        for (int r = 0; r < log.size(); r++) {
            if (log.item(r) >= 0) {
                itemCategory[log.item(r)] = categories.indexOf(log.categoryId(log.category(r)));
            }
        }
        InteractionMatrix x = InteractionMatrix.builder().build(log);
        Recommender knn = ItemKnn.builder().build().fit(x);
        Recommender pop = Popularity.builder().build().fit(x);
        Recommender als = ImplicitAls.builder().factors(16).iterations(10).build().fit(x);
        double alsTaste = 0;
        double knnTaste = 0;
        double popTaste = 0;
        int lists = 0;
        for (int c = 0; c < x.customers(); c++) {
            if (x.itemsOf(c).length == 0) {
                continue;
            }
            double[] taste = sim.segments().get(sim.segment(c)).categoryTaste();
            if (taste.length == 0) {
                continue;
            }
            double total = 0;
            for (double t : taste) {
                total += t;
            }
            for (int j : knn.recommend(c, 10, true)) {
                knnTaste += taste[itemCategory[j]] / total / 10;
            }
            for (int j : als.recommend(c, 10, true)) {
                alsTaste += taste[itemCategory[j]] / total / 10;
            }
            for (int j : pop.recommend(c, 10, true)) {
                popTaste += taste[itemCategory[j]] / total / 10;
            }
            lists++;
        }
        assertTrue(lists > 1000, "customers with a taste: " + lists);
        knnTaste /= lists;
        popTaste /= lists;
        alsTaste /= lists;
        assertTrue(knnTaste > popTaste * 1.1, "kNN " + knnTaste + " vs popularity " + popTaste);
        assertTrue(alsTaste > popTaste * 1.1, "ALS " + alsTaste + " vs popularity " + popTaste);
    }
}
