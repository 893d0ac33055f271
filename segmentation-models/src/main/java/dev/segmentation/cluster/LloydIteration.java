package dev.segmentation.cluster;

/**
 * What one Lloyd iteration of a k-means fit did, for diagnostics and for measuring the distance bounds.
 *
 * <p>Iteration t assigns every row to a centre of iteration t - 1 and then moves each centre to the weighted
 * mean of its rows. {@code inertia} is the weighted sum of squared distances of the assignment of iteration t
 * to the centres it was made with, so the sequence never increases (Lloyd 1982; an empty cluster's re-seeding
 * also lowers it). From iteration 2 on it is computed from the per-cluster sufficient statistics (sums and
 * squared norms centred on the column means) rather than from the rows, which agrees with the direct sum to
 * about 1e-15 of the total sum of squares about the column means (so a difference of that size between
 * iterations is rounding); the model's {@link KMeansModel#inertia()} is always recomputed from the rows.
 *
 * <p>A row whose bounds hold costs no distance ({@code k} skipped); a row whose bound must be rechecked costs
 * one ({@code k - 1} skipped if it then holds, else {@code k} more). So
 * {@code distancesComputed + distancesSkipped} is at least n k, and iteration 1 computes all n k.
 *
 * @param iteration the iteration, from 1
 * @param inertia the weighted sum of squared distances after the assignment step
 * @param centerShift the sum over centres of the squared distance each centre moved in the update step
 * @param reassigned the rows whose centre changed (all rows in iteration 1), empty-cluster re-seeds included
 * @param distancesComputed point-to-centre distances computed in the assignment step
 * @param distancesSkipped point-to-centre distances the bounds proved unnecessary
 */
public record LloydIteration(int iteration, double inertia, double centerShift, long reassigned,
        long distancesComputed, long distancesSkipped) {
}
