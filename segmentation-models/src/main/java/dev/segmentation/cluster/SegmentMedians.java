package dev.segmentation.cluster;

/**
 * The medians of one segment's members that {@link SegmentArchetypes} names it by: recency in days, number of
 * orders, total spend, and the R, F and M quintile scores (1..5, 5 best, from an {@link RfmSegmenterModel}).
 * Medians of an even count are the mean of the two middle values, so a score median may end in .5.
 *
 * @param recencyDays the median days since the last purchase
 * @param orders the median number of orders
 * @param monetary the median total spend
 * @param r the median recency score, in [1, 5]
 * @param f the median frequency score, in [1, 5]
 * @param m the median monetary score, in [1, 5]
 */
public record SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m) {
}
