package dev.segmentation.targeting;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns at most one campaign to each customer so that the total expected profit is maximal and the total
 * contact cost stays within a budget.
 *
 * <pre>{@code
 * CampaignPlanner planner = CampaignPlanner.builder().campaigns(List.of(winBack, save)).budget(5_000)
 *         .maxContacts(3).build();
 * CampaignPlan plan = planner.plan(customers);
 * for (Assignment a : plan.assignments()) { ... a.customerId() ... a.campaign() ... a.reason() ... }
 * }</pre>
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>Consent: opted-out customers are removed first, so they never appear in a plan; then customers whose
 *       {@link TargetCustomer#recentContacts() recent contacts} reached {@link Builder#maxContacts(int)}.</li>
 *   <li>Every campaign's segments (eligibility and response table) must be known segments: those declared with
 *       {@link Builder#segments(Collection)}, else those of the given customers.</li>
 *   <li>Options: for each customer, each campaign it is {@link Campaign#eligible eligible} for with a positive
 *       {@link Campaign#expectedProfit expected profit}; offers that lose money are never made.</li>
 *   <li>The multiple-choice knapsack over these options (Kellerer, Pferschy and Pisinger 2004, chapter 11) is
 *       solved per {@link PlanAlgorithm}: when every customer's most profitable option fits the budget
 *       together, that is optimal; else {@link PlanAlgorithm#AUTO} uses the exact dynamic program when all
 *       costs are multiples of {@link Builder#costResolution(double)} and customers x budget units is at most
 *       2^24, and the Lagrangian relaxation with greedy repair otherwise. The plan reports the LP relaxation's
 *       value as {@link CampaignPlan#upperBound()}.</li>
 * </ol>
 * Each assignment carries the campaign's {@link Campaign#explanation explanation}. Cost: O(customers x campaigns)
 * to build the options, then O(options log options) (Lagrangian) or O(options x budget units) (exact).
 *
 * <p>Instances are immutable and safe for concurrent use (if the campaigns' response models are); {@code plan}
 * is deterministic. Null is never accepted or returned.
 */
public final class CampaignPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignPlanner.class);

    private final List<Campaign> campaigns;
    private final double budget;
    private final int maxContacts;
    private final Set<String> segments;
    private final PlanAlgorithm algorithm;
    private final double costResolution;

    private CampaignPlanner(Builder b) {
        campaigns = List.copyOf(b.campaigns);
        budget = b.budget;
        maxContacts = b.maxContacts;
        segments = b.segments == null ? null : Set.copyOf(b.segments);
        algorithm = b.algorithm;
        costResolution = b.costResolution;
    }

    /**
     * Returns a builder; defaults: no campaigns (at least one is required), unlimited budget, no frequency cap,
     * segments taken from the customers, algorithm {@link PlanAlgorithm#AUTO}, cost resolution 0.01.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset to this planner's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.campaigns.addAll(campaigns);
        b.budget = budget;
        b.maxContacts = maxContacts;
        b.segments = segments;
        b.algorithm = algorithm;
        b.costResolution = costResolution;
        return b;
    }

    /**
     * Makes a plan.
     *
     * <p>The result does not depend on the order of the list: customers are considered in the order of their
     * best expected profit (highest first), then CLV (highest first), then id (ascending), so where two choices
     * are worth the same (equal profit per cost under a budget, or equal totals in the exact table) the customer
     * earlier in that order is chosen; the plan's assignments are listed in that order too.
     *
     * @param customers the customers, ids unique. Not modified.
     * @return the plan
     * @throws InvalidDataException if an id repeats ({@code "customer row 3: id must be unique, found C1"}) or a
     *     response model returns a value outside [0, 1]
     * @throws IllegalArgumentException if a campaign names an unknown segment:
     *     {@code "segment must be one of [a, b], found vip (campaign promo)"}, or the exact table would not fit
     *     in an array ({@code "customers x budget units must be <= 2147483639 for algorithm EXACT, found ..."})
     */
    public CampaignPlan plan(List<TargetCustomer> customers) {
        Objects.requireNonNull(customers, "customers");
        Set<String> ids = new HashSet<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < customers.size(); i++) {
            TargetCustomer c = Objects.requireNonNull(customers.get(i), "customers");
            if (!ids.add(c.id())) {
                throw new InvalidDataException("customer row " + i + ": id must be unique, found " + c.id(), i,
                        "id", null);
            }
            seen.add(c.segment());
        }
        Set<String> known = segments != null ? new TreeSet<>(segments) : seen;
        for (Campaign k : campaigns) {
            for (String s : k.referencedSegments()) {
                if (!known.contains(s)) {
                    throw new IllegalArgumentException("segment must be one of " + known + ", found " + s
                            + " (campaign " + k.name() + ")");
                }
            }
        }
        int optedOut = 0;
        int capped = 0;
        IntArrayList groupCustomer = new IntArrayList();
        IntArrayList start = new IntArrayList();
        IntArrayList optCampaign = new IntArrayList();
        DoubleArrayList optCost = new DoubleArrayList();
        DoubleArrayList optProfit = new DoubleArrayList();
        int[] order = canonicalOrder(customers);
        for (int i : order) {
            TargetCustomer c = customers.get(i);
            if (c.optedOut()) {
                optedOut++;
                continue;
            }
            if (c.recentContacts() >= maxContacts) {
                capped++;
                continue;
            }
            int before = optCampaign.size();
            for (int k = 0; k < campaigns.size(); k++) {
                Campaign camp = campaigns.get(k);
                if (!camp.eligible(c)) {
                    continue;
                }
                double profit;
                try {
                    profit = camp.expectedProfit(c);
                } catch (InvalidDataException e) {
                    throw new InvalidDataException("customer row " + i + " (" + c.id() + "): response of campaign "
                            + camp.name() + " must be in [0, 1], found " + camp.rawResponse(c), i, "response",
                            null);
                }
                if (profit > 0) {
                    optCampaign.add(k);
                    optCost.add(camp.costPerContact());
                    optProfit.add(profit);
                }
            }
            if (optCampaign.size() > before) {
                groupCustomer.add(i);
                start.add(before);
            }
        }
        start.add(optCampaign.size());
        int[] st = start.toIntArray();
        double[] cost = optCost.toDoubleArray();
        double[] profit = optProfit.toDoubleArray();
        int m = groupCustomer.size();
        int[] choice = new int[m];
        double unconstrainedCost = 0;
        for (int g = 0; g < m; g++) {
            int best = st[g];
            for (int j = st[g] + 1; j < st[g + 1]; j++) {
                if (profit[j] > profit[best]) {
                    best = j;
                }
            }
            choice[g] = best;
            unconstrainedCost += cost[best];
        }
        Mckp.Solution lp = Mckp.lagrangian(st, cost, profit, budget);
        PlanAlgorithm used;
        if (unconstrainedCost <= budget) {
            used = PlanAlgorithm.EXACT;
        } else if (algorithm == PlanAlgorithm.EXACT
                || algorithm == PlanAlgorithm.AUTO && Mckp.exactFits(st, cost, budget, costResolution)) {
            double cells = m * (Math.floor(budget / costResolution + 1e-9) + 1);
            if (cells > Mckp.MAX_CELLS) {
                throw new IllegalArgumentException("customers x budget units must be <= " + Mckp.MAX_CELLS
                        + " for algorithm EXACT, found " + (long) cells);
            }
            used = PlanAlgorithm.EXACT;
            choice = Mckp.exact(st, cost, profit, budget, costResolution);
        } else {
            used = PlanAlgorithm.LAGRANGIAN;
            choice = lp.choice();
        }
        List<Assignment> out = new ArrayList<>();
        for (int g = 0; g < m; g++) {
            if (choice[g] < 0) {
                continue;
            }
            int i = groupCustomer.getInt(g);
            TargetCustomer c = customers.get(i);
            Campaign camp = campaigns.get(optCampaign.getInt(choice[g]));
            out.add(new Assignment(i, c.id(), camp.name(), cost[choice[g]], profit[choice[g]],
                    camp.explanation(c)));
        }
        CampaignPlan plan = new CampaignPlan(out, budget, lp.upperBound(), used, customers.size(), optedOut, capped,
                Campaign.names(campaigns));
        LOG.info("campaign plan: {} of {} customers assigned, expected profit {}, spend {} of {}, {}", out.size(),
                customers.size(), plan.expectedProfit(), plan.spend(), budget, used);
        return plan;
    }

    /**
     * The customers' positions ordered by best positive expected profit over the campaigns they are eligible for
     * (highest first, none last), then CLV (highest first), then id.
     */
    private int[] canonicalOrder(List<TargetCustomer> customers) {
        int n = customers.size();
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            TargetCustomer c = customers.get(i);
            double b = 0;
            if (!c.optedOut() && c.recentContacts() < maxContacts) {
                for (Campaign camp : campaigns) {
                    if (camp.eligible(c)) {
                        double p = camp.rawResponseIsValid(c) ? camp.expectedProfit(c) : 0;
                        b = Math.max(b, p);
                    }
                }
            }
            best[i] = b;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(best[b], best[a]);
            if (c == 0) {
                c = Double.compare(customers.get(b).clv(), customers.get(a).clv());
            }
            return c != 0 ? c : customers.get(a).id().compareTo(customers.get(b).id());
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "CampaignPlanner{campaigns=" + Campaign.names(campaigns) + ", budget=" + budget + ", maxContacts="
                + maxContacts + ", segments=" + (segments == null ? "from customers" : new TreeSet<>(segments))
                + ", algorithm=" + algorithm + ", costResolution=" + costResolution + "}";
    }

    /** A mutable, single-threaded builder of {@link CampaignPlanner}. */
    public static final class Builder {
        private final List<Campaign> campaigns = new ArrayList<>();
        private double budget = Double.POSITIVE_INFINITY;
        private int maxContacts = Integer.MAX_VALUE;
        private Set<String> segments;
        private PlanAlgorithm algorithm = PlanAlgorithm.AUTO;
        private double costResolution = 0.01;

        private Builder() {
        }

        /**
         * Adds a campaign.
         *
         * @param campaign the campaign; its name must differ from the others'
         * @return this builder
         */
        public Builder campaign(Campaign campaign) {
            campaigns.add(Objects.requireNonNull(campaign, "campaign"));
            return this;
        }

        /**
         * Adds campaigns.
         *
         * @param campaigns the campaigns. Not modified.
         * @return this builder
         */
        public Builder campaigns(Collection<Campaign> campaigns) {
            Objects.requireNonNull(campaigns, "campaigns");
            campaigns.forEach(this::campaign);
            return this;
        }

        /**
         * Sets the total budget for contact costs.
         *
         * @param budget at least 0, possibly infinite; default infinite
         * @return this builder
         * @throws IllegalArgumentException if negative or NaN: {@code "budget must be >= 0, found -1.0"}
         */
        public Builder budget(double budget) {
            if (!(budget >= 0)) {
                throw new IllegalArgumentException("budget must be >= 0, found " + budget);
            }
            this.budget = budget;
            return this;
        }

        /**
         * Sets the contact-frequency cap: customers with at least this many recent contacts are not contacted.
         *
         * @param maxContacts at least 1; default unlimited
         * @return this builder
         * @throws IllegalArgumentException if below 1: {@code "maxContacts must be >= 1, found 0"}
         */
        public Builder maxContacts(int maxContacts) {
            this.maxContacts = ParamChecks.atLeast("maxContacts", maxContacts, 1);
            return this;
        }

        /**
         * Declares the known segments; campaigns naming any other segment are refused.
         *
         * @param segments the segment names. Not modified.
         * @return this builder
         */
        public Builder segments(Collection<String> segments) {
            Objects.requireNonNull(segments, "segments");
            Set<String> s = new LinkedHashSet<>();
            for (String x : segments) {
                s.add(Objects.requireNonNull(x, "segments"));
            }
            this.segments = s;
            return this;
        }

        /**
         * Sets the knapsack algorithm.
         *
         * @param algorithm the algorithm; default {@link PlanAlgorithm#AUTO}
         * @return this builder
         */
        public Builder algorithm(PlanAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Sets the money unit of the exact dynamic program (costs are counted in whole units of it).
         *
         * @param costResolution finite, greater than 0; default 0.01 (cents)
         * @return this builder
         * @throws IllegalArgumentException if not positive: {@code "costResolution must be finite and > 0, found
         *     0.0"}
         */
        public Builder costResolution(double costResolution) {
            ParamChecks.positive("costResolution", costResolution);
            this.costResolution = costResolution;
            return this;
        }

        /**
         * Builds the planner; the builder is not changed.
         *
         * @return a new immutable planner
         * @throws IllegalArgumentException if there is no campaign ({@code "campaigns must be non-empty, found
         *     []"}), two share a name ({@code "campaigns must have distinct names, found \"promo\" twice"})
         */
        public CampaignPlanner build() {
            ParamChecks.nonEmpty("campaigns", campaigns);
            Set<String> names = new HashSet<>();
            for (Campaign c : campaigns) {
                if (!names.add(c.name())) {
                    throw new IllegalArgumentException("campaigns must have distinct names, found \"" + c.name()
                            + "\" twice");
                }
            }
            return new CampaignPlanner(this);
        }
    }
}
