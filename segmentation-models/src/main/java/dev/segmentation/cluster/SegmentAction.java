package dev.segmentation.cluster;

/**
 * The suggested marketing action for a segment, with the campaign parameters the {@code plan} command needs
 * (its {@code churnBand}: the P(churn) range of the customers worth contacting for that action). Which segment
 * gets which action is set by {@link SegmentArchetypes}:
 * <table>
 *   <caption>Actions</caption>
 *   <tr><th>action</th><th>for</th><th>campaign</th><th>churn band</th></tr>
 *   <tr><td>reward</td><td>the best, active customers</td><td>loyalty rewards, early access, referrals</td>
 *       <td>[0, 1]</td></tr>
 *   <tr><td>retain</td><td>active repeat customers</td><td>loyalty programme, cross-sell</td><td>[0.2, 1]</td></tr>
 *   <tr><td>nurture</td><td>recent customers with few orders</td><td>welcome series, second-purchase offer</td>
 *       <td>[0, 1]</td></tr>
 *   <tr><td>re-engage</td><td>customers whose purchases slow down</td><td>reminders, personal recommendations</td>
 *       <td>[0.3, 1]</td></tr>
 *   <tr><td>win back</td><td>valuable customers gone quiet</td><td>win-back offer</td><td>[0.5, 1]</td></tr>
 *   <tr><td>let go</td><td>long gone, low-value customers</td><td>low-cost reactivation only</td>
 *       <td>[0.7, 1]</td></tr>
 * </table>
 */
public enum SegmentAction {
    /** Reward the best, active customers. */
    REWARD("reward", "loyalty rewards, early access, referrals", 0.0, 1.0),
    /** Keep active repeat customers. */
    RETAIN("retain", "loyalty programme, cross-sell", 0.2, 1.0),
    /** Turn recent customers with few orders into repeat buyers. */
    NURTURE("nurture", "welcome series, second-purchase offer", 0.0, 1.0),
    /** Bring back customers whose purchases slow down. */
    RE_ENGAGE("re-engage", "reminders, personal recommendations", 0.3, 1.0),
    /** Win back valuable customers gone quiet. */
    WIN_BACK("win back", "win-back offer", 0.5, 1.0),
    /** Contact long gone, low-value customers only when it costs little. */
    LET_GO("let go", "low-cost reactivation only", 0.7, 1.0);

    private final String label;
    private final String campaign;
    private final double churnLow;
    private final double churnHigh;

    SegmentAction(String label, String campaign, double churnLow, double churnHigh) {
        this.label = label;
        this.campaign = campaign;
        this.churnLow = churnLow;
        this.churnHigh = churnHigh;
    }

    /**
     * Returns the action as written in {@code segments.csv}.
     *
     * @return e.g. {@code "win back"}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the kind of campaign the action suggests.
     *
     * @return e.g. {@code "win-back offer"}
     */
    public String campaign() {
        return campaign;
    }

    /**
     * Returns the P(churn) band of the customers worth contacting, as {@code plan}'s {@code churnBand}.
     *
     * @return a new array {@code {low, high}} within [0, 1]
     */
    public double[] churnBand() {
        return new double[] {churnLow, churnHigh};
    }

    /**
     * Finds an action by its label.
     *
     * @param label a {@link #label()}; not null
     * @return the action
     * @throws IllegalArgumentException if no action has that label
     */
    public static SegmentAction ofLabel(String label) {
        for (SegmentAction a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action must be one of reward, retain, nurture, re-engage, win back, "
                + "let go, found \"" + label + "\"");
    }
}
