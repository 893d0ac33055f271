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
 * <p><b>The lifetime-value seam.</b> A transaction model is any {@link dev.segmentation.clv.BtydModel} (expected
 * purchases, P(alive), its time unit); the pipeline's lifetime-value stage takes it through a trainer it is
 * given (see {@code dev.segmentation.pipeline}), so a new transaction model needs no change outside its package. The spend model is Gamma-Gamma, and the CLV of
 * every entry point is computed in one place ({@link dev.segmentation.clv.Clv}).
 *
 * <p><b>The partition seam.</b> The data pass of every fit here is a mergeable statistic: a
 * {@link dev.segmentation.clv.BtydHistogram} per partition ({@code of(summary)}), combined with
 * {@link dev.segmentation.clv.BtydHistogram#merge merge}, fitted with {@code fit(histogram)}; for the spend
 * model {@link dev.segmentation.clv.GammaGammaStats} ({@code accumulate}, {@code merge},
 * {@link dev.segmentation.clv.GammaGamma#fit(dev.segmentation.clv.GammaGammaStats)}). Both are integer-weighted
 * and sorted, so any partitioning gives the same fit bit for bit. A new likelihood joins the seam by fitting from
 * one of these statistics (or its own with the same three methods); the optimizer and its Newton polish are the
 * shared {@link dev.segmentation.math.Bfgs} and {@link dev.segmentation.math.Cholesky}.
 *
 * <p><b>Adding a model family</b> touches its own package and one registration line: implement the seam's trainer
 * and model interfaces (and {@link dev.segmentation.FittedModel}) in the family's package, pass the trainer to the
 * pipeline stage, and, to have it saved, register its type once in {@code dev.segmentation.persist}
 * ({@code ModelType.of(name, class, writer, reader)}). The tests' {@code ExampleFamilyTest} does exactly this
 * for a two-segment {@code MedianSplit} defined in a test package.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.clv;
