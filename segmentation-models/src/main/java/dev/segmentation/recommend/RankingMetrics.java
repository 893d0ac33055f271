package dev.segmentation.recommend;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Top-k ranking metrics averaged over users (macro average), as in Herlocker et al. 2004 and Jarvelin and
 * Kekalainen 2002 (NDCG), with binary relevance. For a user with relevant set {@code T} and list {@code L}
 * truncated to {@code k}: recall = |L ∩ T| / |T|, precision = |L ∩ T| / k, hit = 1 if |L ∩ T| &gt; 0,
 * NDCG = DCG / IDCG with DCG = sum over hits at 0-based position p of 1 / log2(p + 2) and IDCG the same for
 * min(k, |T|) hits at the top, and average precision AP = (sum over hits at position p of precision@(p + 1)) /
 * min(k, |T|) (MAP@k as in Kaggle's {@code ml_metrics.mapk}). Users with an empty relevant set are skipped and
 * counted in {@link #skipped()}. {@link #distinctItems()} counts the items recommended to anyone (catalogue
 * coverage = distinctItems / catalogue size).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class RankingMetrics {
    private final int k;
    private final int users;
    private final int skipped;
    private final double recall;
    private final double precision;
    private final double ndcg;
    private final double hitRate;
    private final double map;
    private final int distinctItems;

    private RankingMetrics(int k, int users, int skipped, double recall, double precision, double ndcg,
            double hitRate, double map, int distinctItems) {
        this.map = map;
        this.distinctItems = distinctItems;
        this.k = k;
        this.users = users;
        this.skipped = skipped;
        this.recall = recall;
        this.precision = precision;
        this.ndcg = ndcg;
        this.hitRate = hitRate;
    }

    /**
     * Scores given lists against given relevant sets.
     *
     * @param recommended one list per user, distinct items, best first. Not modified.
     * @param relevant one set of distinct relevant items per user, same length. Not modified.
     * @param k the cut-off, at least 1
     * @return the averages
     * @throws IllegalArgumentException if {@code k < 1}, the lengths differ, or a list is null or repeats an item
     *     ("recommended[3] must hold distinct items, found item 7 more than once")
     */
    public static RankingMetrics of(int[][] recommended, int[][] relevant, int k) {
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(relevant, "relevant");
        ParamChecks.atLeast("k", k, 1);
        if (recommended.length != relevant.length) {
            throw new IllegalArgumentException("relevant length must be recommended length = " + recommended.length
                    + ", found " + relevant.length);
        }
        double sr = 0;
        double sp = 0;
        double sn = 0;
        double sh = 0;
        double sa = 0;
        it.unimi.dsi.fastutil.ints.IntOpenHashSet distinct = new it.unimi.dsi.fastutil.ints.IntOpenHashSet();
        int users = 0;
        int skipped = 0;
        for (int u = 0; u < recommended.length; u++) {
            requireDistinct("recommended", recommended[u], u);
            requireDistinct("relevant", relevant[u], u);
            int[] truth = relevant[u].clone();
            if (truth.length == 0) {
                skipped++;
                continue;
            }
            Arrays.sort(truth);
            int[] list = recommended[u];
            int hits = 0;
            double dcg = 0;
            double ap = 0;
            for (int p = 0; p < Math.min(k, list.length); p++) {
                distinct.add(list[p]);
                if (Arrays.binarySearch(truth, list[p]) >= 0) {
                    hits++;
                    dcg += 1.0 / log2(p + 2);
                    ap += (double) hits / (p + 1);
                }
            }
            double idcg = 0;
            for (int p = 0; p < Math.min(k, truth.length); p++) {
                idcg += 1.0 / log2(p + 2);
            }
            users++;
            sr += (double) hits / truth.length;
            sp += (double) hits / k;
            sn += dcg / idcg;
            sh += hits > 0 ? 1 : 0;
            sa += ap / Math.min(k, truth.length);
        }
        double d = Math.max(1, users);
        return new RankingMetrics(k, users, skipped, sr / d, sp / d, sn / d, sh / d, sa / d, distinct.size());
    }

    /**
     * Evaluates a recommender: for each user, the relevant set is the user's items in {@code test}.
     *
     * @param recommender the fitted recommender; not null
     * @param test the test interactions, same customer indices as the training matrix; not null. Not modified.
     * @param users the customer indices to evaluate. Not modified.
     * @param k the cut-off and list length, at least 1
     * @param excludeSeen passed to {@link Recommender#recommend}
     * @return the averages
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws IndexOutOfBoundsException if a user is outside {@code test}
     */
    public static RankingMetrics evaluate(Recommender recommender, InteractionMatrix test, int[] users, int k,
            boolean excludeSeen) {
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(users, "users");
        ParamChecks.atLeast("k", k, 1);
        int[][] rec = new int[users.length][];
        int[][] rel = new int[users.length][];
        for (int q = 0; q < users.length; q++) {
            rel[q] = test.itemsOf(users[q]);
            rec[q] = rel[q].length == 0 ? new int[0] : recommender.recommend(users[q], k, excludeSeen);
        }
        return of(rec, rel, k);
    }

    /** Refuses a null list or a repeated item (issue 17: a duplicated recommendation gave recall 3.0). */
    private static void requireDistinct(String name, int[] items, int user) {
        if (items == null) {
            throw new IllegalArgumentException(name + "[" + user + "] must not be null, found null");
        }
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(name + "[" + user + "] must hold distinct items, found item "
                        + sorted[i] + " more than once");
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Returns the cut-off.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Returns the number of users averaged over.
     *
     * @return users with a non-empty relevant set
     */
    public int users() {
        return users;
    }

    /**
     * Returns the number of users skipped for an empty relevant set.
     *
     * @return skipped users
     */
    public int skipped() {
        return skipped;
    }

    /**
     * Returns mean recall@k.
     *
     * @return recall in [0, 1]
     */
    public double recall() {
        return recall;
    }

    /**
     * Returns mean precision@k.
     *
     * @return precision in [0, 1]
     */
    public double precision() {
        return precision;
    }

    /**
     * Returns mean NDCG@k.
     *
     * @return NDCG in [0, 1]
     */
    public double ndcg() {
        return ndcg;
    }

    /**
     * Returns the share of users with at least one hit in the top k.
     *
     * @return hit rate in [0, 1]
     */
    public double hitRate() {
        return hitRate;
    }

    /**
     * Returns mean average precision at k.
     *
     * @return MAP@k in [0, 1]
     */
    public double map() {
        return map;
    }

    /**
     * Returns the number of distinct items in the evaluated users' top-k lists.
     *
     * @return distinct recommended items
     */
    public int distinctItems() {
        return distinctItems;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "RankingMetrics{k=%d, users=%d, skipped=%d, recall=%.4f, precision=%.4f, ndcg=%.4f, hitRate=%.4f,"
                + " map=%.4f, distinctItems=%d}", k, users, skipped, recall, precision, ndcg, hitRate, map,
                distinctItems);
    }
}
