/**
 * Embedding benchmarks (issue 8): scoring one customer, event update plus re-score, and the heap of one million
 * customer states. No peer library offers this path, so there is no {@code impl} parameter.
 */
package dev.segmentation.bench.embed;
