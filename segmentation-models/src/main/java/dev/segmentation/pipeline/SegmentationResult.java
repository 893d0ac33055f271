package dev.segmentation.pipeline;

import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnModel;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.Recommender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Segmentation#run()}: one {@link CustomerProfile} per customer with a purchase before the
 * as-of date (addressable by the original customer id), one {@link SegmentSummary} per segment, the fitted
 * models of every stage that ran, the wall-clock time of each stage, and CSV export.
 *
 * <p>CSV columns (stable names; numbers with full double precision or rounded for people, see
 * {@link Precision}; empty where a stage did not run):
 * <ul>
 *   <li>{@code customers.csv}: {@code customer_id, segment, segment_name, r_score, f_score, m_score, recency,
 *   frequency, monetary, p_churn, p_alive, expected_purchases, clv, top_items} (items separated by a space);</li>
 *   <li>{@code segments.csv}: {@code segment, name, size, share, centre_<feature>} for each feature of
 *   {@link #modelFeatures()},
 *   {@code mean_clv, churn_rate, top_items, median_recency, median_frequency, median_monetary, revenue,
 *   revenue_share, clv_total, value_at_risk, action, distinctive_items} (see {@link SegmentSummary}; the medians
 *   and the revenue are those of the customers in {@code customers.csv}).</li>
 * </ul>
 * When the log has item descriptions ({@link TransactionLog#hasItemDescriptions()}), {@code customers.csv} ends
 * with {@link #ITEM_DESCRIPTION_COLUMN} and {@code segments.csv} with {@link #SEGMENT_DESCRIPTION_COLUMNS}: the
 * descriptions of the items of {@code top_items} (and {@code distinctive_items}), in the same order, separated by
 * {@value #DESCRIPTION_SEPARATOR}, empty for an item without one.
 *
 * <p>Instances are immutable and safe for concurrent use; the fitted models are immutable values too. Customer
 * order is the feature table's: ascending customer index of the log (first appearance).
 */
public final class SegmentationResult {
    /** The header of {@code customers.csv}. */
    public static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "segment", "segment_name", "r_score",
            "f_score", "m_score", "recency", "frequency", "monetary", "p_churn", "p_alive", "expected_purchases", "clv",
            "top_items");

    /** The column {@code customers.csv} ends with when the log has item descriptions. */
    public static final String ITEM_DESCRIPTION_COLUMN = "top_item_descriptions";

    /** The columns {@code segments.csv} ends with when the log has item descriptions. */
    public static final List<String> SEGMENT_DESCRIPTION_COLUMNS = List.of("top_item_descriptions",
            "distinctive_item_descriptions");

    /** Between the descriptions of a description column (descriptions hold spaces, item codes do not). */
    public static final String DESCRIPTION_SEPARATOR = " | ";

    private final LocalDate asOf;
    private final TransactionLog log;
    private final CustomerFeatureTable features;
    private final FeatureMatrix modelFeatures;
    private final EncoderPipelineModel encoder;
    private final int[] segment;
    private final int[] r;
    private final int[] f;
    private final int[] m;
    private final double[] pChurn;
    private final double[] pAlive;
    private final double[] expected;
    private final double[] clv;
    private final List<List<String>> topItems;
    private final List<SegmentSummary> segments;
    private final Map<String, Integer> rowOf;
    private final String[] segmentNames;
    private final Map<String, Duration> timings;
    private final Models models;

    /** The fitted models; each field null when its stage did not run. Package-private carrier. */
    static final class Models {
        /** The segmentation seam's model (k-means, a mixture or any {@link ClusterModel}), or null. */
        ClusterModel segmenter;
        RfmSegmenterModel rfmSegmenter;
        RfmSegmenterModel rfmScores;
        /** The churn seam's model, or null. */
        ChurnModel churn;
        ChurnDataset churnTraining;
        FeatureMatrix churnTrainingFeatures;
        /** The lifetime-value seam's model, or null. */
        LifetimeValueModel lifetimeValue;
        /** The transaction model when {@link #lifetimeValue} is a {@link BtydLifetimeValueModel}, else null. */
        BtydModel transactions;
        BtydSummary summary;
        Recommender recommender;
        List<SegmentSummary> summaries = List.of();
        SegmentCatalog catalog;
        PopulationStabilityModel baseline;
        SegmentMovement movement;
        KChoice kSweep;
        ScoreDrift drift;
        /** The trainer of the transaction model used, for the churn stage's out-of-sample check. */
        java.util.function.Function<BtydSummary, BtydModel> transactionFit;
        LifetimeValueReport lifetimeValueReport;
        /** The chosen transaction model fitted up to the model choice's calibration end, or null. */
        BtydModel calibrationModel;
        ChurnValidation churnValidation;
        /** The transaction model's P(no purchase over the churn horizon) by row, or null. */
        double[] noPurchase;
        int churnHorizonDays;
        List<String> warnings = List.of();
        /** The run's {@link Segmentation#threads(int)}: the threads that format {@code customers.csv}. */
        int threads = 1;
    }

    SegmentationResult(LocalDate asOf, TransactionLog log, CustomerFeatureTable features,
            FeatureMatrix modelFeatures, EncoderPipelineModel encoder, int[] segment, int[][] rfm, double[] pChurn, double[] pAlive,
            double[] expected, double[] clv, List<List<String>> topItems, List<SegmentSummary> segments,
            Map<String, Duration> timings, Models models) {
        this.asOf = asOf;
        this.log = log;
        this.features = features;
        this.modelFeatures = modelFeatures;
        this.encoder = encoder;
        this.segment = segment;
        this.r = rfm[0];
        this.f = rfm[1];
        this.m = rfm[2];
        this.pChurn = pChurn;
        this.pAlive = pAlive;
        this.expected = expected;
        this.clv = clv;
        this.topItems = topItems;
        this.segments = List.copyOf(segments);
        this.timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        this.models = models;
        Map<String, Integer> index = new HashMap<>(features.size() * 2);
        for (int i = 0; i < features.size(); i++) {
            index.put(features.id(i), i);
        }
        this.rowOf = index;
        int k = 0;
        for (SegmentSummary seg : segments) {
            k = Math.max(k, seg.segment() + 1);
        }
        this.segmentNames = new String[k];
        for (SegmentSummary seg : segments) {
            segmentNames[seg.segment()] = seg.name();
        }
    }

    /**
     * Returns the as-of date: the first day not observed.
     *
     * @return the date
     */
    public LocalDate asOf() {
        return asOf;
    }

    /** The run's thread count, which {@link #writeCustomersCsv(Path, Precision)} formats lines on. */
    int threads() {
        return models.threads;
    }

    /**
     * Returns the number of customers profiled.
     *
     * @return the count
     */
    public int size() {
        return features.size();
    }

    /**
     * Returns one customer's profile.
     *
     * @param customerId the original customer id; not null
     * @return the profile, or empty if the customer has no purchase before the as-of date
     */
    public Optional<CustomerProfile> customer(String customerId) {
        Integer i = rowOf.get(Objects.requireNonNull(customerId, "customerId"));
        return i == null ? Optional.empty() : Optional.of(profile(i));
    }

    /**
     * Returns the profile of row {@code i} (the order of {@link #features()}).
     *
     * @param i the row, {@code 0 <= i < size()}
     * @return the profile
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public CustomerProfile customer(int i) {
        Objects.checkIndex(i, size());
        return profile(i);
    }

    /**
     * Returns every profile, in row order. O(n) allocation per call.
     *
     * @return a new unmodifiable list
     */
    public List<CustomerProfile> customers() {
        List<CustomerProfile> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(profile(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The profile of row {@code i}, unchecked. */
    CustomerProfile profile(int i) {
        int s = segment == null ? -1 : segment[i];
        return new CustomerProfile(features.id(i), s, s < 0 ? "" : segmentNames[s], r[i], f[i], m[i],
                value(pChurn, i), value(pAlive, i), value(expected, i), value(clv, i),
                topItems == null ? List.of() : topItems.get(i));
    }

    private static double value(double[] a, int i) {
        return a == null ? Double.NaN : a[i];
    }

    /**
     * Returns the per-segment summaries, in segment index order; a segment without customers (an unused RFM
     * cell, an emptied mixture component) has none.
     *
     * @return an unmodifiable list, empty if the segments stage did not run
     */
    public List<SegmentSummary> segments() {
        return segments;
    }

    /**
     * Returns every customer's segment index, in row order.
     *
     * @return a copy, or an empty array if the segments stage did not run
     */
    public int[] segmentLabels() {
        return segment == null ? new int[0] : segment.clone();
    }

    /**
     * Returns what a user must see about this run: stages skipped ({@link Segmentation#skipStagesThatCannotRun}),
     * fits that did not converge, model fallbacks, checks that could not be made. Each starts with its stage,
     * e.g. {@code "churn: skipped: ..."}.
     *
     * @return an unmodifiable list, empty when all went as configured
     */
    public List<String> warnings() {
        return models.warnings;
    }

    /**
     * Returns what the lifetime-value stage did: the transaction model used and every candidate's figures, the
     * horizon, discount rate and currency.
     *
     * @return the report, or empty if the stage did not run or was skipped
     */
    public Optional<LifetimeValueReport> lifetimeValueReport() {
        return Optional.ofNullable(models.lifetimeValueReport);
    }

    /**
     * Returns the churn stage's out-of-sample check of the churn model's P(churn) and of the transaction model's
     * probability of no purchase over the churn horizon.
     *
     * @return the check, or empty if the churn stage did not run or the data were too short for it
     */
    public Optional<ChurnValidation> churnValidation() {
        return Optional.ofNullable(models.churnValidation);
    }

    /**
     * Returns the churn horizon of the churn stage.
     *
     * @return the days, 0 if the churn stage did not run
     */
    public int churnHorizonDays() {
        return models.churnHorizonDays;
    }

    /**
     * Returns, per customer in row order, the transaction model's own probability of no purchase over the churn
     * horizon, {@code L(x, t_x, T + h) / L(x, t_x, T)}: the BTYD counterpart of the churn model's P(churn). It is
     * not P(alive): a customer alive today may still not buy within the horizon.
     *
     * @return a copy, or empty if the lifetime-value stage did not run or no churn stage was configured
     */
    public Optional<double[]> noPurchaseProbabilities() {
        return Optional.ofNullable(models.noPurchase == null ? null : models.noPurchase.clone());
    }

    /**
     * Returns the wall-clock time of each stage that ran, in run order ({@code features}, {@code segments},
     * {@code lifetimeValue}, {@code churn}, {@code recommendations}, {@code summaries}).
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Duration> timings() {
        return timings;
    }

    /**
     * Returns the observed transaction log: the rows before the as-of date.
     *
     * @return the log
     */
    public TransactionLog log() {
        return log;
    }

    /**
     * Returns the raw customer features (RFM plus whatever the features stage added), one row per customer.
     *
     * @return the table
     */
    public CustomerFeatureTable features() {
        return features;
    }

    /**
     * Returns the features the encoder was fitted on and the segments were computed from: the columns of
     * {@link #features()} followed by the extra features given to
     * {@link Segmentation#extraFeatures(String[], FeatureMatrix)}, if any, one row per customer in profile order.
     *
     * @return the matrix (immutable)
     */
    public FeatureMatrix modelFeatures() {
        return modelFeatures;
    }

    /**
     * Returns the fitted encoder that turned the raw features into the segmentation model's input.
     *
     * @return the encoder model
     */
    public EncoderPipelineModel encoder() {
        return encoder;
    }

    /**
     * Returns the model behind every customer's R, F and M scores (1..5, {@link CustomerProfile#recencyScore()}
     * and the others) as a given type: {@code rfmScores(RfmSegmenterModel.class)} is the RFM quintile model that
     * the features stage fits on the raw recency, frequency and monetary columns of every run (a default
     * {@link dev.segmentation.cluster.RfmSegmenter}), with its quintile edges and cell names; it is the bundle's
     * {@code rfm} entry. {@code rfmScores(dev.segmentation.FittedModel.class)} gives it as the library's root
     * model type.
     *
     * @param <T> the type asked for
     * @param type the class or interface asked for; not null
     * @return the model if it is a {@code type}, else empty
     */
    public <T> Optional<T> rfmScores(Class<T> type) {
        return as(models.rfmScores, type);
    }

    /**
     * Returns the RFM quintile model behind the R, F and M scores and the segment names.
     *
     * @return the model
     * @deprecated the result names no model class: use {@code rfmScores(RfmSegmenterModel.class)}, which this
     *     method calls, or the bundle's {@code rfm} entry.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public RfmSegmenterModel rfmScores() {
        return rfmScores(RfmSegmenterModel.class).orElseThrow();
    }

    /**
     * Returns the segmentation model (the {@link ClusterModel} seam: k-means, a Gaussian mixture or any
     * {@link dev.segmentation.cluster.Segmenter}'s model), if the segments stage clustered the encoded features.
     *
     * @return the model or empty (also with RFM cells: see {@link #segmentModel(Class)})
     */
    public Optional<ClusterModel> segmentModel() {
        return Optional.ofNullable(models.segmenter);
    }

    /**
     * Returns the segments stage's model as a given type, for what the {@link ClusterModel} seam does not show (a
     * k-means model's inertia, a mixture's covariances): {@code segmentModel(KMeansModel.class)} is present when
     * the segments stage clustered the encoded features with k-means. The model is the one the result's segments
     * come from, with the segment ids of the summaries stage: k-means and mixture models are rebuilt in their own
     * type with their segments renumbered, while a model of another {@link dev.segmentation.cluster.Segmenter} is
     * then wrapped and is only a {@link ClusterModel}. With RFM cells
     * ({@link Segmentation#segments(dev.segmentation.cluster.RfmSegmenter.Builder)}) the model is the RFM
     * segmenter's, {@code segmentModel(RfmSegmenterModel.class)}, which is not a {@link ClusterModel}.
     *
     * @param <T> the type asked for
     * @param type the class or interface asked for, e.g. {@code GaussianMixtureModel.class}; not null
     * @return the model if the segments stage ran and its model is a {@code type}, else empty
     */
    public <T> Optional<T> segmentModel(Class<T> type) {
        return as(models.segmenter != null ? models.segmenter : models.rfmSegmenter, type);
    }

    /**
     * Returns the churn model (the {@link ChurnModel} seam), if the churn stage ran.
     *
     * @return the model or empty
     */
    public Optional<ChurnModel> churn() {
        return Optional.ofNullable(models.churn);
    }

    /**
     * Returns the churn model as a given type, for what the {@link ChurnModel} seam does not show (a logistic
     * regression's coefficients): {@code churn(LogisticRegressionModel.class)} is present when the churn stage
     * ran with logistic regression.
     *
     * @param <T> the type asked for
     * @param type the class or interface asked for; not null
     * @return the model if the churn stage ran and its model is a {@code type}, else empty
     */
    public <T> Optional<T> churn(Class<T> type) {
        return as(models.churn, type);
    }

    /** {@code model} as a {@code type}, or empty when it is null or of another type. */
    private static <T> Optional<T> as(Object model, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return type.isInstance(model) ? Optional.of(type.cast(model)) : Optional.empty();
    }

    /**
     * Returns the k-means model, if the segments stage used k-means.
     *
     * @return the model or empty
     * @deprecated the result names no model class: use {@link #segmentModel()} (the {@link ClusterModel} seam) or
     *     {@code segmentModel(KMeansModel.class)}, which this method calls.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<KMeansModel> kMeans() {
        return segmentModel(KMeansModel.class);
    }

    /**
     * Returns the Gaussian mixture, if the segments stage used one.
     *
     * @return the model or empty
     * @deprecated the result names no model class: use {@link #segmentModel()} (the {@link ClusterModel} seam) or
     *     {@code segmentModel(GaussianMixtureModel.class)}, which this method calls.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<GaussianMixtureModel> gaussianMixture() {
        return segmentModel(GaussianMixtureModel.class);
    }

    /**
     * Returns the RFM segmenter, if the segments stage used RFM cells.
     *
     * @return the model or empty
     * @deprecated the result names no model class: use {@code segmentModel(RfmSegmenterModel.class)}, which this
     *     method calls.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<RfmSegmenterModel> rfmSegmenter() {
        return segmentModel(RfmSegmenterModel.class);
    }

    /**
     * Returns the churn model as a logistic regression, if the churn stage ran with one.
     *
     * @return the model or empty
     * @deprecated the result names no model class: use {@link #churn()} (the {@link ChurnModel} seam) or
     *     {@code churn(LogisticRegressionModel.class)}, which this method calls.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<LogisticRegressionModel> churnModel() {
        return churn(LogisticRegressionModel.class);
    }

    /**
     * Returns the labelled data the churn model was trained on (features at the cut-off, labels over the
     * horizon), if the churn stage ran.
     *
     * @return the data set or empty
     */
    public Optional<ChurnDataset> churnTraining() {
        return Optional.ofNullable(models.churnTraining);
    }

    /**
     * Returns the rows the churn model was fitted on, if the churn stage ran: {@link #churnTraining()}'s features
     * followed by the extra features, if any (the model's columns), in its row order.
     *
     * @return the matrix or empty
     */
    public Optional<FeatureMatrix> churnTrainingFeatures() {
        return Optional.ofNullable(models.churnTrainingFeatures);
    }

    /**
     * Returns the lifetime-value model behind P(alive), the expected purchases and the CLV, if the lifetime-value
     * stage ran: a {@link BtydLifetimeValueModel} for {@link LifetimeValue}'s own models, or the model of another
     * family's trainer.
     *
     * @return the model or empty
     */
    public Optional<LifetimeValueModel> lifetimeValueModel() {
        return Optional.ofNullable(models.lifetimeValue);
    }

    /**
     * Returns the lifetime-value model as a given type, for what the {@link LifetimeValueModel} seam does not
     * show: {@code lifetimeValueModel(BtydLifetimeValueModel.class).map(BtydLifetimeValueModel::spend)} is the
     * Gamma-Gamma spend model of {@link LifetimeValue}'s own models.
     *
     * @param <T> the type asked for
     * @param type the class or interface asked for; not null
     * @return the model if the lifetime-value stage ran and its model is a {@code type}, else empty
     */
    public <T> Optional<T> lifetimeValueModel(Class<T> type) {
        return as(models.lifetimeValue, type);
    }

    /**
     * Returns the transaction model (BG/NBD or a relative), if the lifetime-value stage ran with a
     * {@link BtydLifetimeValueModel}; empty for another family's model.
     *
     * @return the model or empty
     */
    public Optional<BtydModel> transactionModel() {
        return Optional.ofNullable(models.transactions);
    }

    /**
     * Returns the Gamma-Gamma spend model, if the lifetime-value stage ran with a {@link BtydLifetimeValueModel};
     * empty for another family's model.
     *
     * @return the model or empty
     * @deprecated the result names no model class: use
     *     {@code lifetimeValueModel(BtydLifetimeValueModel.class).map(BtydLifetimeValueModel::spend)}, which gives
     *     the same model.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<GammaGammaModel> spendModel() {
        return lifetimeValueModel(BtydLifetimeValueModel.class).map(BtydLifetimeValueModel::spend);
    }

    /**
     * Returns the BTYD summary the lifetime-value models were fitted on, if that stage ran; its row order is
     * the profiles' row order.
     *
     * @return the summary or empty
     */
    public Optional<BtydSummary> summary() {
        return Optional.ofNullable(models.summary);
    }

    /**
     * Returns the recommender, if the recommendations stage ran; its customer and item indices are those of
     * {@link #log()}.
     *
     * @return the recommender or empty
     */
    public Optional<Recommender> recommender() {
        return Optional.ofNullable(models.recommender);
    }

    /**
     * Returns the segment catalog (ids, names, archetypes, actions, centres, training membership and the scoring
     * settings), if the segments stage ran.
     *
     * @return the catalog or empty
     */
    public Optional<SegmentCatalog> catalog() {
        return Optional.ofNullable(models.catalog);
    }

    /**
     * Returns the drift baseline: the quantile bins and shares of every model feature on this run's customers
     * ({@link dev.segmentation.drift.PopulationStability}, 10 bins), if the segments stage ran.
     *
     * @return the baseline or empty
     */
    public Optional<PopulationStabilityModel> baseline() {
        return Optional.ofNullable(models.baseline);
    }

    /**
     * Returns the movement of customers between the previous bundle's segments and this run's, if a previous
     * bundle was given ({@link Segmentation#previous}) or this result comes from {@link BundleScorer}.
     *
     * @return the movement or empty
     */
    public Optional<SegmentMovement> movement() {
        return Optional.ofNullable(models.movement);
    }

    /**
     * Returns the drift of this result's customers against the bundle's training data, if this result comes from
     * {@link BundleScorer}.
     *
     * @return the drift or empty
     */
    public Optional<ScoreDrift> drift() {
        return Optional.ofNullable(models.drift);
    }

    /**
     * Returns the sweep behind an automatically chosen number of segments
     * ({@link Segmentation#segmentsAuto}), if one ran.
     *
     * @return the sweep or empty
     */
    public Optional<KChoice> kSweep() {
        return Optional.ofNullable(models.kSweep);
    }

    /**
     * Returns every fitted model of the run as a bundle that {@link ModelJson} saves and loads in one file. Names,
     * in this order, each present only when its stage ran:
     * <ul>
     *   <li>{@code encoder}: the {@link EncoderPipelineModel} from {@link #modelFeatures()} to the segmentation
     *   input;</li>
     *   <li>{@code rfm}: the {@link RfmSegmenterModel} behind the R, F and M scores (always present);</li>
     *   <li>{@code segments}: the {@link ClusterModel} of {@link #segmentModel()} (on the encoded features) or
     *   the {@link RfmSegmenterModel} (on the raw RFM columns), left out when a custom segmenter's model is of a
     *   type that {@link ModelJson#persistable(Object)} refuses;</li>
     *   <li>{@code churn}: the {@link ChurnModel} of {@link #churn()} on the standard churn features (then any
     *   extra features), left out likewise;</li>
     *   <li>{@code transactions} and {@code spend}: the two parts of {@link LifetimeValue}'s own model (a BTYD
     *   transaction model and the spend model); or {@code lifetimeValue}: another family's
     *   {@link LifetimeValueModel} (saving the bundle then needs its type registered in
     *   {@code dev.segmentation.persist});</li>
     *   <li>{@code recommender}: the recommender (item kNN, ALS, popularity, segment popularity), left out when
     *   a custom trainer returned a type that {@link ModelJson#persistable(Object)} refuses;</li>
     *   <li>{@code catalog}: the {@link SegmentCatalog} (with the segments stage);</li>
     *   <li>{@code baseline}: the drift baseline {@link PopulationStabilityModel} (with the segments stage).</li>
     * </ul>
     * The encoder is always present. Scoring with the reloaded models gives the result's numbers bit for bit.
     *
     * @return a new bundle
     */
    public ModelBundle models() {
        ModelBundle.Builder b = ModelBundle.builder().put("encoder", encoder).put("rfm", models.rfmScores);
        Object segmenter = models.segmenter != null ? models.segmenter : models.rfmSegmenter;
        if (segmenter != null && ModelJson.persistable(segmenter)) {
            b.put("segments", segmenter);
        }
        if (models.churn != null && ModelJson.persistable(models.churn)) {
            b.put("churn", models.churn);
        }
        if (models.lifetimeValue instanceof BtydLifetimeValueModel btyd) {
            b.put("transactions", btyd.transactions());
            b.put("spend", btyd.spend());
        } else if (models.lifetimeValue != null) {
            b.put("lifetimeValue", models.lifetimeValue);
        }
        if (models.recommender != null && ModelJson.persistable(models.recommender)) {
            b.put("recommender", models.recommender);
        }
        if (models.catalog != null) {
            b.put("catalog", models.catalog);
            b.put("baseline", models.baseline);
        }
        return b.build();
    }

    /** How {@link #writeCsv(Path, Precision)} writes numbers. */
    public enum Precision {
        /**
         * For people: money (monetary, CLV) to 2 decimals, counts (recency in days, frequency, size) as integers,
         * every other number (probabilities, shares, expected purchases, centres) to 6 significant digits, never
         * in exponent notation.
         */
        ROUNDED,
        /** For programs: {@link Double#toString(double)}, full double precision. */
        FULL
    }

    /**
     * Writes {@code customers.csv} and {@code segments.csv} (columns in the class comment) into a directory with
     * full double precision, creating it if needed; without segments, {@code segments.csv} has only its header.
     * Same as {@code writeCsv(dir, Precision.FULL)}.
     *
     * @param dir the directory; not null
     * @throws UncheckedIOException if a file cannot be written
     */
    public void writeCsv(Path dir) {
        writeCsv(dir, Precision.FULL);
    }

    /**
     * Writes {@code customers.csv} and {@code segments.csv} (columns in the class comment) into a directory,
     * creating it if needed, with numbers as {@code precision} says; without segments, {@code segments.csv} has
     * only its header. Empty fields are values of a stage that did not run.
     *
     * @param dir the directory; not null
     * @param precision how numbers are written; not null
     * @throws UncheckedIOException if a file cannot be written
     */
    public void writeCsv(Path dir, Precision precision) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(precision, "precision");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        writeCustomersCsv(dir.resolve("customers.csv"), precision);
        writeSegmentsCsv(dir.resolve("segments.csv"), precision);
    }

    /**
     * Writes one line per customer with the header {@link #CUSTOMER_COLUMNS}.
     *
     * @param file the file, replaced if it exists; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeCustomersCsv(Path file) {
        writeCustomersCsv(file, Precision.FULL);
    }

    /**
     * Writes one line per customer with the header {@link #CUSTOMER_COLUMNS}, numbers as {@code precision} says.
     * The lines are formatted in fixed chunks of {@value Segmentation#CHUNK} customers on the threads the run was
     * given ({@link Segmentation#threads(int)}) and written in order, so the file is the same for every thread
     * count.
     *
     * @param file the file, replaced if it exists; not null
     * @param precision how numbers are written; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeCustomersCsv(Path file, Precision precision) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(precision, "precision");
        ResultCsv.writeCustomers(this, file, precision);
    }

    /** The columns {@code segments.csv} gains after {@code top_items}. */
    public static final List<String> SEGMENT_PROFILE_COLUMNS = List.of("median_recency", "median_frequency",
            "median_monetary", "revenue", "revenue_share", "clv_total", "value_at_risk", "action",
            "distinctive_items");

    /**
     * Writes one line per segment: {@code segment, name, size, share, centre_<feature>..., mean_clv, churn_rate,
     * top_items}, then {@link #SEGMENT_PROFILE_COLUMNS}.
     *
     * @param file the file, replaced if it exists; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeSegmentsCsv(Path file) {
        writeSegmentsCsv(file, Precision.FULL);
    }

    /**
     * Writes one line per segment (columns as {@link #writeSegmentsCsv(Path)}), numbers as {@code precision}
     * says.
     *
     * @param file the file, replaced if it exists; not null
     * @param precision how numbers are written; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeSegmentsCsv(Path file, Precision precision) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(precision, "precision");
        ResultCsv.writeSegments(this, file, precision);
    }

    @Override
    public String toString() {
        return "SegmentationResult{asOf=" + asOf + ", customers=" + size() + ", segments=" + segments.size()
                + ", timings=" + timings + "}";
    }
}
