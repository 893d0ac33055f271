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
 * <p><b>The partition seam.</b> A dense logistic fit's data passes are public mergeable statistics:
 * {@link dev.segmentation.churn.LogisticMoments} (standardization, once) and
 * {@link dev.segmentation.churn.LogisticStats} (loss, gradient, Hessian at a
 * {@link dev.segmentation.churn.LogisticPass}), computed per chunk and merged in chunk order;
 * {@link dev.segmentation.churn.LogisticRegression#fit(dev.segmentation.churn.LogisticChunks, String)} runs the
 * trainer's solvers on chunks held elsewhere (Spark's {@code SparkLogisticRegression}).
 */
package dev.segmentation.churn;
