/**
 * The fluent pipeline: {@link dev.segmentation.pipeline.Segmentation} composes the library's trainers, from a
 * {@link dev.segmentation.data.TransactionLog} through customer features, segments, churn, lifetime value and
 * recommendations, into one {@link dev.segmentation.pipeline.SegmentationResult}.
 *
 * <p>The pipeline uses only the public control tier of the other packages (style G1): each stage is
 * configured with the model's own builder, so anything the pipeline does can be done by hand, one model at a
 * time.
 *
 * <p>{@link dev.segmentation.pipeline.SegmentationResult#models()} gathers every fitted model of a run into one
 * {@link dev.segmentation.persist.ModelBundle}, saved and loaded with {@link dev.segmentation.persist.ModelJson},
 * so that a service can score customers with the same models later.
 *
 * <h2>Seams: how to add a model</h2>
 * Each model family the pipeline runs is reached through one trainer interface and one fitted-model interface;
 * the pipeline, {@link dev.segmentation.pipeline.SegmentationResult}, {@link dev.segmentation.pipeline.BundleScorer}
 * and {@link dev.segmentation.streaming.CustomerScorer} name only these:
 * <ul>
 *   <li>segments: {@link dev.segmentation.cluster.Segmenter} fits a {@link dev.segmentation.cluster.ClusterModel}
 *   (k, column names, the segment of a row, a centre per segment) on the encoded features;
 *   {@link dev.segmentation.pipeline.Segmentation#segments(dev.segmentation.cluster.Segmenter)};</li>
 *   <li>churn: {@link dev.segmentation.churn.ChurnTrainer} fits a {@link dev.segmentation.churn.ChurnModel}
 *   (P(churn) of a row) on the labelled churn features;
 *   {@link dev.segmentation.pipeline.Segmentation#churn(int, dev.segmentation.churn.ChurnTrainer)};</li>
 *   <li>lifetime value: {@link dev.segmentation.clv.LifetimeValueTrainer} fits a
 *   {@link dev.segmentation.clv.LifetimeValueModel} (P(alive), expected purchases and CLV of a customer's BTYD
 *   summary) on the log; {@link dev.segmentation.pipeline.Segmentation#lifetimeValue(
 *   dev.segmentation.clv.LifetimeValueTrainer)}. {@link dev.segmentation.pipeline.LifetimeValue} is the library's
 *   trainer (a BTYD transaction model, given or chosen on a holdout, with Gamma-Gamma:
 *   {@link dev.segmentation.clv.BtydLifetimeValueModel}) and, with {@code LifetimeValue.of(trainer)}, gives another
 *   family's trainer the stage's horizon and discount rate. The CLV of every entry point comes from the model (the
 *   pipeline and the bundle scorer through one package-private {@code CustomerValues}, the streaming scorer per
 *   customer);</li>
 *   <li>recommendations: {@link dev.segmentation.pipeline.RecommenderTrainer} fits a
 *   {@link dev.segmentation.recommend.Recommender}.</li>
 * </ul>
 * To add a model: implement the trainer and fitted-model interfaces in the model's own package and pass the
 * trainer to the stage. Nothing in this package changes. To have the model saved in the bundle (entries
 * {@code encoder, rfm, segments, churn, transactions, spend} or {@code lifetimeValue}, {@code recommender,
 * catalog, baseline}), register its type once in {@code dev.segmentation.persist}; a segmenter, churn model or recommender of
 * an unregistered type runs every stage but is left out of the bundle, and another family's lifetime-value model is
 * put in the bundle, which then needs its type registered to be written.
 *
 * <h2>Run structure</h2>
 * {@link dev.segmentation.pipeline.Segmentation} is the builder and the orchestration:
 * {@link dev.segmentation.pipeline.Segmentation#run()} validates the whole configuration first (package-private
 * {@code RunPlan}), then runs one stage after the other (features, segments, lifetime value, churn,
 * recommendations, summaries) over one run state ({@code RunState}); each stage but segments is a package-private
 * class of its own ({@code FeaturesStage}, {@code LifetimeValueStage}, {@code ChurnStage},
 * {@code RecommendationsStage}, {@code SummariesStage}), and {@code ResultCsv} writes the result's CSV files.
 *
 * <p>Null is never accepted as an argument and never returned.
 */
package dev.segmentation.pipeline;
