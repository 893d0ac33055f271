/**
 * Not API: primitive sorts that more than one package or module needs (the lifetime-value histograms and value
 * index in {@code clv}, the metrics in {@code eval}, the robust scaler's statistics in {@code features}), written
 * once. Lives in {@code segmentation-core} so that both modules can use it. May change or vanish in any release;
 * left out of the javadoc.
 */
package dev.segmentation.internal.sort;
