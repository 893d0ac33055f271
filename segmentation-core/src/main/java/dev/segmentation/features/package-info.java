/**
 * Customer features: BTYD and marketing RFM summaries, behavioural features, the
 * {@link dev.segmentation.features.FeatureMatrix} and fitted encoders (standardize, min-max, robust, log1p,
 * one-hot, quantile bins).
 *
 * <p><b>Mergeable statistics.</b> The encoders whose data pass is a reduction fit through public statistics that a
 * chunk of rows computes and a driver merges: {@link dev.segmentation.features.ColumnMoments} (count and sums of
 * deviations and squared deviations per column, {@link dev.segmentation.features.Standardizer}'s two passes) and
 * {@link dev.segmentation.features.ValueCounts} (distinct value to count,
 * {@link dev.segmentation.features.QuantileBinner}'s edges), and one per trainer for the other encoders:
 * {@link dev.segmentation.features.MinMaxScalerStats} (minimum and maximum per column),
 * {@link dev.segmentation.features.RobustScalerStats} (exact value counts per column, from which the median and
 * quantiles are read without rank error; memory in the number of distinct values) and
 * {@link dev.segmentation.features.OneHotEncoderStats} (category counts in first-appearance order), each with
 * {@code accumulate(chunk, ...)}, {@code merge} and the trainer's {@code fit(stats)}. The single-JVM {@code fit} is
 * the one-chunk case; {@code segmentation-spark} merges the first two per partition. To add one: an immutable class
 * with a static {@code accumulate}/{@code of} for a chunk, {@code merge} (merged in chunk order when rounding or a
 * first-seen order can make it order-dependent), and the trainer's update from the merged statistic, used by its own
 * {@code fit}.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.features;
