package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;

/**
 * The medians of one segment's members that {@link SegmentArchetypes} names it by: recency in days, number of
 * orders, total spend, and the R, F and M quintile scores (1..5, 5 best, from an {@link RfmSegmenterModel}).
 * Medians of an even count are the mean of the two middle values, so a score median may end in .5.
 *
 * <p>Beside the medians it carries one fact about the members one by one: the share of members who are
 * <em>lapsed</em>, whose recency score is 1 (among the fifth of the population silent longest). A name that
 * claims recent activity must be true for every member, so {@link SegmentArchetypes} gives such a name only to a
 * segment with no lapsed member (see its class comment).
 *
 * @param recencyDays the median days since the last purchase
 * @param orders the median number of orders
 * @param monetary the median total spend
 * @param r the median recency score, in [1, 5]
 * @param f the median frequency score, in [1, 5]
 * @param m the median monetary score, in [1, 5]
 * @param lapsedShare the share of members whose recency score is 1, in [0, 1]
 */
public record SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m,
        double lapsedShare) {

    /**
     * Checks the lapsed share.
     *
     * @param recencyDays the median days since the last purchase
     * @param orders the median number of orders
     * @param monetary the median total spend
     * @param r the median recency score, in [1, 5]
     * @param f the median frequency score, in [1, 5]
     * @param m the median monetary score, in [1, 5]
     * @param lapsedShare the share of members whose recency score is 1, in [0, 1]
     * @throws IllegalArgumentException if {@code lapsedShare} is not in [0, 1]
     */
    public SegmentMedians {
        ParamChecks.inRange("lapsedShare", lapsedShare, 0, 1);
    }

    /**
     * Medians of a segment with no lapsed member (lapsed share 0), e.g. for medians known without their
     * members.
     *
     * @param recencyDays the median days since the last purchase
     * @param orders the median number of orders
     * @param monetary the median total spend
     * @param r the median recency score, in [1, 5]
     * @param f the median frequency score, in [1, 5]
     * @param m the median monetary score, in [1, 5]
     */
    public SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m) {
        this(recencyDays, orders, monetary, r, f, m, 0);
    }

    /**
     * Tells whether some member is lapsed (recency score 1).
     *
     * @return {@code lapsedShare() > 0}
     */
    public boolean anyLapsed() {
        return lapsedShare > 0;
    }
}
