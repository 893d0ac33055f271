/**
 * Progress reporting and cooperative cancellation for long runs.
 *
 * <p>A {@link dev.segmentation.progress.ProgressListener} receives a stage name and the fraction of that
 * stage done; a {@link dev.segmentation.progress.CancellationToken} is checked by the library between chunks
 * and iterations, and a run whose token was cancelled stops with a
 * {@link dev.segmentation.progress.CancelledException}. Both are optional options of the pipeline, never
 * persisted with a model (style G12).
 *
 * <p>Null is never accepted as an argument and never returned.
 */
package dev.segmentation.progress;
