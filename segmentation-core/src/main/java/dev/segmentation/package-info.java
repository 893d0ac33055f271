/**
 * Root of the segmentation library: shared exception types and the root of every fitted model,
 * {@link dev.segmentation.FittedModel} with its {@link dev.segmentation.Provenance} record.
 *
 * <p>The library turns a retailer's transactions into customer segments, churn risk, lifetime value and
 * recommendations. Data types live in {@code dev.segmentation.data}, customer features and encoders in
 * {@code dev.segmentation.features}; the models are in the {@code segmentation-models} module.
 *
 * <p>Every fitted model class implements {@code FittedModel}: its trainer ends {@code fit} with
 * {@code .withProvenance(Provenance.builder(this).data(x).iterations(n, converged).build())} (or
 * {@code .notIterative()}), and {@code dev.segmentation.persist} writes and reads that record for every type (see
 * that package for adding a persistable model).
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation;
