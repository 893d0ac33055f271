/**
 * Customer features: BTYD and marketing RFM summaries, behavioural features, the
 * {@link dev.segmentation.features.FeatureMatrix} and fitted encoders (standardize, min-max, robust, log1p,
 * one-hot, quantile bins).
 *
 * <p><b>Mergeable statistics.</b> The encoders whose data pass is a reduction fit through public statistics that a
 * chunk of rows computes and a driver merges: {@link dev.segmentation.features.ColumnMoments} (count and sums of
 * deviations and squared deviations per column, {@link dev.segmentation.features.Standardizer}'s two passes) and
 * {@link dev.segmentation.features.ValueCounts} (distinct value to count,
 * {@link dev.segmentation.features.QuantileBinner}'s edges). The single-JVM {@code fit} is the one-chunk case;
 * {@code segmentation-spark} merges them per partition. To add one: an immutable class with a static
 * {@code accumulate}/{@code of} for a chunk, {@code merge} (merged in chunk order when rounding can make it
 * order-dependent), and the trainer's update from the merged statistic, used by its own {@code fit}.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.features;
