package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;

/**
 * The medians of one segment's members that {@link SegmentArchetypes} names it by: recency in days, number of
 * orders, total spend, and the R, F and M quintile scores (1..5, 5 best, from an {@link RfmSegmenterModel}).
 * Medians of an even count are the mean of the two middle values, so a score median may end in .5.
 *
 * <p>Beside the medians it carries two facts about the members one by one. The share of members who are
 * <em>lapsed</em>, whose recency score is 1 (among the fifth of the population silent longest): a name that
 * claims recent activity must be true for every member, so {@link SegmentArchetypes} gives such a name only to a
 * segment with no lapsed member. And the share of members who are <em>overdue</em>, silent for more than three
 * of their own mean gaps between purchase days ({@code recency > 3 * mean_interpurchase_days}): the R score is
 * relative to the population, so on a population that is mostly lapsed the most recent fifth may still be
 * silent for months; a segment where at least half the members are overdue is named as lapsed, whatever its R
 * score (see {@link SegmentArchetypes}' class comment).
 *
 * @param recencyDays the median days since the last purchase
 * @param orders the median number of orders
 * @param monetary the median total spend
 * @param r the median recency score, in [1, 5]
 * @param f the median frequency score, in [1, 5]
 * @param m the median monetary score, in [1, 5]
 * @param lapsedShare the share of members whose recency score is 1, in [0, 1]
 * @param overdueShare the share of members whose recency exceeds three of their mean gaps between purchase days,
 *     in [0, 1]
 */
public record SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m,
        double lapsedShare, double overdueShare) {

    /** How many of its own mean gaps between purchase days a customer may be silent before it is overdue. */
    public static final double OVERDUE_GAPS = 3;

    /** The share of overdue members from which a segment is {@linkplain #overdue() overdue}. */
    public static final double OVERDUE_MAJORITY = 0.5;

    /**
     * Checks the lapsed and overdue shares.
     *
     * @param recencyDays the median days since the last purchase
     * @param orders the median number of orders
     * @param monetary the median total spend
     * @param r the median recency score, in [1, 5]
     * @param f the median frequency score, in [1, 5]
     * @param m the median monetary score, in [1, 5]
     * @param lapsedShare the share of members whose recency score is 1, in [0, 1]
     * @param overdueShare the share of members whose recency exceeds three of their mean gaps between purchase
     *     days, in [0, 1]
     * @throws IllegalArgumentException if {@code lapsedShare} or {@code overdueShare} is not in [0, 1]
     */
    public SegmentMedians {
        ParamChecks.inRange("lapsedShare", lapsedShare, 0, 1);
        ParamChecks.inRange("overdueShare", overdueShare, 0, 1);
    }

    /**
     * Medians of a segment with no overdue member (overdue share 0), e.g. for medians saved before the overdue
     * share existed.
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
    public SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m,
            double lapsedShare) {
        this(recencyDays, orders, monetary, r, f, m, lapsedShare, 0);
    }

    /**
     * Medians of a segment with no lapsed and no overdue member (both shares 0), e.g. for medians known without
     * their members.
     *
     * @param recencyDays the median days since the last purchase
     * @param orders the median number of orders
     * @param monetary the median total spend
     * @param r the median recency score, in [1, 5]
     * @param f the median frequency score, in [1, 5]
     * @param m the median monetary score, in [1, 5]
     */
    public SegmentMedians(double recencyDays, double orders, double monetary, double r, double f, double m) {
        this(recencyDays, orders, monetary, r, f, m, 0, 0);
    }

    /**
     * Tells whether some member is lapsed (recency score 1).
     *
     * @return {@code lapsedShare() > 0}
     */
    public boolean anyLapsed() {
        return lapsedShare > 0;
    }

    /**
     * Tells whether the segment is overdue: at least half its members are silent for more than three of their
     * own mean gaps between purchase days.
     *
     * @return {@code overdueShare() >= 0.5}
     */
    public boolean overdue() {
        return overdueShare >= OVERDUE_MAJORITY;
    }

    /**
     * Tells whether one customer is overdue: its recency exceeds three of its mean gaps between purchase days
     * ({@link dev.segmentation.features.CustomerFeatures#MEAN_INTERPURCHASE_DAYS}, which for a customer with one
     * purchase day is the censored gap {@code asOf - firstDate >= recency}, so such a customer is never overdue).
     * A customer still buying at a steady (Poisson) rate is silent that long with probability e^-3, about 5%.
     *
     * @param recencyDays the days since the customer's last purchase
     * @param meanInterpurchaseDays the customer's mean gap in days between purchase days
     * @return {@code recencyDays > 3 * meanInterpurchaseDays}
     */
    public static boolean customerOverdue(double recencyDays, double meanInterpurchaseDays) {
        return recencyDays > OVERDUE_GAPS * meanInterpurchaseDays;
    }
}
