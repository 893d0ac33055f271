package dev.segmentation.pipeline;

import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.cluster.ClusterProfile;
import dev.segmentation.cluster.ClusterProfiles;
import dev.segmentation.cluster.OptimalAssignment;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.cluster.SegmentAction;
import dev.segmentation.cluster.SegmentArchetypes;
import dev.segmentation.cluster.SegmentMedians;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The segment profiles, value order, relabelling and matching of the pipeline's summaries stage. Not API. */
final class SegmentProfiling {
    /** A table row without a churn training label. */
    private static final int NO_LABEL = Integer.MIN_VALUE;

    private SegmentProfiling() {
    }

    /**
     * New ids ordered by value: {@code newId[old]}, segment 0 the highest mean of {@code value} (NaN values left
     * out), empty segments last; ties by the old label.
     */
    static int[] valueOrder(int[] labels, int k, double[] value) {
        double[] sum = new double[k];
        long[] count = new long[k];
        long[] size = new long[k];
        for (int i = 0; i < labels.length; i++) {
            size[labels[i]]++;
            if (!Double.isNaN(value[i])) {
                sum[labels[i]] += value[i];
                count[labels[i]]++;
            }
        }
        double[] mean = new double[k];
        for (int c = 0; c < k; c++) {
            mean[c] = size[c] == 0 ? Double.NEGATIVE_INFINITY
                    : count[c] == 0 ? -Double.MAX_VALUE : sum[c] / count[c];
        }
        return SegmentRenumbering.byValue(mean);
    }

    /**
     * Matches a new fit's centres (encoded space) to a previous catalog's (original units, encoded with the new
     * encoder) by the minimum total squared distance; returns {@code newId[new]}: the old id when matched and
     * below k, the free ids in value order otherwise. {@code matched[new]} receives the old id or -1.
     */
    static int[] matchPrevious(SegmentCatalog previous, EncoderPipelineModel encoder, double[][] centres,
            List<String> features, int[] valueOrder, int[] matched, double[] distance) {
        int k = centres.length;
        List<SegmentCatalog.Entry> old = previous.segments();
        double[][] oldRows = new double[old.size()][];
        for (int i = 0; i < old.size(); i++) {
            oldRows[i] = old.get(i).centre();
        }
        FeatureMatrix oldEncoded = encoder.transform(FeatureMatrix.ofRows(features, oldRows));
        double[][] cost = new double[k][old.size()];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < old.size(); i++) {
                double s = 0;
                for (int f = 0; f < centres[j].length; f++) {
                    double diff = centres[j][f] - oldEncoded.get(i, f);
                    s += diff * diff;
                }
                cost[j][i] = Double.isFinite(s) ? s : Double.MAX_VALUE / (k + 1);
            }
        }
        int[] pick = OptimalAssignment.minimize(cost);
        int[] newId = new int[k];
        Arrays.fill(newId, -1);
        boolean[] used = new boolean[k];
        for (int j = 0; j < k; j++) {
            matched[j] = pick[j];
            distance[j] = pick[j] >= 0 ? cost[j][pick[j]] : Double.POSITIVE_INFINITY;
            if (pick[j] >= 0 && pick[j] < k) {
                newId[j] = pick[j];
                used[pick[j]] = true;
            }
        }
        // the rest take the free ids, in value order
        Integer[] byValue = new Integer[k];
        for (int j = 0; j < k; j++) {
            byValue[j] = j;
        }
        Arrays.sort(byValue, (a, b) -> Integer.compare(valueOrder[a], valueOrder[b]));
        int next = 0;
        for (int j : byValue) {
            if (newId[j] < 0) {
                while (used[next]) {
                    next++;
                }
                newId[j] = next;
                used[next] = true;
            }
        }
        return newId;
    }

    /** The inputs of {@link #summarize}. */
    static final class Input {
        TransactionLog observed;
        CustomerFeatureTable table;
        FeatureMatrix raw;
        EncoderPipelineModel encoder;
        boolean encoded;
        int[] segment;
        List<String> givenNames;
        RfmSegmenterModel rfmScores;
        int[][] rfmScore;
        double[] clv;
        double[] pChurn;
        ChurnDataset churnTraining;
        /** Per segment id, a name to keep (already checked to fit) or null; null for none. */
        List<String> keep;
        /** A saved catalog whose names, archetypes and actions are taken as they are (scoring), or null. */
        SegmentCatalog catalog;
        /** The raw rows as the encoder transforms them (the segmentation's input), or null to transform here. */
        FeatureMatrix encodedRows;
        /** Threads of the per-(segment, column) medians and means; the result does not depend on them. */
        int threads = 1;
    }

    static List<SegmentSummary> summarize(Input in) {
        ClusterProfiles.Builder profiler = ClusterProfiles.builder().rfm(in.rfmScores);
        if (in.encoded) {
            profiler.transform(in.encoder);
        }
        List<ClusterProfile> profiles = in.encoded && in.encodedRows != null
                ? profiler.build().profile(in.raw, in.encodedRows, in.segment)
                : profiler.build().profile(in.raw, in.segment);
        int n = in.segment.length;
        int k = 0;
        for (int s : in.segment) {
            k = Math.max(k, s + 1);
        }
        int[][] members = members(in.segment, k);
        double[] monetary = in.table.column(CustomerFeatures.MONETARY);
        double totalRevenue = 0;
        for (double v : monetary) {
            totalRevenue += v;
        }
        double[] recency = in.table.column(CustomerFeatures.RECENCY);
        double[] meanGap = meanInterpurchaseDays(in.table, in.observed);
        int[] customerSegment = new int[in.observed.customerCount()];
        Arrays.fill(customerSegment, -1);
        int[] rowOfCustomer = new int[in.observed.customerCount()];
        Arrays.fill(rowOfCustomer, -1);
        for (int i = 0; i < n; i++) {
            int c = in.observed.customerIndex(in.table.id(i));
            customerSegment[c] = in.segment[i];
            rowOfCustomer[c] = i;
        }
        // each table row's churn training label, NO_LABEL when it has none (the last one of a repeated id wins)
        int[] churnLabel = new int[n];
        Arrays.fill(churnLabel, NO_LABEL);
        if (in.churnTraining != null) {
            int[] labels = in.churnTraining.labels();
            List<String> ids = in.churnTraining.customerIds();
            for (int i = 0; i < labels.length; i++) {
                int c = in.observed.customerIndex(ids.get(i));
                if (c >= 0 && rowOfCustomer[c] >= 0) {
                    churnLabel[rowOfCustomer[c]] = labels[i];
                }
            }
        }
        ItemTallies tallies = ItemTallies.of(in.observed, customerSegment, k, in.threads);
        List<List<String>> top = topItemsBySegment(in.observed, tallies, k);
        List<List<String>> distinctive = distinctiveItems(in.observed, tallies, n, k);

        List<SegmentSummary.Stats> stats = new ArrayList<>();
        List<SegmentMedians> medians = new ArrayList<>();
        List<List<String>> hints = new ArrayList<>();
        double[] meanClv = new double[profiles.size()];
        double[] churnRate = new double[profiles.size()];
        double[][][] columnStats = columnMediansAndMeans(in.raw, profiles, members, in.threads);
        for (int p = 0; p < profiles.size(); p++) {
            ClusterProfile profile = profiles.get(p);
            int[] rows = members[profile.label()];
            SegmentSummary.Stats st = new SegmentSummary.Stats();
            Map<String, Double> med = new LinkedHashMap<>();
            Map<String, Double> mean = new LinkedHashMap<>();
            for (int j = 0; j < in.raw.columns(); j++) {
                med.put(in.raw.name(j), columnStats[p][0][j]);
                mean.put(in.raw.name(j), columnStats[p][1][j]);
            }
            st.medians = Collections.unmodifiableMap(med);
            st.means = Collections.unmodifiableMap(mean);
            double[] r = new double[rows.length];
            double[] f = new double[rows.length];
            double[] m = new double[rows.length];
            double revenue = 0;
            double clvSum = 0;
            double risk = 0;
            double churnSum = 0;
            long labelled = 0;
            long churned = 0;
            for (int q = 0; q < rows.length; q++) {
                int i = rows[q];
                r[q] = in.rfmScore[0][i];
                f[q] = in.rfmScore[1][i];
                m[q] = in.rfmScore[2][i];
                revenue += monetary[i];
                if (in.clv != null && !Double.isNaN(in.clv[i])) {
                    clvSum += in.clv[i];
                    if (in.pChurn != null) {
                        risk += in.clv[i] * in.pChurn[i];
                    }
                }
                if (in.pChurn != null) {
                    churnSum += in.pChurn[i];
                }
                int label = churnLabel[i];
                if (label != NO_LABEL) {
                    labelled++;
                    churned += label;
                }
            }
            long lapsed = 0;
            long overdue = 0;
            for (int q = 0; q < rows.length; q++) {
                if (r[q] <= 1) {
                    lapsed++;
                }
                if (SegmentMedians.customerOverdue(recency[rows[q]], meanGap[rows[q]])) {
                    overdue++;
                }
            }
            st.rfmMedians = new SegmentMedians(med.get(CustomerFeatures.RECENCY), med.get(CustomerFeatures.FREQUENCY),
                    med.get(CustomerFeatures.MONETARY), median(r), median(f), median(m),
                    rows.length == 0 ? 0 : (double) lapsed / rows.length,
                    rows.length == 0 ? 0 : (double) overdue / rows.length);
            st.revenue = revenue;
            st.revenueShare = totalRevenue > 0 ? revenue / totalRevenue : 0;
            if (in.clv != null) {
                st.clvTotal = clvSum;
                if (in.pChurn != null) {
                    st.valueAtRisk = risk;
                }
            }
            st.observedChurn = labelled == 0 ? Double.NaN : (double) churned / labelled;
            st.distinctiveItems = distinctive.get(profile.label());
            meanClv[p] = in.clv == null ? Double.NaN : clvSum / profile.size();
            churnRate[p] = in.pChurn == null ? Double.NaN : churnSum / profile.size();
            stats.add(st);
            medians.add(st.rfmMedians);
            hints.add(hints(profile));
        }
        List<SegmentArchetypes.Naming> naming = null;
        if (in.catalog != null) {
            naming = new ArrayList<>();
            for (ClusterProfile profile : profiles) {
                SegmentCatalog.Entry e = in.catalog.segments().get(profile.label());
                SegmentAction action = e.action().isEmpty()
                        ? SegmentArchetypes.descriptiveAction(medians.get(naming.size()))
                        : SegmentAction.ofLabel(e.action());
                naming.add(new SegmentArchetypes.Naming(e.name(), e.archetype(), action));
            }
        } else if (in.givenNames == null) {
            List<String> keep = new ArrayList<>();
            for (ClusterProfile profile : profiles) {
                keep.add(in.keep == null ? null : in.keep.get(profile.label()));
            }
            naming = SegmentArchetypes.assign(medians, hints, keep);
        }
        List<SegmentSummary> out = new ArrayList<>(profiles.size());
        for (int p = 0; p < profiles.size(); p++) {
            ClusterProfile profile = profiles.get(p);
            SegmentSummary.Stats st = stats.get(p);
            String name;
            if (naming != null) {
                name = naming.get(p).name();
                st.archetype = naming.get(p).archetype();
                st.action = naming.get(p).action();
            } else {
                name = in.givenNames.get(profile.label());
                st.action = SegmentArchetypes.named(name).map(SegmentArchetypes.Archetype::action)
                        .orElse(SegmentArchetypes.descriptiveAction(st.rfmMedians));
            }
            st.itemDescriptions = descriptions(in.observed, top.get(profile.label()), st.distinctiveItems);
            out.add(new SegmentSummary(profile, name, meanClv[p], churnRate[p], top.get(profile.label()), st));
        }
        return out;
    }

    /** The descriptions of the given items, where the log has them. */
    static Map<String, String> descriptions(TransactionLog log, List<String> top, List<String> distinctive) {
        if (!log.hasItemDescriptions()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> items : List.of(top, distinctive)) {
            for (String id : items) {
                int i = log.itemIndex(id);
                if (i >= 0) {
                    log.itemDescription(i).ifPresent(d -> out.put(id, d));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Readable phrases of a profile's distinguishing features: "high mean basket value". */
    static List<String> hints(ClusterProfile profile) {
        List<String> out = new ArrayList<>();
        for (ClusterProfile.Contrast c : profile.distinguishing()) {
            if (c.effect() == 0 || Double.isNaN(c.effect())) {
                continue;
            }
            out.add((c.effect() > 0 ? "high " : "low ") + label(c.feature()));
        }
        return out;
    }

    /** A feature name for people: {@code share_channel=app} becomes "app channel share". */
    static String label(String feature) {
        if (feature.startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX)) {
            return feature.substring(CustomerFeatures.CATEGORY_SHARE_PREFIX.length()) + " share";
        }
        if (feature.startsWith(CustomerFeatures.CHANNEL_SHARE_PREFIX)) {
            return feature.substring(CustomerFeatures.CHANNEL_SHARE_PREFIX.length()) + " channel share";
        }
        return feature.replace('_', ' ');
    }

    static int[][] members(int[] segment, int k) {
        int[] size = new int[k];
        for (int s : segment) {
            size[s]++;
        }
        int[][] out = new int[k][];
        for (int c = 0; c < k; c++) {
            out[c] = new int[size[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < segment.length; i++) {
            out[segment[i]][fill[segment[i]]++] = i;
        }
        return out;
    }

    /**
     * Per profile p and raw column j: {@code [p][0][j]} the median and {@code [p][1][j]} the mean of the profile's
     * members, each (p, j) on its own (so the same bits for every thread count).
     */
    static double[][][] columnMediansAndMeans(FeatureMatrix raw, List<ClusterProfile> profiles, int[][] members,
            int threads) {
        int d = raw.columns();
        double[][][] out = new double[profiles.size()][2][d];
        int tasks = profiles.size() * d;
        try (ChunkRunner runner = new ChunkRunner(Math.max(1, Math.min(threads, tasks)), "summaries")) {
            runner.run(tasks, (t, worker) -> {
                int p = t / d;
                int j = t % d;
                int[] rows = members[profiles.get(p).label()];
                double[] v = new double[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    v[r] = raw.get(rows[r], j);
                }
                out[p][1][j] = mean(v); // before the selection reorders v
                out[p][0][j] = medianInPlace(v);
            });
        }
        return out;
    }

    /** The median: the middle value, or the mean of the two middle values; NaN for none. Not modified. */
    static double median(double[] values) {
        return medianInPlace(values.clone());
    }

    /**
     * {@link #median} of {@code v}, reordering it: the value(s) a sort would put in the middle, found by selection
     * in O(n) on keys ordered as {@link Arrays#sort(double[])} orders doubles (-0.0 before 0.0), so the same bits
     * as sorting a copy.
     */
    static double medianInPlace(double[] v) {
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) { // sorted last whatever their bits: take the plain route
                Arrays.sort(v);
                int h = n / 2;
                return n % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
            }
            key[i] = sortKey(v[i]);
        }
        int h = n / 2;
        select(key, h);
        double upper = fromSortKey(key[h]);
        if (n % 2 == 1) {
            return upper;
        }
        long below = key[0];
        for (int i = 1; i < h; i++) {
            below = Math.max(below, key[i]);
        }
        return (fromSortKey(below) + upper) / 2;
    }

    /** A long whose signed order is the order of {@link Double#compare} on non-NaN doubles. */
    static long sortKey(double x) {
        long b = Double.doubleToRawLongBits(x);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    /** The double of a {@link #sortKey} (the mapping is its own inverse). */
    static double fromSortKey(long k) {
        return Double.longBitsToDouble(k ^ ((k >> 63) & Long.MAX_VALUE));
    }

    /**
     * Reorders {@code a} so that {@code a[h]} holds the value a sort would put there, with nothing greater before
     * it and nothing smaller after it (Hoare's selection, median-of-three pivots).
     */
    static void select(long[] a, int h) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot
            if (h <= j) {
                hi = j;
            } else if (h >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    static FeatureMatrix rfmColumns(CustomerFeatureTable table) {
        int n = table.size();
        double[] data = new double[3 * n];
        double[] r = table.column(CustomerFeatures.RECENCY);
        double[] f = table.column(CustomerFeatures.FREQUENCY);
        double[] m = table.column(CustomerFeatures.MONETARY);
        for (int i = 0; i < n; i++) {
            data[3 * i] = r[i];
            data[3 * i + 1] = f[i];
            data[3 * i + 2] = m[i];
        }
        return FeatureMatrix.of(List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY,
                CustomerFeatures.MONETARY), n, data);
    }

    /**
     * Per segment and item, the purchase lines and the buying customers (non-products left out), and per item the
     * buying customers of all segments: one pass over the rows of every customer with a segment. Customers are
     * split into ranges, each counted into its own arrays, and the integer counts added: the same for every split.
     */
    static final class ItemTallies {
        /** Purchase lines per segment and item. */
        final long[][] lines;
        /** Customers who bought the item, per segment. */
        final long[][] buyers;
        /** Customers who bought the item, all segments. */
        final long[] all;
        /** Customers per segment. */
        final long[] size;

        private ItemTallies(int k, int items) {
            lines = new long[k][items];
            buyers = new long[k][items];
            all = new long[items];
            size = new long[k];
        }

        static ItemTallies of(TransactionLog observed, int[] customerSegment, int k, int threads) {
            int items = observed.itemCount();
            int customers = customerSegment.length;
            int ranges = Math.max(1, Math.min(customers, 4 * threads));
            int width = Math.max(1, (customers + ranges - 1) / ranges);
            List<ItemTallies> parts;
            try (ChunkRunner runner = new ChunkRunner(threads, "summaries")) {
                parts = runner.map(customers, width, (from, to) -> {
                    ItemTallies t = new ItemTallies(k, items);
                    int[] stamp = new int[items];
                    Arrays.fill(stamp, -1);
                    for (int c = from; c < to; c++) {
                        int s = customerSegment[c];
                        if (s < 0) {
                            continue;
                        }
                        t.size[s]++;
                        long[] lines = t.lines[s];
                        long[] buyers = t.buyers[s];
                        TransactionLog.CustomerRows rows = observed.rowsOf(c);
                        for (int q = 0; q < rows.size(); q++) {
                            int item = observed.item(rows.row(q));
                            if (item >= 0 && !observed.isNonProduct(item)) {
                                lines[item]++;
                                if (stamp[item] != c) {
                                    stamp[item] = c;
                                    buyers[item]++;
                                    t.all[item]++;
                                }
                            }
                        }
                    }
                    return t;
                });
            }
            if (parts.isEmpty()) {
                return new ItemTallies(k, items);
            }
            ItemTallies sum = parts.get(0);
            for (int p = 1; p < parts.size(); p++) {
                ItemTallies t = parts.get(p);
                for (int s = 0; s < k; s++) {
                    sum.size[s] += t.size[s];
                    for (int item = 0; item < items; item++) {
                        sum.lines[s][item] += t.lines[s][item];
                        sum.buyers[s][item] += t.buyers[s][item];
                    }
                }
                for (int item = 0; item < items; item++) {
                    sum.all[item] += t.all[item];
                }
            }
            return sum;
        }
    }

    /** The most bought items per segment ({@link SegmentItems#topItems}) from the tallies. */
    static List<List<String>> topItemsBySegment(TransactionLog observed, ItemTallies tallies, int k) {
        if (observed.itemCount() == 0) {
            return Collections.nCopies(k, List.of());
        }
        return SegmentItems.topItems(itemIds(observed), tallies.lines);
    }

    /**
     * The distinctive items per segment ({@link SegmentItems#distinctiveItems}) from the tallies; {@code n} is the
     * number of customers.
     */
    static List<List<String>> distinctiveItems(TransactionLog observed, ItemTallies tallies, int n, int k) {
        if (observed.itemCount() == 0) {
            return Collections.nCopies(k, List.of());
        }
        return SegmentItems.distinctiveItems(itemIds(observed), tallies.buyers, tallies.all, tallies.size, n);
    }

    /**
     * Each table row's {@value CustomerFeatures#MEAN_INTERPURCHASE_DAYS}: the table's column when the features
     * have it, else computed from the log with the same definition (a segment is overdue by these gaps whatever
     * features it was fitted on).
     */
    static double[] meanInterpurchaseDays(CustomerFeatureTable table, TransactionLog observed) {
        if (table.names().contains(CustomerFeatures.MEAN_INTERPURCHASE_DAYS)) {
            return table.column(CustomerFeatures.MEAN_INTERPURCHASE_DAYS);
        }
        double[] byCustomer = CustomerFeatures.meanInterpurchaseDays(observed, table.asOf());
        double[] out = new double[table.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byCustomer[observed.customerIndex(table.id(i))];
        }
        return out;
    }

    /** The log's item ids in item order. */
    private static List<String> itemIds(TransactionLog log) {
        List<String> ids = new ArrayList<>(log.itemCount());
        for (int i = 0; i < log.itemCount(); i++) {
            ids.add(log.itemId(i));
        }
        return ids;
    }

    /**
     * Tells whether a previous segment's name still fits a segment with these medians: its archetype's
     * conditions hold, or, for a descriptive name, the description of the medians is unchanged.
     */
    static boolean stillFits(String name, SegmentCatalog previous, SegmentMedians medians) {
        for (SegmentCatalog.Entry e : previous.segments()) {
            if (e.name().equals(name)) {
                if (!e.archetype().isEmpty()) {
                    return SegmentArchetypes.named(e.archetype())
                            .map(a -> a.holdsWithin(medians, SegmentArchetypes.KEEP_TOLERANCE)).orElse(false)
                            && e.archetype().equals(name);
                }
                return SegmentArchetypes.describes(name, medians, SegmentArchetypes.KEEP_TOLERANCE);
            }
        }
        return false;
    }

    /** The action label of a summary, for the catalog. */
    static String actionLabel(SegmentAction a) {
        return a == null ? "" : a.label();
    }
}
