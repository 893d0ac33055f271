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
 * <p><b>The lifetime-value seam.</b> A {@link dev.segmentation.clv.LifetimeValueTrainer} fits a
 * {@link dev.segmentation.clv.LifetimeValueModel} on a transaction log as of a date; the model gives per customer
 * P(alive), the expected purchases over a horizon and the discounted CLV (one customer, or a
 * {@link dev.segmentation.features.BtydSummary} in bulk). The pipeline ({@code Segmentation.lifetimeValue(trainer)}),
 * the bundle scorer and the streaming {@code CustomerScorer} all score through the model, so one customer gets one
 * CLV whatever the entry point. The library's model is {@link dev.segmentation.clv.BtydLifetimeValueModel}: any
 * {@link dev.segmentation.clv.BtydModel} (BG/NBD, MBG/NBD, Pareto/NBD) with Gamma-Gamma, valued by
 * {@link dev.segmentation.clv.Clv} at the spend per purchase {@code E[Z | x, zbar]}
 * ({@link dev.segmentation.clv.Clv#spendPerPurchase(GammaGammaModel, double, double)}); its trainer is
 * {@code dev.segmentation.pipeline.LifetimeValue}. Another family implements the two interfaces in its own package
 * (its CLV can use {@link dev.segmentation.clv.Clv#customerValue(java.time.Duration, double, Clv.PurchaseCurve)} for
 * the same discounting) and is put in the stage with {@code LifetimeValue.of(trainer)}; a pipeline bundle holds its
 * model as the {@code lifetimeValue} entry (the BTYD model as {@code transactions} and {@code spend}). The tests'
 * {@code ExampleLifetimeValueFamilyTest} adds a {@code FlatRate} family this way.
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
