/**
 * Evaluation of binary classifiers and scores, shared by every model that predicts a probability: ROC AUC,
 * average precision, log loss, Brier score, confusion counts at a threshold, gains and lift by decile,
 * calibration tables ({@link dev.segmentation.eval.BinaryMetrics}), seeded stratified k-fold
 * cross-validation ({@link dev.segmentation.eval.CrossValidation}) and a campaign-profit threshold chooser
 * ({@link dev.segmentation.eval.ProfitThreshold}).
 *
 * <p><b>The cross-validation seam.</b> {@link dev.segmentation.eval.CrossValidation#outOfFold} is the library's
 * one k-fold loop, over any data type, and {@link dev.segmentation.eval.Learner} its one learner interface:
 * {@link dev.segmentation.eval.BinaryLearner} for dense rows, and the text learners of
 * {@code dev.segmentation.text.TextCrossValidation} for sparse rows and raw texts. To cross-validate a new kind
 * of data, give the loop a row selector and a learner for it.
 */
package dev.segmentation.eval;
