/**
 * Recommendations from implicit feedback (issue 6): a customer x item {@link dev.segmentation.recommend.InteractionMatrix}
 * built from a transaction log, the {@link dev.segmentation.recommend.Recommender} surface, a popularity baseline
 * ({@link dev.segmentation.recommend.Popularity}), item-item cosine kNN ({@link dev.segmentation.recommend.ItemKnn})
 * and ranking evaluation with a temporal split ({@link dev.segmentation.recommend.RankingMetrics},
 * {@link dev.segmentation.recommend.TemporalSplit}), implicit ALS ({@link dev.segmentation.recommend.ImplicitAls})
 * and segment popularity. Null is never accepted or returned.
 *
 * <p><b>The recommender seam.</b> {@link dev.segmentation.recommend.Recommender} (top-n lists for a customer,
 * seen items excluded or not) is what the pipeline, the evaluation and the command line use;
 * {@code dev.segmentation.pipeline.RecommenderTrainer} fits one from an
 * {@link dev.segmentation.recommend.InteractionMatrix}. Popularity, item kNN, implicit ALS and segment popularity
 * implement it; to add a recommender, implement both in its own package. The seam also says why an item is listed
 * ({@link dev.segmentation.recommend.Recommender#recommendation(int, int)}: a
 * {@link dev.segmentation.recommend.Recommendation} with its reason as fields; popularity by default) and which
 * interactions the model was fitted on ({@code trainingMatrix()}), so that callers need not test model classes;
 * {@link dev.segmentation.recommend.RecommendationLists} gives the explained top-n lists a report or the command
 * line prints, completed by the customer's segment's (or the global) popularity ranking.
 *
 * <p><b>The partition seam.</b> Item kNN's data pass is public:
 * {@link dev.segmentation.recommend.CooccurrenceStats} holds, for a block of items, the co-occurrence counts
 * (long) and dot products with every other item over a chunk of customers ({@code accumulate}), merged in chunk
 * order ({@code merge}, with {@code empty} as identity); {@link dev.segmentation.recommend.ItemKnn#neighbors
 * ItemKnn.neighbors} selects an item's neighbours from the merged sums, exactly as
 * {@link dev.segmentation.recommend.ItemKnn#fit} does with the same per-item pass. Implicit ALS solves its rows
 * with the shared {@link dev.segmentation.math.Cholesky} kernels.
 *
 * <p><b>Adding a model family</b> touches its own package and one registration line: implement the seam's trainer
 * and model interfaces (and {@link dev.segmentation.FittedModel}) in the family's package, pass the trainer to the
 * pipeline stage, and, to have it saved, register its type once in {@code dev.segmentation.persist}
 * ({@code ModelType.of(name, class, writer, reader)}). The tests' {@code ExampleFamilyTest} does exactly this
 * for a two-segment {@code MedianSplit} defined in a test package.
 */
package dev.segmentation.recommend;
