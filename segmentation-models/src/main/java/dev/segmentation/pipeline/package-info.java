/**
 * The fluent pipeline: {@link dev.segmentation.pipeline.Segmentation} composes the library's trainers, from a
 * {@link dev.segmentation.data.TransactionLog} through customer features, segments, churn, lifetime value and
 * recommendations, into one {@link dev.segmentation.pipeline.SegmentationResult}.
 *
 * <p>The pipeline uses only the public control tier of the other packages (style G1): each stage is
 * configured with the model's own builder, so anything the pipeline does can be done by hand, one model at a
 * time.
 *
 * <p>{@link dev.segmentation.pipeline.SegmentationResult#models()} gathers every fitted model of a run into one
 * {@link dev.segmentation.persist.ModelBundle}, saved and loaded with {@link dev.segmentation.persist.ModelJson},
 * so that a service can score customers with the same models later.
 *
 * <p>Null is never accepted as an argument and never returned.
 */
package dev.segmentation.pipeline;
