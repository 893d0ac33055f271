/**
 * Customer features: BTYD and marketing RFM summaries, behavioural features, the
 * {@link dev.segmentation.features.FeatureMatrix} and fitted encoders (standardize, min-max, robust, log1p,
 * one-hot, quantile bins).
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.features;
