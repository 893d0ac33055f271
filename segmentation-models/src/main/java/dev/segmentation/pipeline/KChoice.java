package dev.segmentation.pipeline;

import java.util.List;

/**
 * How {@link Segmentation#segmentsAuto} chose the number of k-means segments: one row per k of the sweep and
 * the chosen k.
 *
 * <p><b>Criterion.</b> Among the k whose smallest segment holds at least {@code minShare} of the customers, the
 * highest mean silhouette (exact up to {@value Segmentation#SILHOUETTE_SAMPLE} customers, else on a seeded
 * sample of that many); ties go to the smaller k. When no k meets the share, the k with the largest smallest
 * segment is taken.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param rows one row per k, in increasing k
 * @param chosen the chosen k
 * @param minShare the minimum share of the smallest segment
 * @param criterion the criterion in words
 */
public record KChoice(List<Row> rows, int chosen, double minShare, String criterion) {
    /**
     * Copies the rows.
     *
     * @param rows the rows. Not modified (copied).
     * @param chosen the chosen k
     * @param minShare the minimum share
     * @param criterion the criterion
     */
    public KChoice {
        rows = List.copyOf(rows);
    }

    /**
     * One k of the sweep.
     *
     * @param k the number of segments
     * @param inertia the k-means inertia (within-segment sum of squares on the encoded features)
     * @param silhouette the mean silhouette, in [-1, 1]
     * @param smallestShare the share of customers in the smallest segment
     */
    public record Row(int k, double inertia, double silhouette, double smallestShare) {
    }
}
