/**
 * Not API: hooks that let the library's own modules reach internals without copying. May change or vanish
 * in any release; left out of the javadoc.
 *
 * <p>Two of these are seams every trainer uses: {@link dev.segmentation.internal.ParamChecks}, the one set of
 * argument checks with the one wording ({@code "<param> must be <constraint>, found <value>"}), and
 * {@link dev.segmentation.internal.ChunkRunner}, the one deterministic parallel loop (fixed chunks whose bounds
 * depend only on the row count, results merged in chunk order, one failure and interrupt policy), so that a fit
 * is bit-identical for every thread count. A new trainer checks its builder with {@code ParamChecks} and runs its
 * data pass through {@code ChunkRunner}, merging its chunk statistics in order; it adds nothing here. Code goes
 * here only when two modules need it and it must not be API.
 */
package dev.segmentation.internal;
