package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.DriftReport;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnnNeighborsModel;
import dev.segmentation.recommend.Recommender;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a saved pipeline bundle ({@link SegmentationResult#models()}, e.g. written by {@code run
 * --save-models}) to a transaction log without refitting: the customer features as of a date, the bundle's
 * encoder and segment model (so every customer keeps the bundle's segment ids and names), the RFM scores, and,
 * when the bundle has them, P(churn) over its churn horizon and P(alive), expected purchases and CLV over its
 * lifetime-value horizon (from the bundle's {@code lifetimeValue} entry, any {@link LifetimeValueModel}, or its
 * {@code transactions} and {@code spend} entries, a {@link BtydLifetimeValueModel}). The result is a {@link SegmentationResult} (so the run's CSV writers and report apply)
 * with {@link SegmentationResult#movement()} (old to new segment of the bundle's training customers) and
 * {@link SegmentationResult#drift()} (population stability against the bundle's baseline).
 *
 * <p>Scored on the data it was fitted on, with the same as-of date, a bundle reproduces the pipeline's own
 * segments, scores and recommendations bit for bit. Recommendations come from the bundle's recommender as
 * fitted (its customers' histories are those of its training data): a customer it does not know gets none. A
 * neighbour-list recommender ({@link ItemKnnNeighborsModel}, as a Spark run saves it) holds no customer: every
 * scored customer is recommended for from the scored lines, the history being the customer's row of
 * {@link ItemKnnNeighborsModel#interactions()} (the training matrix's weighting, non-products left out unless it
 * kept them) with items mapped to the recommender's by id (unknown items dropped); on the training lines that is
 * the training row, so the lists equal the fit's own bit for bit.
 *
 * <pre>{@code
 * ModelBundle bundle = ModelJson.read(file, ModelBundle.class);
 * SegmentationResult scored = BundleScorer.of(bundle).score(log, asOf);
 * }</pre>
 * (region {@code BundleScorer} of {@code BundleScorerTest}).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class BundleScorer {
    /** The entries a bundle must have. */
    public static final List<String> REQUIRED = List.of("encoder", "rfm", "segments", "catalog", "baseline");

    private final EncoderPipelineModel encoder;
    private final RfmSegmenterModel rfm;
    private final ClusterModel segmenter;
    private final SegmentCatalog catalog;
    private final PopulationStabilityModel baseline;
    private final ChurnModel churn;
    private final LifetimeValueModel lifetimeValue;
    private final Recommender recommender;
    private final ItemKnnNeighborsModel neighbors;
    /** Whether the bundle has a recommender entry at all. */
    private final boolean hasRecommender;

    private BundleScorer(ModelBundle b) {
        Map<String, Object> m = b.models();
        for (String name : REQUIRED) {
            if (!m.containsKey(name)) {
                throw new IllegalArgumentException("bundle must have the entries " + REQUIRED + " (a bundle saved by "
                        + "run --save-models), found " + b.names());
            }
        }
        this.encoder = entry(m, "encoder", EncoderPipelineModel.class, "an encoder-pipeline");
        this.rfm = entry(m, "rfm", RfmSegmenterModel.class, "an rfm-segmenter");
        Object seg = m.get("segments");
        if (seg instanceof ClusterModel c) {
            this.segmenter = c;
        } else {
            throw new IllegalArgumentException("bundle entry segments must be a kmeans or gaussian-mixture model, "
                    + "found " + seg.getClass().getSimpleName());
        }
        this.catalog = entry(m, "catalog", SegmentCatalog.class, "a segment-catalog");
        this.baseline = entry(m, "baseline", PopulationStabilityModel.class, "a population-stability");
        int k = segmenter.k();
        if (catalog.segments().size() != k) {
            throw new IllegalArgumentException("bundle entry catalog must have " + k + " segments (one per centre), "
                    + "found " + catalog.segments().size());
        }
        this.churn = m.containsKey("churn") && catalog.churnHorizonDays() > 0
                ? entry(m, "churn", ChurnModel.class, "a logistic-regression") : null;
        if ((m.containsKey("lifetimeValue") || m.containsKey("transactions")) && !catalog.clvHorizon().isEmpty()) {
            if (m.containsKey("lifetimeValue")) {
                this.lifetimeValue = entry(m, "lifetimeValue", LifetimeValueModel.class, "a lifetime-value");
            } else {
                BtydModel transactions = entry(m, "transactions", BtydModel.class,
                        "a bgnbd, modified-bgnbd or pareto-nbd");
                if (!m.containsKey("spend")) {
                    throw new IllegalArgumentException("bundle must have a spend entry beside transactions, found "
                            + b.names());
                }
                this.lifetimeValue = BtydLifetimeValueModel.of(transactions,
                        entry(m, "spend", GammaGammaModel.class, "a gamma-gamma"));
            }
            try {
                Period.parse(catalog.clvHorizon());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bundle entry catalog clvHorizon must be an ISO-8601 period, found "
                        + "\"" + catalog.clvHorizon() + "\"", e);
            }
        } else {
            this.lifetimeValue = null;
        }
        Object rec = m.get("recommender");
        this.hasRecommender = rec != null;
        this.recommender = rec instanceof Recommender r && catalog.topN() > 0
                && catalog.recommenderCustomers().length > 0 ? r : null;
        this.neighbors = rec instanceof ItemKnnNeighborsModel nl && catalog.topN() > 0 ? nl : null;
        if (neighbors != null && catalog.recommenderItems().length != neighbors.items()) {
            throw new IllegalArgumentException("bundle entry catalog recommenderItems must have "
                    + neighbors.items() + " ids (one per item of the recommender), found "
                    + catalog.recommenderItems().length);
        }
        for (String f : catalog.features()) {
            if (!computable(f)) {
                throw new IllegalArgumentException("bundle entry catalog features must be customer features a "
                        + "transaction log gives, found \"" + f + "\"");
            }
        }
    }

    /**
     * Recommendations of a neighbour-list recommender from the scored lines: each customer's history is the
     * customer's row of {@code neighbors.interactions().build(observed)} (the training rule: the same weighting,
     * non-products left out as there), its items mapped to the recommender's item index by id (items the
     * recommender does not know are dropped: they have no neighbours and cannot be recommended), in increasing
     * index, the order of a training row; then the top {@code catalog.topN()} unseen items, as indices into the
     * catalog's recommender items. A row's items are strictly increasing, so an item's weight is read at its place
     * in the row (what {@code matrix.get} finds by binary search).
     */
    private int[][] fromHistories(TransactionLog observed, CustomerFeatureTable table) {
        String[] recItems = catalog.recommenderItems();
        Map<String, Integer> itemIndex = new HashMap<>(recItems.length * 2);
        for (int j = 0; j < recItems.length; j++) {
            itemIndex.put(recItems[j], j);
        }
        int[] toModel = new int[observed.itemCount()];
        for (int j = 0; j < toModel.length; j++) {
            toModel[j] = itemIndex.getOrDefault(observed.itemId(j), -1);
        }
        InteractionMatrix matrix = neighbors.interactions().build(observed);
        int[] rowPtr = matrix.rowPtr();
        int[] cols = matrix.cols();
        double[] values = matrix.values();
        int n = table.size();
        int[][] topItems = new int[n][];
        long[] keyed = new long[16];
        for (int i = 0; i < n; i++) {
            int u = observed.customerIndex(table.id(i));
            int from = u < 0 ? 0 : rowPtr[u];
            int length = u < 0 ? 0 : rowPtr[u + 1] - from;
            if (keyed.length < length) {
                keyed = new long[Math.max(length, 2 * keyed.length)];
            }
            int kept = 0;
            for (int q = 0; q < length; q++) {
                int j = toModel[cols[from + q]];
                if (j >= 0) {
                    keyed[kept++] = ((long) j << 32) | q;
                }
            }
            Arrays.sort(keyed, 0, kept);
            int[] items = new int[kept];
            double[] weights = new double[kept];
            for (int q = 0; q < kept; q++) {
                items[q] = (int) (keyed[q] >>> 32);
                weights[q] = values[from + (int) keyed[q]];
            }
            topItems[i] = neighbors.recommend(items, weights, catalog.topN(), true);
        }
        return topItems;
    }

    private static <T> T entry(Map<String, Object> m, String name, Class<T> type, String what) {
        Object o = m.get(name);
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException("bundle entry " + name + " must be " + what + " model, found "
                    + (o == null ? "none" : o.getClass().getSimpleName()));
        }
        return type.cast(o);
    }

    private static boolean computable(String f) {
        return List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY, CustomerFeatures.MONETARY,
                CustomerFeatures.TENURE, CustomerFeatures.MEAN_BASKET_VALUE, CustomerFeatures.MEAN_ITEMS_PER_ORDER,
                CustomerFeatures.MEAN_DISTINCT_ITEMS_PER_ORDER, CustomerFeatures.MEAN_INTERPURCHASE_DAYS).contains(f)
                || f.startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX)
                || f.startsWith(CustomerFeatures.CHANNEL_SHARE_PREFIX);
    }

    /**
     * Checks a bundle and makes a scorer of it.
     *
     * @param bundle a bundle with at least the entries {@link #REQUIRED}; not null
     * @return the scorer
     * @throws IllegalArgumentException if an entry is missing or of the wrong type, e.g. {@code "bundle must have
     *     the entries [encoder, rfm, segments, catalog, baseline] (a bundle saved by run --save-models), found
     *     [encoder, rfm, segments]"}
     */
    public static BundleScorer of(ModelBundle bundle) {
        return new BundleScorer(Objects.requireNonNull(bundle, "bundle"));
    }

    /**
     * Returns the bundle's catalog.
     *
     * @return the catalog
     */
    public SegmentCatalog catalog() {
        return catalog;
    }

    /**
     * The warning of the {@code score} commands about the {@code top_items} column, if there is one to give: the
     * bundle has no recommender (the column is empty), or some scored customers have no items (customers unknown to
     * the recommender, new since it was fitted).
     *
     * @param customersWithoutItems the scored customers whose list is empty, {@code >= 0}
     * @return the warning, without the {@code "warning: "} prefix, or empty
     * @throws IllegalArgumentException if the count is negative
     */
    public Optional<String> topItemsWarning(long customersWithoutItems) {
        if (customersWithoutItems < 0) {
            throw new IllegalArgumentException("customersWithoutItems must be >= 0, found " + customersWithoutItems);
        }
        if (!hasRecommender) {
            return Optional.of("top_items: the bundle has no recommender; the column is empty");
        }
        return customersWithoutItems == 0 ? Optional.empty() : Optional.of("top_items: " + customersWithoutItems
                + " customers unknown to the bundle's recommender (new since it was fitted) have no recommendations");
    }

    /**
     * Scores every customer with a purchase before the as-of date.
     *
     * @param log the transactions; not null. Not modified.
     * @param asOf the first day not observed: after the log's first purchase date and at most the day after its
     *     last; not null
     * @return the scored result, with movement and drift
     * @throws IllegalArgumentException if the as-of date is out of range ({@code "asOf must be after the first
     *     purchase date 2010-12-01, found 2010-11-01"})
     * @throws InvalidDataException if the log is empty
     */
    public SegmentationResult score(TransactionLog log, LocalDate asOf) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(asOf, "asOf");
        Computed c = compute(log, asOf, log.hasCategory(), log.hasChannel());
        List<List<String>> topItems = null;
        if (c.topItems != null) {
            String[] recItems = catalog.recommenderItems();
            topItems = new ArrayList<>(c.topItems.length);
            for (int[] items : c.topItems) {
                String[] ids = new String[items.length];
                for (int j = 0; j < items.length; j++) {
                    ids[j] = recItems[items[j]];
                }
                topItems.add(List.of(ids));
            }
        }
        long t0 = System.nanoTime();
        SegmentProfiling.Input in = new SegmentProfiling.Input();
        in.observed = c.observed;
        in.table = c.table;
        in.raw = c.raw;
        in.encoder = encoder;
        in.encoded = true;
        in.segment = c.segment;
        in.rfmScores = rfm;
        in.rfmScore = c.rfmScore;
        in.clv = c.clv;
        in.pChurn = c.pChurn;
        in.catalog = catalog;
        SegmentationResult.Models models = c.models;
        List<SegmentSummary> summaries = SegmentProfiling.summarize(in);
        models.summaries = summaries;
        models.catalog = catalog;
        models.baseline = baseline;
        models.movement = SegmentMovement.of(catalog, c.table.ids(), c.segment, catalog.names());
        models.drift = drift(c.raw, c.segment);
        c.timings.put("summaries", Duration.ofNanos(System.nanoTime() - t0));
        return new SegmentationResult(asOf, c.observed, c.table, c.raw, encoder, c.segment, c.rfmScore, c.pChurn,
                c.pAlive, c.expected, c.clv, topItems, summaries, c.timings, models);
    }

    /**
     * Refuses lines without a column whose shares the bundle's segments use: every share would be 0 and customers
     * would move between segments without a word. A share absent from a window (a category nobody bought in it) is
     * 0, which is not refused.
     *
     * @param linesHaveCategory whether the lines have a category column (some line has a category)
     * @param linesHaveChannel whether the lines have a channel column (some line has a channel)
     * @throws IllegalArgumentException if the bundle's features use category shares and the lines have no category
     *     ({@code "lines must have a category column (the bundle's segments use category shares; map it, e.g.
     *     --category), found none"}), or the same for channel shares
     */
    public void checkColumns(boolean linesHaveCategory, boolean linesHaveChannel) {
        List<String> names = catalog.features();
        if (!linesHaveCategory && names.stream().anyMatch(f -> f.startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX))) {
            throw new IllegalArgumentException("lines must have a category column (the bundle's segments use "
                    + "category shares; map it, e.g. --category), found none");
        }
        if (!linesHaveChannel && names.stream().anyMatch(f -> f.startsWith(CustomerFeatures.CHANNEL_SHARE_PREFIX))) {
            throw new IllegalArgumentException("lines must have a channel column (the bundle's segments use "
                    + "channel shares; map it, e.g. --channel), found none");
        }
    }

    /**
     * Scores every customer with a purchase before the as-of date, as {@link #score} does, without what describes the
     * population as a whole (the segment summaries, movement and drift) and without a {@link SegmentationResult}: the
     * per-customer values only, in {@link #score}'s row order and equal to its values bit for bit, at less cost. For
     * a caller that scores a log in parts (one per Spark partition, say) and aggregates the rows itself.
     *
     * <pre>{@code
     * BundleScorer.CustomerScores s = BundleScorer.of(bundle).scoreCustomers(log, asOf);
     * long[] sizes = new long[bundle.get("segments", ClusterModel.class).k()];
     * for (int i = 0; i < s.size(); i++) {
     *     sizes[s.segment(i)]++;
     * }
     * }</pre>
     * (region {@code scoreCustomers} of {@code BundleScorerTest}).
     *
     * <p>O(the log's lines) plus the models' per-customer costs; allocates one array per column, not one object per
     * customer.
     *
     * @param log the transactions; not null. Not modified.
     * @param asOf the first day not observed: after the log's first purchase date and at most the day after its
     *     last; not null
     * @return the scores
     * @throws IllegalArgumentException as {@link #score}
     * @throws InvalidDataException if the log is empty
     */
    public CustomerScores scoreCustomers(TransactionLog log, LocalDate asOf) {
        Objects.requireNonNull(log, "log");
        return scoreCustomers(log, asOf, log.hasCategory(), log.hasChannel());
    }

    /**
     * {@link #scoreCustomers(TransactionLog, LocalDate)} of a slice of larger lines (one partition of lines arranged
     * by customer, each customer's lines all in the slice), as a distributed engine scores them. The column check
     * ({@link #checkColumns}) reads whether the whole lines have a category and a channel column, not whether the
     * slice does: a slice none of whose lines has a category gives its customers category shares of 0, as one log of
     * all the lines gives them.
     *
     * @param log the slice's transactions; not null. Not modified.
     * @param asOf the first day not observed, as for {@code scoreCustomers}; not null
     * @param linesHaveCategory whether the whole lines have a category column (true also when the slice has one)
     * @param linesHaveChannel whether the whole lines have a channel column (true also when the slice has one)
     * @return the scores
     * @throws IllegalArgumentException if the as-of date is out of range, or a column the bundle's segments use is
     *     missing ({@link #checkColumns})
     * @throws InvalidDataException if the log is empty
     */
    public CustomerScores scoreCustomers(TransactionLog log, LocalDate asOf, boolean linesHaveCategory,
            boolean linesHaveChannel) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(asOf, "asOf");
        return new CustomerScores(compute(log, asOf, linesHaveCategory, linesHaveChannel), catalog);
    }

    /** The per-customer part of a score, shared by {@link #score} and {@link #scoreCustomers}. */
    private static final class Computed {
        TransactionLog observed;
        CustomerFeatureTable table;
        FeatureMatrix raw;
        int[][] rfmScore;
        int[] segment;
        double[] pAlive;
        double[] expected;
        double[] clv;
        double[] pChurn;
        /** Per row the recommended items, indices into the catalog's recommender items; null without a recommender. */
        int[][] topItems;
        final Map<String, Duration> timings = new LinkedHashMap<>();
        final SegmentationResult.Models models = new SegmentationResult.Models();
    }

    private Computed compute(TransactionLog log, LocalDate asOf, boolean linesHaveCategory,
            boolean linesHaveChannel) {
        AsOfDates.check(log, asOf);
        checkColumns(linesHaveCategory || log.hasCategory(), linesHaveChannel || log.hasChannel());
        LocalDate dayAfterLast = log.lastDateTime().toLocalDate().plusDays(1);
        LocalDate lastDay = asOf.minusDays(1);
        TransactionLog observed = asOf.equals(dayAfterLast) ? log : log.onOrBefore(lastDay);
        Computed out = new Computed();
        out.observed = observed;
        Map<String, Duration> timings = out.timings;
        SegmentationResult.Models models = out.models;

        long t0 = System.nanoTime();
        List<String> names = catalog.features();
        CustomerFeatures.Builder fb = CustomerFeatures.builder().asOf(asOf).rfm();
        if (names.contains(CustomerFeatures.TENURE)) {
            fb.tenure();
        }
        if (names.contains(CustomerFeatures.MEAN_BASKET_VALUE) || names.contains(CustomerFeatures.MEAN_ITEMS_PER_ORDER)
                || names.contains(CustomerFeatures.MEAN_DISTINCT_ITEMS_PER_ORDER)
                || names.contains(CustomerFeatures.MEAN_INTERPURCHASE_DAYS)) {
            fb.behaviour();
        }
        // the columns were checked above; a share absent from this window (or slice) is 0 (select)
        if (names.stream().anyMatch(f -> f.startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX))) {
            fb.categoryShares();
        }
        if (names.stream().anyMatch(f -> f.startsWith(CustomerFeatures.CHANNEL_SHARE_PREFIX))) {
            fb.channelShares();
        }
        CustomerFeatureTable table = fb.build().compute(observed);
        out.table = table;
        int n = table.size();
        FeatureMatrix raw = table.matrix().names().equals(names) ? table.matrix() : select(table, names);
        out.raw = raw;
        FeatureMatrix rfmX = SegmentProfiling.rfmColumns(table);
        out.rfmScore = FeaturesStage.scores(rfm.segment(rfmX), n);
        models.rfmScores = rfm;
        timings.put("features", Duration.ofNanos(System.nanoTime() - t0));

        t0 = System.nanoTime();
        FeatureMatrix encoded = encoder.transform(raw);
        out.segment = segmenter.predict(encoded);
        models.segmenter = segmenter;
        timings.put("segments", Duration.ofNanos(System.nanoTime() - t0));

        if (lifetimeValue != null) {
            t0 = System.nanoTime();
            Period horizon = Period.parse(catalog.clvHorizon());
            BtydSummary summary = BtydSummarizer.builder().end(lastDay).unit(lifetimeValue.unit()).build()
                    .summarize(observed);
            CustomerValues values = CustomerValues.of(lifetimeValue, Clv.builder().horizon(horizon)
                    .annualDiscountRate(catalog.annualDiscountRate()).build(), horizon, summary, table);
            out.pAlive = values.pAlive;
            out.expected = values.expected;
            out.clv = values.clv;
            models.transactions = lifetimeValue.transactionModel().orElse(null);
            models.lifetimeValue = lifetimeValue;
            models.summary = summary;
            timings.put("lifetimeValue", Duration.ofNanos(System.nanoTime() - t0));
        }

        if (churn != null) {
            t0 = System.nanoTime();
            ChurnFeatures churnFeatures = ChurnFeatures.standard();
            double[] row = new double[churnFeatures.names().size()];
            double[] pChurn = new double[n];
            for (int i = 0; i < n; i++) {
                churnFeatures.compute(observed, observed.customerIndex(table.id(i)), lastDay, row);
                pChurn[i] = churn.predictProbability(row);
            }
            out.pChurn = pChurn;
            timings.put("churn", Duration.ofNanos(System.nanoTime() - t0));
        }

        if (recommender != null) {
            t0 = System.nanoTime();
            String[] recCustomers = catalog.recommenderCustomers();
            Map<String, Integer> index = new HashMap<>(recCustomers.length * 2);
            for (int c = 0; c < recCustomers.length; c++) {
                index.put(recCustomers[c], c);
            }
            int[][] topItems = new int[n][];
            for (int i = 0; i < n; i++) {
                Integer c = index.get(table.id(i));
                topItems[i] = c == null ? new int[0] : recommender.recommend(c, catalog.topN(), true);
            }
            out.topItems = topItems;
            timings.put("recommendations", Duration.ofNanos(System.nanoTime() - t0));
        } else if (neighbors != null) {
            t0 = System.nanoTime();
            out.topItems = fromHistories(observed, table);
            timings.put("recommendations", Duration.ofNanos(System.nanoTime() - t0));
        }
        return out;
    }

    private ScoreDrift drift(FeatureMatrix raw, int[] segment) {
        DriftReport features = baseline.compare(raw);
        long[] customers = new long[catalog.segments().size()];
        for (int s : segment) {
            customers[s]++;
        }
        return ScoreDrift.of(features, catalog, customers, baseline.epsilon());
    }

    /** The catalog's columns, a category or channel share absent from this window being 0. */
    private static FeatureMatrix select(CustomerFeatureTable table, List<String> names) {
        int n = table.size();
        int d = names.size();
        double[] data = new double[n * d];
        List<String> have = table.names();
        for (int j = 0; j < d; j++) {
            if (!have.contains(names.get(j))) {
                continue;
            }
            double[] col = table.column(names.get(j));
            for (int i = 0; i < n; i++) {
                data[i * d + j] = col[i];
            }
        }
        return FeatureMatrix.of(names, n, data);
    }

    /**
     * The per-customer values of one {@link #scoreCustomers} call, by row: the rows of {@link #score}'s result, in
     * its order, with its values bit for bit ({@link CustomerProfile} by profile, here by column). A value of a
     * stage the bundle does not have is NaN, as in {@link CustomerProfile}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class CustomerScores {
        private final CustomerFeatureTable table;
        private final FeatureMatrix modelFeatures;
        private final double[] recency;
        private final double[] frequency;
        private final double[] monetary;
        private final int[] segment;
        private final int[][] rfmScore;
        private final double[] pChurn;
        private final double[] pAlive;
        private final double[] expected;
        private final double[] clv;
        private final int[][] topItems;
        private final String[] segmentNames;

        private CustomerScores(Computed c, SegmentCatalog catalog) {
            this.table = c.table;
            this.modelFeatures = c.raw;
            this.recency = c.table.column(CustomerFeatures.RECENCY);
            this.frequency = c.table.column(CustomerFeatures.FREQUENCY);
            this.monetary = c.table.column(CustomerFeatures.MONETARY);
            this.segment = c.segment;
            this.rfmScore = c.rfmScore;
            this.pChurn = c.pChurn;
            this.pAlive = c.pAlive;
            this.expected = c.expected;
            this.clv = c.clv;
            this.topItems = c.topItems;
            this.segmentNames = catalog.names().toArray(new String[0]);
        }

        /**
         * Returns the number of customers scored.
         *
         * @return the count
         */
        public int size() {
            return table.size();
        }

        /**
         * Returns the features the bundle's segments read, one row per customer in this order (the columns of the
         * catalog's features, a share absent from the log 0): {@link SegmentationResult#modelFeatures()} of
         * {@link #score}, from which its drift is computed.
         *
         * @return the matrix (immutable)
         */
        public FeatureMatrix modelFeatures() {
            return modelFeatures;
        }

        /**
         * Returns a customer's id.
         *
         * @param i a row in {@code [0, size())}
         * @return the id
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public String id(int i) {
            return table.id(Objects.checkIndex(i, size()));
        }

        /**
         * Returns a customer's segment id in the bundle's segments.
         *
         * @param i a row in {@code [0, size())}
         * @return the segment id
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public int segment(int i) {
            return segment[Objects.checkIndex(i, size())];
        }

        /**
         * Returns the name of a customer's segment in the bundle's catalog.
         *
         * @param i a row in {@code [0, size())}
         * @return the name
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public String segmentName(int i) {
            return segmentNames[segment(i)];
        }

        /**
         * Returns a customer's RFM recency score (1..5, 5 the most recent).
         *
         * @param i a row in {@code [0, size())}
         * @return the score
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public int recencyScore(int i) {
            return rfmScore[0][Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's RFM frequency score (1..5).
         *
         * @param i a row in {@code [0, size())}
         * @return the score
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public int frequencyScore(int i) {
            return rfmScore[1][Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's RFM monetary score (1..5).
         *
         * @param i a row in {@code [0, size())}
         * @return the score
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public int monetaryScore(int i) {
            return rfmScore[2][Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's recency feature ({@link CustomerFeatures#RECENCY}).
         *
         * @param i a row in {@code [0, size())}
         * @return the value
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double recency(int i) {
            return recency[Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's frequency feature ({@link CustomerFeatures#FREQUENCY}).
         *
         * @param i a row in {@code [0, size())}
         * @return the value
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double frequency(int i) {
            return frequency[Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's monetary feature ({@link CustomerFeatures#MONETARY}).
         *
         * @param i a row in {@code [0, size())}
         * @return the value
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double monetary(int i) {
            return monetary[Objects.checkIndex(i, size())];
        }

        /**
         * Returns a customer's P(churn) over the catalog's churn horizon.
         *
         * @param i a row in {@code [0, size())}
         * @return the probability, NaN when the bundle has no churn model
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double churnProbability(int i) {
            return value(pChurn, Objects.checkIndex(i, size()));
        }

        /**
         * Returns a customer's P(alive) at the as-of date.
         *
         * @param i a row in {@code [0, size())}
         * @return the probability, NaN when the bundle has no lifetime-value model
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double aliveProbability(int i) {
            return value(pAlive, Objects.checkIndex(i, size()));
        }

        /**
         * Returns a customer's expected purchases over the catalog's lifetime-value horizon.
         *
         * @param i a row in {@code [0, size())}
         * @return the count, NaN when the bundle has no lifetime-value model
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double expectedPurchases(int i) {
            return value(expected, Objects.checkIndex(i, size()));
        }

        /**
         * Returns a customer's CLV over the catalog's lifetime-value horizon.
         *
         * @param i a row in {@code [0, size())}
         * @return the value, NaN when the bundle has no lifetime-value model
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public double clv(int i) {
            return value(clv, Objects.checkIndex(i, size()));
        }

        /**
         * Returns the number of items recommended to a customer (0 without a recommender or for a customer it does
         * not know).
         *
         * @param i a row in {@code [0, size())}
         * @return the count, at most the catalog's {@code topN}
         * @throws IndexOutOfBoundsException if the row is out of range
         */
        public int topItemCount(int i) {
            Objects.checkIndex(i, size());
            return topItems == null ? 0 : topItems[i].length;
        }

        /**
         * Returns one recommended item of a customer, best first, as an index into the catalog's
         * {@link SegmentCatalog#recommenderItems()} (the id {@link CustomerProfile#topItems()} lists at that place).
         *
         * @param i a row in {@code [0, size())}
         * @param rank a place in {@code [0, topItemCount(i))}
         * @return the item index
         * @throws IndexOutOfBoundsException if the row or the place is out of range
         */
        public int topItem(int i, int rank) {
            Objects.checkIndex(rank, topItemCount(i));
            return topItems[i][rank];
        }

        private static double value(double[] a, int i) {
            return a == null ? Double.NaN : a[i];
        }

        @Override
        public String toString() {
            return "CustomerScores{customers=" + size() + "}";
        }
    }

    @Override
    public String toString() {
        return "BundleScorer{segments=" + catalog.names() + ", features=" + catalog.features() + ", churn="
                + (churn != null) + ", lifetimeValue=" + (lifetimeValue != null) + "}";
    }
}
