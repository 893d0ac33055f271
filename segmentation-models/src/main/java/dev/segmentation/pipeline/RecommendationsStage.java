package dev.segmentation.pipeline;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;

/**
 * The recommendations stage of {@link Segmentation#run()}: the configured trainer on the interaction matrix of the
 * observed log, then the top n unseen items per customer, in chunks of {@link Segmentation#CHUNK} on the
 * pipeline's threads. Not API.
 */
final class RecommendationsStage {
    private RecommendationsStage() {
    }

    /** Runs the stage. */
    static void run(RunState r) {
        RunPlan plan = r.plan;
        TransactionLog observed = r.observed;
        int n = r.table.size();
        int topN = plan.topN;
        long t0 = plan.start("recommendations");
        InteractionMatrix matrix = plan.interactions.build(observed);
        Recommender model = plan.recommender.fit(matrix);
        plan.cancellation.check("recommendations");
        String[][] lists = new String[n][];
        // the listener hears from the calling thread only: between batches of chunks
        plan.forEachRow("recommendations", n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int[] items = model.recommend(observed.customerIndex(r.table.id(i)), topN, true);
                String[] ids = new String[items.length];
                for (int j = 0; j < items.length; j++) {
                    ids[j] = observed.itemId(items[j]);
                }
                lists[i] = ids;
            }
            return null;
        });
        List<List<String>> topItems = new ArrayList<>(n);
        for (String[] ids : lists) {
            topItems.add(List.of(ids));
        }
        r.topItems = topItems;
        r.models.recommender = model;
        plan.end("recommendations", t0, r.timings);
    }
}
