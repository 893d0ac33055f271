/**
 * Not API: primitive sorts that more than one package of {@code segmentation-models} needs (the lifetime-value
 * histograms and value index in {@code clv}, the metrics in {@code eval}), written once. May change or vanish in
 * any release; left out of the javadoc.
 */
package dev.segmentation.internal.sort;
