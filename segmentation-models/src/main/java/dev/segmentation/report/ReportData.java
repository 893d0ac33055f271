package dev.segmentation.report;

import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.eval.GainsTable;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.pipeline.ChurnValidation;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.KChoice;
import dev.segmentation.pipeline.LifetimeValueReport;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.SegmentationResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Everything {@link HtmlReport} draws, of a size independent of the number of customers: counts, sums, means,
 * quantiles and curves per segment, score cell or week, never a row per customer. {@link #of(SegmentationResult)}
 * computes it from a single-JVM result; the Spark module computes the same figures with Spark aggregates, so that
 * a report of any size is rendered on one machine.
 *
 * <p>A section whose data is absent ({@link Optional#empty()}) is left out of the page. Arrays are copied in and
 * out; null is never accepted.
 *
 * @param asOf the as-of date: the first day not observed
 * @param customers the customers scored
 * @param lines the transaction lines read
 * @param firstDate the date of the first line
 * @param lastDate the date of the last line
 * @param currency the amounts' currency code, or {@code ""} where unknown
 * @param warnings the run's warnings, shown first
 * @param totals the summary figures over all customers
 * @param segments the segments with their figures, in report order; empty without a segment stage
 * @param features the names of the segment features, in {@link Segment#featureMeans()} order
 * @param featureMeans the mean of each feature over all customers
 * @param kSweep the sweep behind an automatic choice of k, if one ran
 * @param rfmCounts customers per frequency score (row, 1 to 5) and recency score (column, 1 to 5)
 * @param rfmSpend the sum of those customers' monetary values, in the same cells
 * @param lifetimeValueReport the lifetime-value stage's model choice, if the stage fitted its models
 * @param lifetimeValueModel the name of the lifetime-value model, if the lifetime-value stage ran
 * @param btyd the transaction model's charts, if the lifetime-value stage ran with a BTYD transaction model
 * @param churnHorizonDays the churn horizon in days
 * @param churn the churn section, if the churn stage ran
 * @param recommendations a few customers' recent and recommended items, if a recommender ran
 * @param itemDescriptions the description of every item id the report shows, {@code ""} where there is none
 * @param timings the wall-clock time of each stage, in run order
 */
public record ReportData(LocalDate asOf, long customers, long lines, LocalDate firstDate, LocalDate lastDate,
        String currency, List<String> warnings, Totals totals, List<Segment> segments, List<String> features,
        double[] featureMeans, Optional<KChoice> kSweep, long[][] rfmCounts, double[][] rfmSpend,
        Optional<LifetimeValueReport> lifetimeValueReport, Optional<String> lifetimeValueModel, Optional<Btyd> btyd,
        int churnHorizonDays, Optional<Churn> churn, Optional<List<Example>> recommendations, Map<String, String> itemDescriptions,
        Map<String, Duration> timings) {
    private static final int EXAMPLES = 8;

    /**
     * Checks and copies the components.
     *
     * @param asOf the as-of date
     * @param customers the customers scored
     * @param lines the transaction lines read
     * @param firstDate the date of the first line
     * @param lastDate the date of the last line
     * @param currency the currency code, or {@code ""}
     * @param warnings the warnings
     * @param totals the summary figures
     * @param segments the segments
     * @param features the feature names
     * @param featureMeans the overall feature means, one per feature
     * @param kSweep the k sweep or empty
     * @param rfmCounts 5 x 5 customer counts
     * @param rfmSpend 5 x 5 monetary sums
     * @param lifetimeValueReport the model choice or empty
     * @param lifetimeValueModel the lifetime-value model's name or empty
     * @param btyd the transaction model's charts or empty
     * @param churnHorizonDays the churn horizon in days
     * @param churn the churn section or empty
     * @param recommendations the examples or empty
     * @param itemDescriptions item descriptions by id
     * @param timings stage timings
     * @throws IllegalArgumentException if the RFM grids are not 5 x 5 or the means do not match the features
     */
    public ReportData {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(firstDate, "firstDate");
        Objects.requireNonNull(lastDate, "lastDate");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(kSweep, "kSweep");
        Objects.requireNonNull(lifetimeValueReport, "lifetimeValueReport");
        Objects.requireNonNull(lifetimeValueModel, "lifetimeValueModel");
        Objects.requireNonNull(btyd, "btyd");
        if (btyd.isPresent() && lifetimeValueModel.isEmpty()) {
            throw new IllegalArgumentException("btyd: charts of a transaction model need the lifetime-value model's name");
        }
        Objects.requireNonNull(churn, "churn");
        Objects.requireNonNull(recommendations, "recommendations");
        warnings = List.copyOf(warnings);
        segments = List.copyOf(segments);
        features = List.copyOf(features);
        featureMeans = featureMeans.clone();
        if (featureMeans.length != features.size()) {
            throw new IllegalArgumentException("featureMeans must have one value per feature (" + features.size()
                    + "), found " + featureMeans.length);
        }
        rfmCounts = copy(rfmCounts);
        rfmSpend = copy(rfmSpend);
        if (rfmCounts.length != 5 || rfmSpend.length != 5 || Arrays.stream(rfmCounts).anyMatch(r -> r.length != 5)
                || Arrays.stream(rfmSpend).anyMatch(r -> r.length != 5)) {
            throw new IllegalArgumentException("rfmCounts and rfmSpend must be 5 x 5");
        }
        recommendations = recommendations.map(List::copyOf);
        itemDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(itemDescriptions));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /**
     * Returns the mean of each feature over all customers.
     *
     * @return a copy
     */
    @Override
    public double[] featureMeans() {
        return featureMeans.clone();
    }

    /**
     * Returns the customers per frequency score (row) and recency score (column), scores 1 to 5 at 0 to 4.
     *
     * @return a copy
     */
    @Override
    public long[][] rfmCounts() {
        return copy(rfmCounts);
    }

    /**
     * Returns the sum of the monetary values per frequency score (row) and recency score (column).
     *
     * @return a copy
     */
    @Override
    public double[][] rfmSpend() {
        return copy(rfmSpend);
    }

    private static long[][] copy(long[][] a) {
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * The summary figures over all customers.
     *
     * @param revenue the sum of the customers' observed amounts
     * @param clv the sum of the customers' CLV, empty when no customer has one
     * @param valueAtRisk the sum of CLV x P(churn), empty unless some customer has a CLV and some a P(churn)
     */
    public record Totals(double revenue, OptionalDouble clv, OptionalDouble valueAtRisk) {
        /**
         * Checks the components.
         *
         * @param revenue the revenue
         * @param clv the CLV sum or empty
         * @param valueAtRisk the value at risk or empty
         */
        public Totals {
            Objects.requireNonNull(clv, "clv");
            Objects.requireNonNull(valueAtRisk, "valueAtRisk");
        }
    }

    /**
     * One segment's summary and the figures the report computes over its members.
     *
     * @param segment the segment id
     * @param name the segment's name
     * @param size the segment's size (from the segment model)
     * @param share the share of all customers
     * @param meanClv the mean CLV, NaN without the lifetime-value stage
     * @param churnRate the mean P(churn), NaN without the churn stage
     * @param action the suggested action's label, or {@code ""}
     * @param medians the members' medians by feature name (recency, frequency, monetary at least), or empty
     * @param centre the segment centre by feature name, in original units
     * @param topItems the best sellers, best first
     * @param distinctiveItems the distinctive items, most distinctive first
     * @param itemDescriptions descriptions of those items known to the segment summary
     * @param revenue the members' observed amounts summed, NaN where not computed
     * @param members the customers labelled with the segment
     * @param meanAlive the members' mean P(alive), NaN without it
     * @param meanNoPurchase the members' mean P(no purchase over the churn horizon), NaN without it
     * @param meanChurn the members' mean P(churn), NaN without it
     * @param clvQuantiles the 5th, 25th, 50th, 75th and 95th percentiles of the members' CLV (linear
     *     interpolation between order statistics), NaN without CLV
     * @param featureMeans the members' mean of each report feature, NaN without members
     */
    public record Segment(int segment, String name, long size, double share, double meanClv, double churnRate,
            String action, Map<String, Double> medians, Map<String, Double> centre, List<String> topItems,
            List<String> distinctiveItems, Map<String, String> itemDescriptions, double revenue, long members,
            double meanAlive, double meanNoPurchase, double meanChurn, double[] clvQuantiles,
            double[] featureMeans) {
        /**
         * Checks and copies the components.
         *
         * @param segment the segment id
         * @param name the name
         * @param size the size
         * @param share the share
         * @param meanClv the mean CLV
         * @param churnRate the mean P(churn)
         * @param action the action label
         * @param medians the medians
         * @param centre the centre
         * @param topItems the best sellers
         * @param distinctiveItems the distinctive items
         * @param itemDescriptions the known descriptions
         * @param revenue the revenue
         * @param members the members
         * @param meanAlive the mean P(alive)
         * @param meanNoPurchase the mean P(no purchase)
         * @param meanChurn the mean P(churn)
         * @param clvQuantiles five CLV percentiles
         * @param featureMeans the feature means
         * @throws IllegalArgumentException if there are not five CLV percentiles
         */
        public Segment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            medians = Collections.unmodifiableMap(new LinkedHashMap<>(medians));
            centre = Collections.unmodifiableMap(new LinkedHashMap<>(centre));
            topItems = List.copyOf(topItems);
            distinctiveItems = List.copyOf(distinctiveItems);
            itemDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(itemDescriptions));
            clvQuantiles = clvQuantiles.clone();
            featureMeans = featureMeans.clone();
            if (clvQuantiles.length != 5) {
                throw new IllegalArgumentException("clvQuantiles must have 5 values, found " + clvQuantiles.length);
            }
        }

        /**
         * Returns the 5th, 25th, 50th, 75th and 95th percentiles of the members' CLV.
         *
         * @return a copy
         */
        @Override
        public double[] clvQuantiles() {
            return clvQuantiles.clone();
        }

        /**
         * Returns the members' mean of each report feature.
         *
         * @return a copy
         */
        @Override
        public double[] featureMeans() {
            return featureMeans.clone();
        }
    }

    /**
     * The transaction model's charts.
     *
     * @param model the model's name
     * @param unit the time unit of the model's recency and age
     * @param pAlive P(alive) by frequency (row, 0 to the 99th percentile, at most 40) and recency (column, 0 to the
     *     longest customer age, at most 120 units) at the longest customer age
     * @param actual cumulative repeat purchases (purchase days after a customer's first) at the end of each week
     *     from the first line's date
     * @param predicted the model's cumulative expected repeat purchases at the same ends of week
     */
    public record Btyd(String model, Duration unit, double[][] pAlive, double[] actual, double[] predicted) {
        /**
         * Checks and copies the components.
         *
         * @param model the model's name
         * @param unit the unit
         * @param pAlive the P(alive) matrix, at least 2 x 2
         * @param actual the actual curve, at least one week
         * @param predicted the predicted curve, as long as the actual one
         * @throws IllegalArgumentException if the shapes do not match
         */
        public Btyd {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(unit, "unit");
            pAlive = copy(pAlive);
            actual = actual.clone();
            predicted = predicted.clone();
            if (actual.length == 0 || actual.length != predicted.length || pAlive.length < 2
                    || pAlive[0].length < 2) {
                throw new IllegalArgumentException("btyd: the curves must have the same positive length and the "
                        + "P(alive) matrix at least 2 x 2");
            }
        }

        /**
         * Returns the P(alive) matrix.
         *
         * @return a copy
         */
        @Override
        public double[][] pAlive() {
            return copy(pAlive);
        }

        /**
         * Returns the actual cumulative repeat purchases per week.
         *
         * @return a copy
         */
        @Override
        public double[] actual() {
            return actual.clone();
        }

        /**
         * Returns the predicted cumulative repeat purchases per week.
         *
         * @return a copy
         */
        @Override
        public double[] predicted() {
            return predicted.clone();
        }
    }

    /**
     * The churn section's checks.
     *
     * @param validation the out-of-sample check, if the data allowed one
     * @param trainingGains the model's gains on its own training labels, drawn only without the out-of-sample
     *     check; empty where not computed (the chart is then left out)
     */
    public record Churn(Optional<ChurnValidation> validation, Optional<Gains> trainingGains) {
        /**
         * Checks the components.
         *
         * @param validation the check or empty
         * @param trainingGains the gains or empty
         */
        public Churn {
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(trainingGains, "trainingGains");
        }
    }

    /**
     * Cumulative gains by group of customers, highest score first.
     *
     * @param cumulativeGains the share of positives found up to each group
     * @param lift each group's positive rate over the overall rate
     * @param sizes the customers per group
     * @param auc the area under the ROC curve
     */
    public record Gains(double[] cumulativeGains, double[] lift, long[] sizes, double auc) {
        /**
         * Copies the arrays.
         *
         * @param cumulativeGains the gains
         * @param lift the lift
         * @param sizes the sizes
         * @param auc the AUC
         * @throws IllegalArgumentException if the arrays' lengths differ
         */
        public Gains {
            cumulativeGains = cumulativeGains.clone();
            lift = lift.clone();
            sizes = sizes.clone();
            if (lift.length != cumulativeGains.length || sizes.length != cumulativeGains.length) {
                throw new IllegalArgumentException("gains, lift and sizes must have the same length");
            }
        }

        /**
         * Returns the cumulative gains.
         *
         * @return a copy
         */
        @Override
        public double[] cumulativeGains() {
            return cumulativeGains.clone();
        }

        /**
         * Returns the lift per group.
         *
         * @return a copy
         */
        @Override
        public double[] lift() {
            return lift.clone();
        }

        /**
         * Returns the customers per group.
         *
         * @return a copy
         */
        @Override
        public long[] sizes() {
            return sizes.clone();
        }
    }

    /**
     * One customer's recommendation example.
     *
     * @param customer the customer id
     * @param segmentName the customer's segment name
     * @param recentItems the last five distinct products bought, latest first
     * @param recommendedItems the top five recommended items
     */
    public record Example(String customer, String segmentName, List<String> recentItems,
            List<String> recommendedItems) {
        /**
         * Copies the lists.
         *
         * @param customer the customer id
         * @param segmentName the segment name
         * @param recentItems the recent items
         * @param recommendedItems the recommended items
         */
        public Example {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(segmentName, "segmentName");
            recentItems = List.copyOf(recentItems);
            recommendedItems = List.copyOf(recommendedItems);
        }
    }

    /**
     * Computes the report's figures from a single-JVM result.
     *
     * @param result the pipeline result; not null
     * @return the report data
     */
    public static ReportData of(SegmentationResult result) {
        Objects.requireNonNull(result, "result");
        SegmentationResult r = result;
        TransactionLog log = r.log();
        String currency = r.lifetimeValueReport().map(LifetimeValueReport::currency).orElse("");
        double[] revenue = revenue(r);
        double total = 0;
        double clv = 0;
        double atRisk = 0;
        boolean hasClv = false;
        boolean hasChurn = false;
        for (int i = 0; i < r.size(); i++) {
            CustomerProfile p = r.customer(i);
            total += revenue[i];
            if (!Double.isNaN(p.clv())) {
                clv += p.clv();
                hasClv = true;
                if (!Double.isNaN(p.churnProbability())) {
                    atRisk += p.clv() * p.churnProbability();
                }
            }
            hasChurn |= !Double.isNaN(p.churnProbability());
        }
        Totals totals = new Totals(total, hasClv ? OptionalDouble.of(clv) : OptionalDouble.empty(),
                hasClv && hasChurn ? OptionalDouble.of(atRisk) : OptionalDouble.empty());
        List<SegmentSummary> summaries = r.segments();
        int[] labels = r.segmentLabels();
        // revenue per segment
        double[] segRevenue = new double[summaries.size() + 64];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < segRevenue.length) {
                segRevenue[labels[i]] += revenue[i];
            }
        }
        // P(alive), P(no purchase) and P(churn) per segment
        Optional<double[]> p0 = r.noPurchaseProbabilities();
        int kk = summaries.size() + 64;
        double[] alive = new double[kk];
        double[] none = new double[kk];
        double[] churn = new double[kk];
        long[] n = new long[kk];
        for (int i = 0; i < labels.length; i++) {
            int s = labels[i];
            if (s < 0 || s >= kk) {
                continue;
            }
            CustomerProfile p = r.customer(i);
            alive[s] += p.aliveProbability();
            none[s] += p0.isPresent() ? p0.orElseThrow()[i] : Double.NaN;
            churn[s] += p.churnProbability();
            n[s]++;
        }
        // feature means per segment and overall
        List<String> features = r.features().names();
        int d = features.size();
        int maxLabel = 0;
        for (SegmentSummary seg : summaries) {
            maxLabel = Math.max(maxLabel, seg.segment() + 1);
        }
        double[] overall = new double[d];
        double[][] mean = new double[maxLabel][d];
        long[] members = new long[maxLabel];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < maxLabel) {
                members[labels[i]]++;
            }
        }
        for (int j = 0; j < d; j++) {
            double[] col = r.features().column(features.get(j));
            double sum = 0;
            for (int i = 0; i < col.length; i++) {
                sum += col[i];
                if (i < labels.length && labels[i] >= 0 && labels[i] < maxLabel) {
                    mean[labels[i]][j] += col[i];
                }
            }
            overall[j] = sum / col.length;
            for (int s = 0; s < maxLabel; s++) {
                mean[s][j] = members[s] == 0 ? Double.NaN : mean[s][j] / members[s];
            }
        }
        double[][] quantiles = clvQuantiles(r);
        Map<String, String> descriptions = new LinkedHashMap<>();
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < summaries.size(); s++) {
            SegmentSummary x = summaries.get(s);
            int id = x.segment();
            boolean inRange = id >= 0 && id < kk && n[id] > 0;
            double[] fm = new double[d];
            for (int j = 0; j < d; j++) {
                fm[j] = id < maxLabel ? mean[id][j] : Double.NaN;
            }
            segments.add(new Segment(id, x.name(), x.size(), x.share(), x.meanClv(), x.churnRate(),
                    x.action() == null ? "" : x.action().label(), x.medians(), x.centre(), x.topItems(),
                    x.distinctiveItems(), x.itemDescriptions(),
                    id < segRevenue.length ? segRevenue[id] : Double.NaN, inRange ? n[id] : 0,
                    inRange ? alive[id] / n[id] : Double.NaN, inRange ? none[id] / n[id] : Double.NaN,
                    inRange ? churn[id] / n[id] : Double.NaN, quantiles[s], fm));
            describe(descriptions, log, x.topItems());
            describe(descriptions, log, x.distinctiveItems());
        }
        long[][] rfmCounts = new long[5][5];
        double[][] rfmSpend = new double[5][5];
        double[] monetary = r.features().column("monetary");
        for (int i = 0; i < r.size(); i++) {
            CustomerProfile p = r.customer(i);
            rfmCounts[p.frequencyScore() - 1][p.recencyScore() - 1]++;
            rfmSpend[p.frequencyScore() - 1][p.recencyScore() - 1] += monetary[i];
        }
        Optional<Btyd> btyd = Optional.empty();
        if (r.summary().isPresent() && r.transactionModel().isPresent()) {
            // the charts of a BTYD transaction model; another lifetime-value family has none
            BtydModel model = r.transactionModel().orElseThrow();
            BtydSummary summary = r.summary().orElseThrow();
            double[] f = summary.frequency().clone();
            Arrays.sort(f);
            int maxF = (int) Math.max(1, Math.min(40, Math.ceil(quantile(f, 0.99))));
            double maxT = 0;
            for (double t : summary.T()) {
                maxT = Math.max(maxT, t);
            }
            int maxR = (int) Math.max(1, Math.min(120, Math.ceil(maxT)));
            double[][] curves = repeatPurchases(log, model);
            btyd = Optional.of(new Btyd(model.name(), summary.unit(), model.probabilityAliveMatrix(maxF, maxR),
                    curves[0], curves[1]));
        }
        Optional<Churn> churnSection = Optional.empty();
        Optional<LogisticRegressionModel> churnModel = r.churn(LogisticRegressionModel.class);
        if (churnModel.isPresent()) {
            Optional<Gains> gains = Optional.empty();
            if (r.churnValidation().isEmpty() && r.churnTrainingFeatures().isPresent()
                    && r.churnTraining().isPresent()) {
                double[] p = churnModel.orElseThrow().predictProbabilities(r.churnTrainingFeatures().orElseThrow());
                int[] y = r.churnTraining().orElseThrow().labels();
                GainsTable g = BinaryMetrics.gains(p, y, 10);
                gains = Optional.of(new Gains(g.cumulativeGains(), g.lift(),
                        Arrays.stream(g.sizes()).asLongStream().toArray(), BinaryMetrics.rocAuc(p, y)));
            }
            churnSection = Optional.of(new Churn(r.churnValidation(), gains));
        }
        Optional<List<Example>> examples = Optional.empty();
        if (r.recommender().isPresent()) {
            List<Example> list = new ArrayList<>();
            int step = Math.max(1, r.size() / EXAMPLES);
            for (int i = 0, shown = 0; i < r.size() && shown < EXAMPLES; i += step, shown++) {
                CustomerProfile p = r.customer(i);
                TransactionLog.CustomerRows rows = log.rowsOf(log.customerIndex(p.id()));
                Map<String, Boolean> recent = new LinkedHashMap<>();
                for (int k = rows.size() - 1; k >= 0 && recent.size() < 5; k--) {
                    int item = log.item(rows.row(k));
                    if (item >= 0 && !log.isNonProduct(item)) {
                        recent.put(log.itemId(item), Boolean.TRUE);
                    }
                }
                List<String> recommended = p.topItems().subList(0, Math.min(5, p.topItems().size()));
                list.add(new Example(p.id(), p.segmentName(), List.copyOf(recent.keySet()), recommended));
                describe(descriptions, log, recent.keySet());
                describe(descriptions, log, recommended);
            }
            examples = Optional.of(list);
        }
        return new ReportData(r.asOf(), r.size(), log.size(), log.firstDateTime().toLocalDate(),
                log.lastDateTime().toLocalDate(), currency, r.warnings(), totals, segments, features, overall,
                r.kSweep(), rfmCounts, rfmSpend, r.lifetimeValueReport(),
                r.lifetimeValueModel().map(LifetimeValueModel::name), btyd, r.churnHorizonDays(), churnSection,
                examples, descriptions, r.timings());
    }

    private static void describe(Map<String, String> descriptions, TransactionLog log, Iterable<String> ids) {
        for (String id : ids) {
            int index = log.itemIndex(id);
            descriptions.putIfAbsent(id, index < 0 ? "" : log.itemDescription(index).orElse(""));
        }
    }

    /** Revenue per customer row: the sum of the customer's observed amounts. */
    private static double[] revenue(SegmentationResult r) {
        TransactionLog log = r.log();
        double[] byCustomer = new double[log.customerCount()];
        for (int row = 0; row < log.size(); row++) {
            byCustomer[log.customer(row)] += log.amount(row);
        }
        double[] out = new double[r.size()];
        for (int i = 0; i < r.size(); i++) {
            out[i] = byCustomer[log.customerIndex(r.customer(i).id())];
        }
        return out;
    }

    /** The 5th, 25th, 50th, 75th and 95th CLV percentiles of each segment, in the segments' order. */
    private static double[][] clvQuantiles(SegmentationResult r) {
        List<SegmentSummary> segments = r.segments();
        int k = segments.size();
        if (k == 0) {
            return new double[0][];
        }
        int[] labels = r.segmentLabels();
        Map<Integer, Integer> index = new LinkedHashMap<>();
        for (int s = 0; s < k; s++) {
            index.put(segments.get(s).segment(), s);
        }
        List<double[]> values = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            values.add(new double[segments.get(s).size()]);
        }
        int[] fill = new int[k];
        for (int i = 0; i < r.size(); i++) {
            double v = r.customer(i).clv();
            Integer s = index.get(labels[i]);
            if (s != null && !Double.isNaN(v) && fill[s] < values.get(s).length) {
                values.get(s)[fill[s]++] = v;
            }
        }
        double[][] q = new double[k][];
        for (int s = 0; s < k; s++) {
            double[] v = Arrays.copyOf(values.get(s), fill[s]);
            Arrays.sort(v);
            q[s] = quantiles(v);
        }
        return q;
    }

    /**
     * The 5th, 25th, 50th, 75th and 95th percentiles of sorted values, NaN for none.
     *
     * @param sorted ascending values
     * @return five percentiles
     */
    public static double[] quantiles(double[] sorted) {
        return new double[] {quantile(sorted, 0.05), quantile(sorted, 0.25), quantile(sorted, 0.5),
            quantile(sorted, 0.75), quantile(sorted, 0.95)};
    }

    /**
     * A quantile of sorted values by linear interpolation between order statistics, NaN for none.
     *
     * @param sorted ascending values
     * @param q the probability, in [0, 1]
     * @return the quantile
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Actual and predicted cumulative repeat purchases per week (lifetimes' {@code plot_cumulative_transactions}):
     * predicted is the sum over customers of E[X(t - first purchase)].
     */
    private static double[][] repeatPurchases(TransactionLog log, BtydModel model) {
        long firstDay = log.firstDateTime().toLocalDate().toEpochDay();
        long lastDay = log.lastDateTime().toLocalDate().toEpochDay();
        int weeks = (int) ((lastDay - firstDay) / 7) + 1;
        long[] actual = new long[weeks];
        TreeMap<Long, Long> births = new TreeMap<>();
        for (int c = 0; c < log.customerCount(); c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            if (rows.isEmpty()) {
                continue;
            }
            long birth = Math.floorDiv(rows.epochSecond(0), 86_400);
            births.merge(birth, 1L, Long::sum);
            long previous = birth;
            for (int k = 1; k < rows.size(); k++) {
                long day = Math.floorDiv(rows.epochSecond(k), 86_400);
                if (day != previous) {
                    actual[(int) ((day - firstDay) / 7)]++;
                    previous = day;
                }
            }
        }
        return cumulative(model, firstDay, lastDay, actual, births);
    }

    /**
     * The repeat-purchase curves from repeat purchase days per week and first purchases per day.
     *
     * @param model the transaction model
     * @param firstDay the first line's epoch day
     * @param lastDay the last line's epoch day
     * @param actual repeat purchase days per week from {@code firstDay}
     * @param births customers per epoch day of their first purchase
     * @return the actual and the predicted cumulative curves
     */
    public static double[][] cumulative(BtydModel model, long firstDay, long lastDay, long[] actual,
            TreeMap<Long, Long> births) {
        int weeks = actual.length;
        double daysPerUnit = model.unit().getSeconds() / 86_400.0;
        // E[X(t)] only at whole-day ages: one evaluation per day of the span, shared by every customer
        double[] expectedByAge = new double[(int) (lastDay - firstDay) + 2];
        for (int d = 1; d < expectedByAge.length; d++) {
            expectedByAge[d] = model.expectedPurchases(d / daysPerUnit);
        }
        double[] act = new double[weeks];
        double[] pred = new double[weeks];
        long run = 0;
        for (int w = 0; w < weeks; w++) {
            run += actual[w];
            act[w] = run;
            long end = Math.min(lastDay + 1, firstDay + 7L * (w + 1));
            double sum = 0;
            for (Map.Entry<Long, Long> b : births.headMap(end, false).entrySet()) {
                sum += b.getValue() * expectedByAge[(int) (end - (b.getKey() + 1))];
            }
            pred[w] = sum;
        }
        return new double[][] {act, pred};
    }
}
