/**
 * Targeting: turning segments, churn risk and lifetime value into who gets which offer, and measuring it.
 *
 * <ul>
 *   <li>Responsible use first: {@link dev.segmentation.targeting.TargetCustomer} carries consent, and every
 *       planner drops opted-out customers before anything else; {@link dev.segmentation.targeting.ProtectedAttributes}
 *       refuses protected attributes as model features; {@link dev.segmentation.targeting.Pseudonymizer} replaces
 *       ids by keyed hashes (HMAC-SHA256) for exports; {@link dev.segmentation.targeting.FairnessReport} gives
 *       selection rates by group and the disparate-impact ratio.</li>
 *   <li>{@link dev.segmentation.targeting.CampaignPlanner}: at most one {@link dev.segmentation.targeting.Campaign}
 *       per customer, maximizing expected profit under a budget (a multiple-choice knapsack), with an
 *       explanation of every assignment, carried as fields ({@link dev.segmentation.targeting.Explanation}: the
 *       segment rule, the other rules, the profit computation) so that a caller can show the segments its own way
 *       without parsing the text; {@link dev.segmentation.targeting.NextBestOffer} joins a recommender's
 *       items with campaign eligibility.</li>
 *   <li>Experiments: {@link dev.segmentation.targeting.Experiments} (two-proportion z-test, Welch's t-test,
 *       sample size and power, a peeking warning) and {@link dev.segmentation.targeting.ThompsonSampling}
 *       (a Beta-Bernoulli bandit allocator).</li>
 * </ul>
 */
package dev.segmentation.targeting;
