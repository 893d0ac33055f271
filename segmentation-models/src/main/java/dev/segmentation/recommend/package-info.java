/**
 * Recommendations from implicit feedback (issue 6): a customer x item {@link dev.segmentation.recommend.InteractionMatrix}
 * built from a transaction log, the {@link dev.segmentation.recommend.Recommender} surface, a popularity baseline
 * ({@link dev.segmentation.recommend.Popularity}), item-item cosine kNN ({@link dev.segmentation.recommend.ItemKnn})
 * and ranking evaluation with a temporal split ({@link dev.segmentation.recommend.RankingMetrics},
 * {@link dev.segmentation.recommend.TemporalSplit}). Null is never accepted or returned.
 */
package dev.segmentation.recommend;
