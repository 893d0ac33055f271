/**
 * Drift between the data a model was fitted on and a new window, to tell when to refit: the population stability
 * index (PSI) per feature ({@link dev.segmentation.drift.PopulationStability}) and for segment shares
 * ({@link dev.segmentation.drift.PopulationStability#segmentIndex}), read against the customary thresholds 0.1 and
 * 0.25 ({@link dev.segmentation.drift.Drift}).
 */
package dev.segmentation.drift;
