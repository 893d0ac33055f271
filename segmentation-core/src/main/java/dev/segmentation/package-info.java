/**
 * Root of the segmentation library: shared exception types.
 *
 * <p>The library turns a retailer's transactions into customer segments, churn risk, lifetime value and
 * recommendations. Data types live in {@code dev.segmentation.data}, customer features and encoders in
 * {@code dev.segmentation.features}; the models are in the {@code segmentation-models} module.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation;
