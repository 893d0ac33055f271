package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.ChurnModel;
import dev.segmentation.churn.ChurnTrainer;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.Segmenter;
import dev.segmentation.clv.LifetimeValueTrainer;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.progress.CancellationToken;
import dev.segmentation.progress.ProgressListener;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.text.CustomerSentiment;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fluent pipeline: from a {@link TransactionLog} through customer features, segments, churn, lifetime
 * value and recommendations to a {@link SegmentationResult}. Every stage but the features is optional, and each
 * is configured with the model's own builder.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SegmentationResult result = Segmentation.of(log)
 *         .asOf(LocalDate.of(2025, 1, 1))
 *         .features(f -> f.tenure().behaviour())
 *         .segments(KMeans.builder().k(6).seed(42))
 *         .churn(90, LogisticRegression.builder().l2(1.0))
 *         .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1)))
 *         .recommend(ItemKnn.builder().neighbors(50), 10)
 *         .run();
 * // by original id: segment, RFM scores, P(churn), P(alive), expected purchases, CLV, top items
 * Optional<CustomerProfile> p = result.customer(log.customerId(41));
 * List<SegmentSummary> segments = result.segments();   // size, share, centre, mean CLV, churn rate, name
 * }</pre>
 * (region {@code pipeline} of {@code SegmentationTest}).
 *
 * <h2>Stages, in run order</h2>
 * <ol>
 *   <li>{@code features}: {@link CustomerFeatures} as of the as-of date (default: the day after the last
 *   purchase), always with RFM, plus what {@link #features(UnaryOperator)} adds; every customer with a purchase
 *   before the as-of date gets a profile. RFM scores 1..5 come from a default {@link RfmSegmenter} fitted on the
 *   raw RFM columns. Any {@linkplain #extraFeatures(String[], FeatureMatrix) extra features} (e.g. review
 *   sentiment) are joined by customer id after them. The raw features are then encoded
 *   ({@link #encoder(EncoderPipeline)}, default log1p then standardize) for the segmentation model.</li>
 *   <li>{@code segments}: any {@link Segmenter} (k-means, a Gaussian mixture, ...) on the encoded features, or RFM
 *   cells on the raw ones.</li>
 *   <li>{@code lifetimeValue}: see {@link LifetimeValue}; the summary ends on the last observed day. The
 *   transaction model is the given one or, with {@link LifetimeValue#chosenByHoldout()}, the one chosen on a
 *   holdout ({@link SegmentationResult#lifetimeValueReport()}); with a churn stage configured, its own
 *   probability of no purchase over the churn horizon is kept too
 *   ({@link SegmentationResult#noPurchaseProbabilities()}).</li>
 *   <li>{@code churn}: a {@link ChurnLabeler} with cut-off {@code lastDay - horizonDays} labels who did not buy
 *   in the following {@code horizonDays}; the churn model fitted on it (any {@link ChurnTrainer}'s, logistic
 *   regression with the builder overloads) scores every customer from their features on the last observed day,
 *   so P(churn) is the risk of no purchase in the next {@code horizonDays}. Extra features, if any, are appended
 *   to both the training and the scoring rows. When the span allows (more than two horizons), both the churn
 *   model and the transaction model are checked out of sample one horizon earlier
 *   ({@link SegmentationResult#churnValidation()}).</li>
 *   <li>{@code recommendations}: an {@link InteractionMatrix} of the observed log, a trainer (item kNN,
 *   implicit ALS, popularity, or any {@link RecommenderTrainer}), and the top {@code n} unseen items per
 *   customer.</li>
 *   <li>{@code summaries}: for k-means and mixtures, segment ids ordered by value (segment 0 has the highest
 *   mean CLV, else mean monetary value; the model is relabelled to predict them) or, with a
 *   {@linkplain #previous(ModelBundle) previous bundle}, matched to its segments; then per segment its profile
 *   ({@link SegmentSummary}: size, share, centre, medians and means, revenue, CLV, value at risk, churn,
 *   archetype name and action, top and distinctive items), the {@link SegmentCatalog} and the drift baseline of
 *   the bundle.</li>
 * </ol>
 *
 * <h2>Validation</h2>
 * {@link #run()} first checks the whole configuration (every builder is built, the as-of date and horizon are
 * checked against the log, k against the number of customers) before any model is fitted, and fails with an
 * {@link IllegalArgumentException} whose message starts with the stage: {@code "segments: k must be >= 1, found
 * 0"}, {@code "churn: horizonDays must be < 373 (the observed days), found 400"}.
 *
 * <h2>Warnings and stages that cannot run</h2>
 * What a user must see (a fit that did not converge, a model fallback, a check that could not be made) is in
 * {@link SegmentationResult#warnings()}. With {@link #skipStagesThatCannotRun(boolean) skipStagesThatCannotRun
 * (true)}, a stage that cannot run on this data is skipped with a warning instead of failing the run.
 *
 * <h2>Progress and cancellation</h2>
 * The {@link ProgressListener} hears fraction 0 and 1 for every stage, and intermediate fractions from the
 * per-customer loops (churn scoring, recommendations), which run in chunks of {@value #CHUNK} customers; the
 * {@link CancellationToken} is checked before every stage and chunk (with {@link #threads(int)} above 1: before
 * every batch of 8 x threads chunks, as the listener only hears from the calling thread), and a cancelled run throws
 * {@link dev.segmentation.progress.CancelledException}. Model fits themselves are not interrupted: a
 * cancellation during a fit takes effect when the fit returns.
 *
 * <p>This class is a mutable, single-threaded builder; the builders given to it are read when {@link #run()}
 * is called (later changes to them count). The result does not depend on the listener or the token. Null is
 * never accepted or returned.
 */
public final class Segmentation {
    /** Customers per chunk of the per-customer loops, between progress reports and cancellation checks. */
    public static final int CHUNK = 4096;
    /**
     * A segment matched to a previous one ({@link #previous(ModelBundle)}) whose centre moved less than this
     * (squared Euclidean distance in the new encoder's space: standardized log features by default) keeps the
     * previous name whatever its medians.
     */
    public static final double BARELY_MOVED = 0.01;
    /** The silhouette of {@link #segmentsAuto} is exact up to this many customers, else on a sample this size. */
    public static final int SILHOUETTE_SAMPLE = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);

    // The configuration, package-private as in Caffeine's builder: RunPlan.validate reads it when run() starts.
    final TransactionLog log;
    LocalDate asOf;
    UnaryOperator<CustomerFeatures.Builder> features = UnaryOperator.identity();
    String[] extraIds;
    FeatureMatrix extraFeatures;
    EncoderPipeline encoder;
    SegmentStage segments;
    int churnHorizonDays;
    Supplier<? extends ChurnTrainer> churn;
    LifetimeValue lifetimeValue;
    InteractionMatrix.Builder interactions = InteractionMatrix.builder();
    Supplier<RecommenderTrainer> recommender;
    int topN;
    ProgressListener progress = ProgressListener.NONE;
    CancellationToken cancellation = CancellationToken.NEVER;
    ModelBundle previous;
    boolean skipStagesThatCannotRun;
    int threads = 1;

    private Segmentation(TransactionLog log) {
        this.log = log;
    }

    /**
     * Starts a pipeline on a log.
     *
     * @param log the transactions; not null. Not modified.
     * @return a new pipeline with only the features stage
     */
    public static Segmentation of(TransactionLog log) {
        return new Segmentation(Objects.requireNonNull(log, "log"));
    }

    /**
     * Starts a pipeline on a transaction file read with a preset ({@code online-retail} or {@code cdnow}):
     * {@code TransactionCsv.readPreset(file, preset).log()}.
     *
     * @param file the transaction file, plain or gzipped; not null
     * @param preset the preset's name; not null
     * @return a new pipeline with only the features stage
     * @throws IllegalArgumentException if the preset is unknown
     * @throws InvalidDataException if the file cannot be read under the preset (naming line, column and value)
     */
    public static Segmentation of(Path file, String preset) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(preset, "preset");
        return of(TransactionCsv.readPreset(file, preset).log());
    }

    /**
     * Scores a log with a saved bundle, without refitting: {@code BundleScorer.of(bundle).score(log, asOf)}; see
     * {@link BundleScorer}.
     *
     * @param bundle a bundle saved from {@link SegmentationResult#models()}; not null
     * @param log the transactions; not null. Not modified.
     * @param asOf the first day not observed; not null
     * @return the scored result, with movement and drift
     * @throws IllegalArgumentException if the bundle lacks an entry or the as-of date is out of range
     */
    public static SegmentationResult score(ModelBundle bundle, TransactionLog log, LocalDate asOf) {
        return BundleScorer.of(bundle).score(log, asOf);
    }

    /**
     * Sets the as-of date, the first day not observed: rows on or after it are ignored. Default: the day after
     * the log's last purchase.
     *
     * @param asOf the date, after the first purchase date and at most the day after the last; not null
     * @return this pipeline
     */
    public Segmentation asOf(LocalDate asOf) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        return this;
    }

    /**
     * Adds feature groups to the RFM columns, e.g. {@code f -> f.tenure().behaviour()}. The function receives a
     * builder with the as-of date set and RFM selected, and must return it.
     *
     * @param features the customization; not null
     * @return this pipeline
     */
    public Segmentation features(UnaryOperator<CustomerFeatures.Builder> features) {
        this.features = Objects.requireNonNull(features, "features");
        return this;
    }

    /**
     * Adds per-customer features from outside the log (e.g. review sentiment), joined by customer id to the
     * customer features: the encoder, the k-means or Gaussian-mixture segments, the segment centres and the churn
     * model (training and scoring rows) all see the extra columns after their own. RFM segments do not (they use
     * the RFM columns only). A customer of the log absent from the table gets {@value ExtraFeatures#FILL} in every
     * extra column (with {@link CustomerSentiment}, a review count of 0 says so); ids absent from the log are
     * ignored. The values are taken as known on the as-of date and on the churn cut-off alike.
     *
     * <p>{@link #run()} refuses, before any stage runs, ids not one per row ({@code "features: extraFeatures
     * customerIds length must be the matrix rows 3, found 2"}), a null or repeated id or a non-finite value
     * ({@link InvalidDataException} naming the row, the column and the value, e.g. {@code "features:
     * extraFeatures row 2, column customer_id: id must be unique, found \"c1\" twice"}), and a column named like
     * a churn feature ({@code "churn: extraFeatures names must differ from the churn features [...], found
     * \"frequency\""}); a column named like a customer feature is refused when the features are computed, with
     * the same message after {@code "features: "}.
     *
     * @param customerIds the customer of each row. Not modified (copied).
     * @param features the values, one row per id, with named columns; not null
     * @return this pipeline
     */
    public Segmentation extraFeatures(String[] customerIds, FeatureMatrix features) {
        Objects.requireNonNull(customerIds, "customerIds");
        Objects.requireNonNull(features, "features");
        this.extraIds = customerIds.clone();
        this.extraFeatures = features;
        return this;
    }

    /**
     * Adds per-customer review sentiment as extra features (columns {@value CustomerSentiment#COUNT},
     * {@value CustomerSentiment#MEAN_LOG_ODDS}, {@value CustomerSentiment#SHARE_NEGATIVE}); see
     * {@link #extraFeatures(String[], FeatureMatrix)}. A customer without reviews gets 0 in all three.
     *
     * @param sentiment the per-customer sentiment; not null
     * @return this pipeline
     */
    public Segmentation extraFeatures(CustomerSentiment sentiment) {
        Objects.requireNonNull(sentiment, "sentiment");
        return extraFeatures(sentiment.ids(), sentiment.matrix());
    }

    /**
     * Sets the encoder applied to the raw features before k-means or a Gaussian mixture. Default:
     * {@code Log1p} then {@code Standardizer}, both with their defaults; with
     * {@linkplain #extraFeatures(String[], FeatureMatrix) extra features}, the default {@code Log1p} takes the
     * customer feature columns only (extra ones such as log-odds may be negative), and the standardizer all.
     *
     * @param encoder the encoder; not null
     * @return this pipeline
     */
    public Segmentation encoder(EncoderPipeline encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        return this;
    }

    /**
     * Segments customers with any {@link Segmenter} on the encoded features: the segmentation seam. The
     * model's {@link ClusterModel#centres()} order and match the segments in the summaries stage; the model is
     * saved in the bundle's {@code segments} entry when {@code dev.segmentation.persist} knows its type.
     *
     * @param segmenter the trainer, e.g. {@code KMeans.builder().k(6).build()}; not null
     * @return this pipeline
     */
    public Segmentation segments(Segmenter segmenter) {
        Objects.requireNonNull(segmenter, "segmenter");
        return segmentsWith(() -> segmenter);
    }

    /**
     * Segments customers with k-means on the encoded features: {@code segments(kMeans.build())}, built when the
     * pipeline runs.
     *
     * @param kMeans the trainer's builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation segments(KMeans.Builder kMeans) {
        return segmentsWith(Objects.requireNonNull(kMeans, "kMeans")::build);
    }

    /**
     * Segments customers with a Gaussian mixture on the encoded features (each customer to the most probable
     * component): {@code segments(mixture.build())}, built when the pipeline runs.
     *
     * @param mixture the trainer's builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation segments(GaussianMixture.Builder mixture) {
        return segmentsWith(Objects.requireNonNull(mixture, "mixture")::build);
    }

    /** Stores a segmenter that is built (and so validated) by {@link #run()} before any stage runs. */
    private Segmentation segmentsWith(Supplier<? extends Segmenter> segmenter) {
        this.segments = () -> SegmentFits.of(segmenter.get());
        return this;
    }

    /**
     * Segments customers with k-means, choosing k from a sweep over {@code [kMin, kMax]} (every other setting,
     * the seed included, from the given builder): among the k whose smallest segment holds at least
     * {@code minShare} of the customers, the highest mean silhouette on the encoded features (exact up to
     * {@value #SILHOUETTE_SAMPLE} customers, else on a sample of that many drawn with seed 0), ties to
     * the smaller k; when no k meets the share, the k with the largest smallest segment. The sweep is in
     * {@link SegmentationResult#kSweep()}; the chosen k's model is the one fitted in the sweep.
     *
     * @param kMeans the trainer's builder (its k is ignored); not null. Read when the pipeline runs.
     * @param kMin the smallest k, {@code >= 2}
     * @param kMax the largest k, {@code >= kMin} and at most the number of customers (checked by {@link #run()})
     * @param minShare the minimum share of the smallest segment, in [0, 1)
     * @return this pipeline
     * @throws IllegalArgumentException if {@code kMin < 2}, {@code kMax < kMin} or minShare is outside [0, 1)
     */
    public Segmentation segmentsAuto(KMeans.Builder kMeans, int kMin, int kMax, double minShare) {
        Objects.requireNonNull(kMeans, "kMeans");
        ParamChecks.atLeast("kMin", kMin, 2);
        ParamChecks.requireArgument(kMax >= kMin, "kMax must be >= kMin %s, found %s", kMin, kMax);
        ParamChecks.requireArgument(minShare >= 0 && minShare < 1, "minShare must be in [0, 1), found %s", minShare);
        this.segments = () -> SegmentFits.sweep(kMeans.build(), kMin, kMax, minShare, cancellation);
        return this;
    }

    /**
     * Segments customers into named RFM cells on the raw recency, frequency and monetary columns.
     *
     * @param rfm the segmenter's builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation segments(RfmSegmenter.Builder rfm) {
        Objects.requireNonNull(rfm, "rfm");
        this.segments = () -> SegmentFits.rfm(rfm.build());
        return this;
    }

    /**
     * Adds the churn stage with a 90-day horizon: {@code churn(90, logistic)}.
     *
     * @param logistic the logistic regression's builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation churn(LogisticRegression.Builder logistic) {
        return churn(90, logistic);
    }

    /**
     * Adds the churn stage with logistic regression: {@code churn(horizonDays, logistic.build())}, built when the
     * pipeline runs.
     *
     * @param horizonDays the horizon in days, {@code >= 1} and shorter than the observed span (checked by
     *     {@link #run()})
     * @param logistic the logistic regression's builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation churn(int horizonDays, LogisticRegression.Builder logistic) {
        return churnWith(horizonDays, Objects.requireNonNull(logistic, "logistic")::build);
    }

    /**
     * Adds the churn stage with any {@link ChurnTrainer}, the churn seam: churn means no purchase within
     * {@code horizonDays}. The trainer fits on the standard churn features (then any extra features) at the
     * cut-off {@code lastDay - horizonDays}; its {@link ChurnModel} scores every customer on the last observed
     * day and is saved in the bundle's {@code churn} entry when {@code dev.segmentation.persist} knows its type.
     *
     * @param horizonDays the horizon in days, {@code >= 1} and shorter than the observed span (checked by
     *     {@link #run()})
     * @param trainer the trainer; not null
     * @return this pipeline
     */
    public Segmentation churn(int horizonDays, ChurnTrainer trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return churnWith(horizonDays, () -> trainer);
    }

    /** Stores a churn trainer that is built (and so validated) by {@link #run()} before any stage runs. */
    private Segmentation churnWith(int horizonDays, Supplier<? extends ChurnTrainer> trainer) {
        this.churn = trainer;
        this.churnHorizonDays = horizonDays;
        return this;
    }

    /**
     * Adds the lifetime-value stage with any trainer of the lifetime-value seam: a {@link LifetimeValue}
     * configuration (BTYD with Gamma-Gamma), or another family's trainer, which is scored over the default horizon
     * and discount rate of {@link LifetimeValue#of(LifetimeValueTrainer)} (wrap it yourself to set them).
     *
     * @param lifetimeValue the trainer; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation lifetimeValue(LifetimeValueTrainer lifetimeValue) {
        this.lifetimeValue = LifetimeValue.of(Objects.requireNonNull(lifetimeValue, "lifetimeValue"));
        return this;
    }

    /**
     * Sets how the interaction matrix of the recommendations stage is built. Default:
     * {@code InteractionMatrix.builder()} (binary weights, non-products left out).
     *
     * @param interactions the builder; not null. Read when the pipeline runs.
     * @return this pipeline
     */
    public Segmentation interactions(InteractionMatrix.Builder interactions) {
        this.interactions = Objects.requireNonNull(interactions, "interactions");
        return this;
    }

    /**
     * Adds the recommendations stage with item kNN.
     *
     * @param itemKnn the trainer's builder; not null. Read when the pipeline runs.
     * @param n items per customer, {@code >= 1} (checked by {@link #run()})
     * @return this pipeline
     */
    public Segmentation recommend(ItemKnn.Builder itemKnn, int n) {
        Objects.requireNonNull(itemKnn, "itemKnn");
        return recommendWith(() -> itemKnn.build()::fit, n);
    }

    /**
     * Adds the recommendations stage with the popularity baseline.
     *
     * @param popularity the trainer's builder; not null. Read when the pipeline runs.
     * @param n items per customer, {@code >= 1} (checked by {@link #run()})
     * @return this pipeline
     */
    public Segmentation recommend(Popularity.Builder popularity, int n) {
        Objects.requireNonNull(popularity, "popularity");
        return recommendWith(() -> popularity.build()::fit, n);
    }

    /**
     * Adds the recommendations stage with implicit-feedback ALS.
     *
     * @param als the trainer's builder; not null. Read when the pipeline runs.
     * @param n items per customer, {@code >= 1} (checked by {@link #run()})
     * @return this pipeline
     */
    public Segmentation recommend(ImplicitAls.Builder als, int n) {
        Objects.requireNonNull(als, "als");
        return recommendWith(() -> als.build()::fit, n);
    }

    /**
     * Adds the recommendations stage with any trainer, e.g. {@code als::fit}.
     *
     * @param trainer the trainer; not null
     * @param n items per customer, {@code >= 1} (checked by {@link #run()})
     * @return this pipeline
     */
    public Segmentation recommend(RecommenderTrainer trainer, int n) {
        Objects.requireNonNull(trainer, "trainer");
        return recommendWith(() -> trainer, n);
    }

    /** Stores a trainer that is built (and so validated) by {@link #run()} before any stage runs. */
    private Segmentation recommendWith(Supplier<RecommenderTrainer> trainer, int n) {
        this.recommender = trainer;
        this.topN = n;
        return this;
    }

    /**
     * Gives the bundle of a previous fit ({@link SegmentationResult#models()}, e.g. last month's) so that the new
     * k-means or mixture segments keep its ids and names: the new centres are matched one-to-one to the previous
     * catalog's centres (both encoded with the new encoder) by the minimum total squared distance
     * ({@link dev.segmentation.cluster.OptimalAssignment}); a matched segment takes the old id (when it is below
     * k) and keeps the old name when its centre barely moved (squared distance below {@value #BARELY_MOVED}) or
     * the name still fits (an archetype whose conditions still hold for the new medians within
     * {@link dev.segmentation.cluster.SegmentArchetypes#KEEP_TOLERANCE}, or a descriptive name whose description
     * is unchanged within that tolerance); the others are named afresh and take the free ids in
     * value order. {@link SegmentationResult#movement()} then counts the customers of the previous catalog per
     * (old, new) segment. Default: none (a fresh fit, ids ordered by value).
     *
     * <p>{@link #run()} refuses a bundle without a {@code catalog} entry ({@code "previous: bundle must have a
     * catalog entry (a bundle saved by this version's SegmentationResult.models()), found [encoder, ...]"}) and a
     * catalog whose features differ from the run's model features.
     *
     * @param bundle the previous bundle; not null
     * @return this pipeline
     */
    public Segmentation previous(ModelBundle bundle) {
        this.previous = Objects.requireNonNull(bundle, "bundle");
        return this;
    }

    /**
     * Sets the progress listener. Default: {@link ProgressListener#NONE}.
     *
     * @param listener the listener; not null
     * @return this pipeline
     */
    public Segmentation progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sets the cancellation token. Default: {@link CancellationToken#NEVER}.
     *
     * @param token the token; not null
     * @return this pipeline
     */
    public Segmentation cancellation(CancellationToken token) {
        this.cancellation = Objects.requireNonNull(token, "token");
        return this;
    }

    /**
     * Makes {@link #run()} skip, with a warning in {@link SegmentationResult#warnings()}, a stage that cannot run
     * on this data instead of failing: churn when the observed span is not longer than the horizon or the labels
     * hold one class, lifetime value when no customer has a repeat purchase or no transaction model can be
     * fitted, recommendations when the log has no item ids. The other stages still run, and the skipped stage's
     * values are absent (NaN in the profiles, empty in the CSV files). Default: false (such a stage fails the
     * run as described in {@link #run()}). Configuration errors (a bad k, a horizon below 1) fail either way.
     *
     * @param skip true to skip such stages
     * @return this pipeline
     */
    public Segmentation skipStagesThatCannotRun(boolean skip) {
        this.skipStagesThatCannotRun = skip;
        return this;
    }

    /**
     * Sets the number of threads of the pipeline's own per-customer loops: the customer features (this sets
     * {@link CustomerFeatures.Builder#threads(int)}), the churn labels (and {@code ChurnLabeler}'s), the churn
     * scores, the recommendation
     * lists, and the summaries' per-segment medians, means and item counts (with the drift baseline's fit beside
     * them), and the result's {@code customers.csv} lines ({@link SegmentationResult#writeCustomersCsv(Path,
     * SegmentationResult.Precision)}). Customers are split into fixed chunks
     * of {@value #CHUNK}; each score and list is computed on its own and the counts are integers, so the result is
     * the same for every thread count. The models' fits take their own {@code threads} option from their builders.
     * Default 1.
     *
     * @param threads the number of threads, {@code >= 1}
     * @return this pipeline
     * @throws IllegalArgumentException "threads must be >= 1, found 0"
     */
    public Segmentation threads(int threads) {
        this.threads = ParamChecks.threads(threads);
        return this;
    }

    /** The segments stage, built from its builder when the pipeline runs. */
    interface SegmentStage {
        SegmentFits resolve();
    }

    /**
     * Validates the configuration, then runs every configured stage.
     *
     * @return the result
     * @throws IllegalArgumentException if the configuration is invalid; the message starts with the stage
     * @throws InvalidDataException if the log is empty or a model finds bad data
     * @throws dev.segmentation.progress.CancelledException if the token is cancelled
     */
    public SegmentationResult run() {
        RunState r = new RunState(RunPlan.validate(this));
        FeaturesStage.run(r);
        if (r.plan.segments != null) {
            segmentsStage(r);
        }
        if (r.plan.lifetimeValue != null) {
            LifetimeValueStage.run(r);
        }
        if (r.plan.churn != null) {
            ChurnStage.run(r);
        }
        if (r.plan.recommender != null) {
            RecommendationsStage.run(r);
        }
        if (r.segment != null) {
            SummariesStage.run(r);
        }
        LOG.info("segmentation of {} customers as of {}: {}", r.table.size(), r.plan.asOf, r.timings);
        r.models.warnings = List.copyOf(r.plan.warnings);
        r.models.churnHorizonDays = r.plan.churn == null ? 0 : r.plan.churnHorizonDays;
        r.models.threads = r.plan.threads;
        return new SegmentationResult(r.plan.asOf, r.observed, r.table, r.raw, r.encoderModel, r.segment, r.rfmScore,
                r.pChurn, r.pAlive, r.expected, r.clv, r.topItems, r.summaries, r.timings, r.models);
    }

    /** The segments stage: the configured segmenter on the encoded features (or RFM cells on the raw ones). */
    private static void segmentsStage(RunState r) {
        long t0 = r.plan.start("segments");
        r.encoded = r.encoderModel.transform(r.raw);
        r.segment = r.plan.segments.fit(r.encoded, r.rfm, r.models);
        r.segmentNames = r.plan.segments.names;
        r.plan.end("segments", t0, r.timings);
    }

    @Override
    public String toString() {
        return "Segmentation{asOf=" + asOf + ", encoder=" + encoder + ", segments=" + (segments != null)
                + ", extraFeatures=" + (extraFeatures == null ? "[]" : extraFeatures.names())
                + ", churnHorizonDays=" + churnHorizonDays + ", churn=" + (churn != null) + ", lifetimeValue="
                + lifetimeValue + ", recommendations=" + (recommender != null) + ", topN=" + topN + ", threads=" + threads + "}";
    }
}
