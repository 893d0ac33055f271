/**
 * Churn prediction: {@link dev.segmentation.churn.LogisticRegression} (Newton/IRLS or L-BFGS, L2, weights,
 * inference, separation checks), {@link dev.segmentation.churn.ChurnLabeler} (labels "no purchase within a
 * horizon after a cut-off" with features strictly from before it) and a loader for the IBM Telco churn
 * sample ({@link dev.segmentation.churn.TelcoChurn}). Evaluation lives in {@link dev.segmentation.eval}.
 *
 * <p><b>The churn seam.</b> {@link dev.segmentation.churn.ChurnTrainer} (fits on labelled rows) and
 * {@link dev.segmentation.churn.ChurnModel} (P(churn) of a row) are what the pipeline and the streaming scorer
 * use; logistic regression implements them. To add a churn model, implement both. Sparse rows
 * ({@link dev.segmentation.features.SparseMatrix}) come from core {@code features}, not from {@code text}.
 *
 * <p><b>Adding a model family</b> touches its own package and one registration line: implement the seam's trainer
 * and model interfaces (and {@link dev.segmentation.FittedModel}) in the family's package, pass the trainer to the
 * pipeline stage, and, to have it saved, register its type once in {@code dev.segmentation.persist}
 * ({@code ModelType.of(name, class, writer, reader)}). The tests' {@code ExampleFamilyTest} does exactly this
 * for a two-segment {@code MedianSplit} defined in a test package.
 *
 * <p><b>The partition seam.</b> A dense logistic fit's data passes are public mergeable statistics:
 * {@link dev.segmentation.churn.LogisticMoments} (standardization, once) and
 * {@link dev.segmentation.churn.LogisticStats} (loss, gradient, Hessian at a
 * {@link dev.segmentation.churn.LogisticPass}), computed per chunk and merged in chunk order;
 * {@link dev.segmentation.churn.LogisticRegression#fit(dev.segmentation.churn.LogisticChunks, String)} runs the
 * trainer's solvers on chunks held elsewhere (Spark's {@code SparkLogisticRegression}). To put another
 * trainer on this seam, give its per-chunk statistics {@code accumulate}, {@code merge} and an {@code empty}
 * identity, and make the trainer reduce its own chunks with them (in chunk order), so that the single-machine fit
 * and the partitioned one are the same computation.
 */
package dev.segmentation.churn;
