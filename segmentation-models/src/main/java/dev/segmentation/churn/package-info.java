/**
 * Churn prediction: {@link dev.segmentation.churn.LogisticRegression} (Newton/IRLS or L-BFGS, L2, weights,
 * inference, separation checks), {@link dev.segmentation.churn.ChurnLabeler} (labels "no purchase within a
 * horizon after a cut-off" with features strictly from before it) and a loader for the IBM Telco churn
 * sample ({@link dev.segmentation.churn.TelcoChurn}). Evaluation lives in {@link dev.segmentation.eval}.
 */
package dev.segmentation.churn;
