/**
 * The fluent pipeline: {@link dev.segmentation.pipeline.Segmentation} composes the library's trainers, from a
 * {@link dev.segmentation.data.TransactionLog} through customer features, segments, churn, lifetime value and
 * recommendations, into one {@link dev.segmentation.pipeline.SegmentationResult}.
 *
 * <p>The pipeline uses only the public control tier of the other packages (style G1): each stage is
 * configured with the model's own builder, so anything the pipeline does can be done by hand, one model at a
 * time.
 *
 * <p>Null is never accepted as an argument and never returned.
 */
package dev.segmentation.pipeline;
