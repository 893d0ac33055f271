/**
 * Customer lifetime value: "buy till you die" transaction models (BG/NBD, MBG/NBD, Pareto/NBD) behind the
 * common {@link dev.segmentation.clv.BtydModel} interface, the Gamma-Gamma spend model, discounted CLV with
 * explicit time units ({@link dev.segmentation.clv.Clv}, {@link dev.segmentation.clv.TimeUnits}) and
 * calibration/holdout evaluation ({@link dev.segmentation.clv.BtydEvaluation}).
 *
 * <p>Trainers ({@link dev.segmentation.clv.BgNbd}, {@link dev.segmentation.clv.ModifiedBgNbd},
 * {@link dev.segmentation.clv.ParetoNbd}, {@link dev.segmentation.clv.GammaGamma}) are built by builders, are
 * immutable and deterministic, and fit by maximum likelihood over log-parameters with analytic gradients.
 * The transaction models fit a weighted {@link dev.segmentation.clv.BtydHistogram} of distinct
 * (frequency, recency, T) triples, which is also the seam for distributed fitting.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.clv;
