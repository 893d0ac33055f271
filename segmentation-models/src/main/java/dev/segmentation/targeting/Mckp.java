package dev.segmentation.targeting;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * Multiple-choice knapsack: groups (customers) of options (offers) with cost and profit &gt; 0, at most one
 * option per group, total cost at most the budget, maximal total profit. Package-private solver of
 * {@link CampaignPlanner}.
 */
final class Mckp {
    /** The largest DP table (groups x budget units) the AUTO rule accepts: 16 MiB of choices. */
    static final long EXACT_CELLS = 1L << 24;
    /** The largest DP table {@link PlanAlgorithm#EXACT} accepts at all: the largest Java array. */
    static final long MAX_CELLS = Integer.MAX_VALUE - 8L;

    private Mckp() {
    }

    /** A solution: per group the chosen global option index or -1, and the LP upper bound. Internal only. */
    static final class Solution {
        private final int[] choice;
        private final double upperBound;

        Solution(int[] choice, double upperBound) {
            this.choice = choice;
            this.upperBound = upperBound;
        }

        /** The choices, not copied: callers in this package only read them. */
        int[] choice() {
            return choice;
        }

        double upperBound() {
            return upperBound;
        }
    }

    /** Whether every cost is a multiple of the resolution and the DP table is small enough. */
    static boolean exactFits(int[] start, double[] cost, double budget, double resolution) {
        if (Double.isInfinite(budget)) {
            return false;
        }
        int m = start.length - 1;
        for (int g = 0; g < m; g++) {
            if (start[g + 1] - start[g] > Byte.MAX_VALUE) {
                return false;
            }
        }
        for (double c : cost) {
            double u = c / resolution;
            if (Math.abs(u - Math.rint(u)) > 1e-9 * Math.max(1.0, u)) {
                return false;
            }
        }
        return (double) m * (Math.floor(budget / resolution + 1e-9) + 1) <= EXACT_CELLS;
    }

    /**
     * Exact dynamic program over budget units ({@code f_g(w) = max(f_{g-1}(w), max_j f_{g-1}(w - c_j) + p_j)},
     * the textbook recursion for the multiple-choice knapsack, Kellerer, Pferschy and Pisinger 2004, section
     * 11.5). Costs are rounded up to whole units.
     */
    static int[] exact(int[] start, double[] cost, double[] profit, double budget, double resolution) {
        int m = start.length - 1;
        int w = (int) Math.floor(budget / resolution + 1e-9);
        int width = w + 1;
        int[] units = new int[cost.length];
        for (int j = 0; j < cost.length; j++) {
            units[j] = (int) Math.min(Integer.MAX_VALUE, Math.ceil(cost[j] / resolution - 1e-9));
        }
        byte[] ch = new byte[Math.multiplyExact(m, width)];
        double[] f = new double[width];
        double[] g = new double[width];
        for (int gr = 0; gr < m; gr++) {
            System.arraycopy(f, 0, g, 0, width);
            int base = gr * width;
            for (int j = start[gr]; j < start[gr + 1]; j++) {
                int c = units[j];
                double p = profit[j];
                byte k = (byte) (j - start[gr] + 1);
                for (int x = w; x >= c; x--) {
                    double cand = f[x - c] + p;
                    if (cand > g[x]) {
                        g[x] = cand;
                        ch[base + x] = k;
                    }
                }
            }
            double[] t = f;
            f = g;
            g = t;
        }
        int[] choice = new int[m];
        int x = w;
        for (int gr = m - 1; gr >= 0; gr--) {
            int k = ch[gr * width + x];
            if (k > 0) {
                choice[gr] = start[gr] + k - 1;
                x -= units[choice[gr]];
            } else {
                choice[gr] = -1;
            }
        }
        return choice;
    }

    /**
     * Lagrangian relaxation through the LP hull (Sinha and Zoltners 1979, Operations Research 27(3)): each
     * group's affordable options are reduced to the upper concave hull of (cost, profit) from (0, 0); the hull's
     * increments, sorted by decreasing slope (the Lagrange multiplier at which they stop paying), are taken
     * while they fit. The first increment that does not fit defines the critical multiplier and the LP bound.
     * Repair, from two starts: (A) without the critical increment, (B) with it, dropping the last-taken
     * increments of other groups until the budget holds; in each, later increments that still fit are taken
     * and then each group may jump to any option the leftover budget affords. The better of A and B is kept,
     * or the best single option if it alone is better.
     */
    static Solution lagrangian(int[] start, double[] cost, double[] profit, double budget) {
        int m = start.length - 1;
        int[][] hull = new int[m][];
        int incCount = 0;
        for (int g = 0; g < m; g++) {
            hull[g] = hull(start[g], start[g + 1], cost, profit, budget);
            incCount += hull[g].length;
        }
        // increments: group, level (1-based), slope, cost and profit over the level below
        int[] incGroup = new int[incCount];
        int[] incLevel = new int[incCount];
        double[] slope = new double[incCount];
        double[] incCost = new double[incCount];
        double[] incProfit = new double[incCount];
        int t = 0;
        for (int g = 0; g < m; g++) {
            double pc = 0;
            double pp = 0;
            for (int l = 0; l < hull[g].length; l++) {
                int j = hull[g][l];
                incGroup[t] = g;
                incLevel[t] = l + 1;
                incCost[t] = cost[j] - pc;
                incProfit[t] = profit[j] - pp;
                slope[t] = incCost[t] == 0 ? Double.POSITIVE_INFINITY : incProfit[t] / incCost[t];
                pc = cost[j];
                pp = profit[j];
                t++;
            }
        }
        // by decreasing slope; ties in generation order (group, then level), so a group's levels stay in order
        int[] order = new int[incCount];
        for (int i = 0; i < incCount; i++) {
            order[i] = i;
        }
        IntArrays.stableSort(order, (a, b) -> Double.compare(slope[b], slope[a]));
        Increments inc = new Increments(start, cost, profit, hull, incGroup, incLevel, incCost, incProfit, order);
        // the LP solution: increments in slope order up to the first that does not fit (the critical one)
        int[] level = new int[m];
        int[] taken = new int[incCount];
        int nTaken = 0;
        double left = budget;
        double total = 0;
        int crit = -1;
        for (int oi = 0; oi < incCount; oi++) {
            int i = order[oi];
            if (incCost[i] <= left) {
                left -= incCost[i];
                total += incProfit[i];
                level[incGroup[i]]++;
                taken[nTaken++] = i;
            } else {
                crit = oi;
                break;
            }
        }
        if (crit < 0) {
            return new Solution(inc.choice(level), total);
        }
        double bound = total + left * slope[order[crit]];
        // candidate A: leave the critical increment out and go on
        Candidate best = inc.finish(level.clone(), left, total, crit + 1);
        // candidate B: put it in and drop the last-taken increments of other groups until the budget holds
        int ic = order[crit];
        int gc = incGroup[ic];
        int[] levelB = level.clone();
        double leftB = left - incCost[ic];
        double totalB = total + incProfit[ic];
        levelB[gc]++;
        for (int k = nTaken - 1; k >= 0 && leftB < 0; k--) {
            int i = taken[k];
            if (incGroup[i] != gc) {
                leftB += incCost[i];
                totalB -= incProfit[i];
                levelB[incGroup[i]]--;
            }
        }
        if (leftB >= 0) {
            Candidate b = inc.finish(levelB, leftB, totalB, crit + 1);
            if (b.total() > best.total()) {
                best = b;
            }
        }
        int single = -1;
        for (int j = 0; j < cost.length; j++) {
            if (cost[j] <= budget && (single < 0 || profit[j] > profit[single])) {
                single = j;
            }
        }
        int[] choice = best.choice();
        if (single >= 0 && profit[single] > best.total()) {
            Arrays.fill(choice, -1);
            for (int g = 0; g < m; g++) {
                if (single >= start[g] && single < start[g + 1]) {
                    choice[g] = single;
                }
            }
        }
        return new Solution(choice, bound);
    }

    /** A repaired integer solution and its profit. */
    private static final class Candidate {
        private final int[] choice;
        private final double total;

        Candidate(int[] choice, double total) {
            this.choice = choice;
            this.total = total;
        }

        int[] choice() {
            return choice;
        }

        double total() {
            return total;
        }
    }

    /** The hull increments of all groups in slope order, for completing partial solutions (arrays shared). */
    private static final class Increments {
        private final int[] start;
        private final double[] cost;
        private final double[] profit;
        private final int[][] hull;
        private final int[] incGroup;
        private final int[] incLevel;
        private final double[] incCost;
        private final double[] incProfit;
        private final int[] order;

        Increments(int[] start, double[] cost, double[] profit, int[][] hull, int[] incGroup, int[] incLevel,
                double[] incCost, double[] incProfit, int[] order) {
            this.start = start;
            this.cost = cost;
            this.profit = profit;
            this.hull = hull;
            this.incGroup = incGroup;
            this.incLevel = incLevel;
            this.incCost = incCost;
            this.incProfit = incProfit;
            this.order = order;
        }

        int[] choice(int[] level) {
            int[] choice = new int[level.length];
            for (int g = 0; g < level.length; g++) {
                choice[g] = level[g] == 0 ? -1 : hull[g][level[g] - 1];
            }
            return choice;
        }

        /**
         * Greedy repair: takes the increments from position {@code from} on that still fit (a group only
         * climbs one level at a time), then lets each group jump to the most profitable option the leftover
         * budget affords. {@code level} is modified.
         */
        Candidate finish(int[] level, double left, double total, int from) {
            for (int oi = from; oi < order.length; oi++) {
                int i = order[oi];
                int g = incGroup[i];
                if (level[g] == incLevel[i] - 1 && incCost[i] <= left) {
                    left -= incCost[i];
                    total += incProfit[i];
                    level[g]++;
                }
            }
            int[] choice = choice(level);
            for (int g = 0; g < level.length; g++) {
                double cc = choice[g] < 0 ? 0 : cost[choice[g]];
                double cp = choice[g] < 0 ? 0 : profit[choice[g]];
                int best = choice[g];
                double bestP = cp;
                for (int j = start[g]; j < start[g + 1]; j++) {
                    if (profit[j] > bestP && cost[j] - cc <= left) {
                        best = j;
                        bestP = profit[j];
                    }
                }
                if (best != choice[g]) {
                    left -= cost[best] - cc;
                    total += bestP - cp;
                    choice[g] = best;
                }
            }
            return new Candidate(choice, total);
        }
    }

    /**
     * The options of one group on the upper concave hull from (0, 0), by increasing cost; options that cost
     * more than the whole budget can never be chosen and are left out (which also tightens the LP bound).
     */
    private static int[] hull(int from, int to, double[] cost, double[] profit, double budget) {
        int[] idx = new int[to - from];
        for (int j = from; j < to; j++) {
            idx[j - from] = j;
        }
        // insertion sort by cost, then decreasing profit: a group has at most one option per campaign
        for (int i = 1; i < idx.length; i++) {
            int x = idx[i];
            int k = i - 1;
            while (k >= 0 && (cost[idx[k]] > cost[x] || cost[idx[k]] == cost[x] && profit[idx[k]] < profit[x])) {
                idx[k + 1] = idx[k];
                k--;
            }
            idx[k + 1] = x;
        }
        int[] h = new int[idx.length];
        int n = 0;
        for (int j : idx) {
            double lastP = n == 0 ? 0 : profit[h[n - 1]];
            if (profit[j] <= lastP || cost[j] > budget) {
                continue;
            }
            while (n >= 1) {
                double c0 = n >= 2 ? cost[h[n - 2]] : 0;
                double p0 = n >= 2 ? profit[h[n - 2]] : 0;
                double c1 = cost[h[n - 1]];
                double p1 = profit[h[n - 1]];
                // pop h[n-1] if it lies on or below the segment from (c0, p0) to j
                if ((p1 - p0) * (cost[j] - c0) <= (profit[j] - p0) * (c1 - c0)) {
                    n--;
                } else {
                    break;
                }
            }
            h[n++] = j;
        }
        return Arrays.copyOf(h, n);
    }
}
