package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;
import dev.segmentation.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Next best offer: a {@link Recommender}'s items for a customer, kept only where a campaign that promotes the
 * item ({@link Campaign.Builder#items(int...)}) is open to the customer. Items are taken in recommendation order
 * from the customer's top {@code depth} (unseen) items; for each, the eligible promoting campaign with the
 * largest positive expected profit is the offer. Opted-out customers get no offer.
 *
 * <pre>{@code
 * NextBestOffer nbo = NextBestOffer.of(itemKnnModel, campaigns, 50);
 * List<Offer> offers = nbo.offers(customer, matrixIndexOfCustomer, 3);
 * }</pre>
 *
 * <p>Cost: one {@code recommend(customer, depth, true)} call plus O(depth x campaigns). Instances are immutable
 * and safe for concurrent use when the recommender and campaigns are. Null is never accepted or returned.
 */
public final class NextBestOffer {
    private final Recommender recommender;
    private final List<Campaign> campaigns;
    private final int depth;

    private NextBestOffer(Recommender recommender, List<Campaign> campaigns, int depth) {
        this.recommender = recommender;
        this.campaigns = campaigns;
        this.depth = depth;
    }

    /**
     * Combines a recommender with campaigns.
     *
     * @param recommender the fitted recommender
     * @param campaigns the campaigns, with their promoted items. Not modified.
     * @param depth how many recommendations to scan, at least 1
     * @return the combination
     * @throws IllegalArgumentException if {@code depth < 1}: {@code "depth must be >= 1, found 0"}
     */
    public static NextBestOffer of(Recommender recommender, List<Campaign> campaigns, int depth) {
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(campaigns, "campaigns");
        ParamChecks.atLeast("depth", depth, 1);
        return new NextBestOffer(recommender, List.copyOf(campaigns), depth);
    }

    /**
     * Returns up to {@code n} offers for a customer, best recommendation first.
     *
     * @param customer the customer (consent, segment, bands)
     * @param customerIndex the customer's index in the recommender's interaction matrix
     * @param n the most offers to return, at least 1
     * @return an unmodifiable list, empty for an opted-out customer
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     */
    public List<Offer> offers(TargetCustomer customer, int customerIndex, int n) {
        Objects.requireNonNull(customer, "customer");
        ParamChecks.atLeast("n", n, 1);
        if (customer.optedOut()) {
            return List.of();
        }
        int[] items = recommender.recommend(customerIndex, depth, true);
        List<Offer> out = new ArrayList<>();
        for (int rank = 0; rank < items.length && out.size() < n; rank++) {
            Campaign best = null;
            double bestProfit = 0;
            for (Campaign c : campaigns) {
                if (promotes(c, items[rank]) && c.eligible(customer)) {
                    double p = c.expectedProfit(customer);
                    if (p > bestProfit) {
                        best = c;
                        bestProfit = p;
                    }
                }
            }
            if (best != null) {
                out.add(new Offer(items[rank], rank, best.name(), bestProfit));
            }
        }
        return List.copyOf(out);
    }

    private static boolean promotes(Campaign c, int item) {
        for (int i : c.itemsView()) {
            if (i == item) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "NextBestOffer{campaigns=" + Campaign.names(campaigns) + ", depth=" + depth + "}";
    }
}
