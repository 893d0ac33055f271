package dev.segmentation.pipeline;

import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.Recommender;

/**
 * The recommendations stage's seam: anything that fits a {@link Recommender} on an
 * {@link InteractionMatrix}. The built-in trainers plug in by method reference, e.g.
 * {@code ItemKnn.builder().neighbors(50).build()::fit}, and so does any other trainer with a
 * {@code fit(InteractionMatrix)} method.
 */
@FunctionalInterface
public interface RecommenderTrainer {
    /**
     * Fits a recommender.
     *
     * @param matrix the customer x item interactions; customer and item indices are those of the pipeline's
     *     transaction log. Not modified.
     * @return the fitted recommender, immutable and safe for concurrent use
     */
    Recommender fit(InteractionMatrix matrix);
}
