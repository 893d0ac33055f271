/**
 * Evaluation of binary classifiers and scores, shared by every model that predicts a probability: ROC AUC,
 * average precision, log loss, Brier score, confusion counts at a threshold, gains and lift by decile,
 * calibration tables ({@link dev.segmentation.eval.BinaryMetrics}), seeded stratified k-fold
 * cross-validation ({@link dev.segmentation.eval.CrossValidation}) and a campaign-profit threshold chooser
 * ({@link dev.segmentation.eval.ProfitThreshold}).
 */
package dev.segmentation.eval;
