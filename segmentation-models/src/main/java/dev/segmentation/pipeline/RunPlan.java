package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnTrainer;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.progress.CancellationToken;
import dev.segmentation.progress.ProgressListener;
import dev.segmentation.recommend.InteractionMatrix;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated configuration of one {@link Segmentation#run()}: {@link #validate(Segmentation)} builds every
 * builder and checks the as-of date, the churn horizon and k against the log before any model is fitted. It also
 * holds the settings the stages read, taken from the pipeline when the run starts, and the progress and
 * cancellation hooks every stage reports through ({@link #start}, {@link #end}). Not API.
 */
final class RunPlan {
    /** The pipeline's logger: the stages log under {@link Segmentation}'s name. */
    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);

    /** The whole log given to {@link Segmentation#of}, rows on and after the as-of date included. */
    final TransactionLog log;
    /** The churn horizon as configured (also when the churn stage is skipped or absent: then 0 or unused). */
    final int churnHorizonDays;
    /** Whether a churn stage was configured, even one skipped ({@link #churn} null). */
    final boolean churnConfigured;
    /** Items per customer of the recommendations stage as configured. */
    final int topN;
    final int threads;
    final boolean skipStagesThatCannotRun;
    /** The lifetime-value configuration as given, for its discount rate in the catalog, or null. */
    final LifetimeValue lifetimeValueConfig;
    final ProgressListener progress;
    final CancellationToken cancellation;

    TransactionLog observed;
    LocalDate asOf;
    LocalDate lastDay;
    CustomerFeatures features;
    EncoderPipeline encoder;
    SegmentFits segments;
    ChurnTrainer churn;
    LifetimeValue.Resolved lifetimeValue;
    InteractionMatrix.Builder interactions;
    RecommenderTrainer recommender;
    ExtraFeatures extra;
    boolean defaultEncoder;
    SegmentCatalog previousCatalog;
    final List<String> warnings = new ArrayList<>();

    private RunPlan(Segmentation s) {
        this.log = s.log;
        this.churnHorizonDays = s.churnHorizonDays;
        this.churnConfigured = s.churn != null;
        this.topN = s.topN;
        this.threads = s.threads;
        this.skipStagesThatCannotRun = s.skipStagesThatCannotRun;
        this.lifetimeValueConfig = s.lifetimeValue;
        this.progress = s.progress;
        this.cancellation = s.cancellation;
    }

    /**
     * Checks a pipeline's whole configuration and builds its stages' trainers.
     *
     * @throws IllegalArgumentException if a setting is invalid; the message starts with the stage
     * @throws InvalidDataException if the extra features are invalid ("features: " and the row, column and value)
     */
    static RunPlan validate(Segmentation s) {
        TransactionLog log = s.log;
        RunPlan plan = new RunPlan(s);
        plan.asOf = AsOfDates.check(log, s.asOf);
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate dayAfterLast = log.lastDateTime().toLocalDate().plusDays(1);
        plan.lastDay = plan.asOf.minusDays(1);
        plan.features = stage("features", () -> {
            CustomerFeatures.Builder b = s.features.apply(CustomerFeatures.builder().asOf(plan.asOf).rfm());
            ParamChecks.requireArgument(b != null, "features must return the builder, found null");
            return b.asOf(plan.asOf).rfm().threads(s.threads).build();
        });
        plan.encoder = stage("features", () -> s.encoder != null ? s.encoder : EncoderPipeline.builder()
                .add(Log1p.builder().build()).add(Standardizer.builder().build()).build());
        plan.defaultEncoder = s.encoder == null;
        if (s.extraFeatures != null) {
            try {
                plan.extra = stage("features", () -> ExtraFeatures.of(s.extraIds, s.extraFeatures));
            } catch (InvalidDataException e) {
                throw new InvalidDataException("features: " + e.getMessage(), e.row(), e.column(), e);
            }
        }
        plan.observed = plan.asOf.equals(dayAfterLast) ? log : log.onOrBefore(plan.lastDay);
        int customers = plan.observed.activeCustomerCount();
        if (s.segments != null) {
            plan.segments = stage("segments", s.segments::resolve);
            ParamChecks.requireArgument(plan.segments.k <= customers,
                    "segments: k must be <= the number of customers %s, found %s", customers, plan.segments.k);
        }
        if (s.previous != null) {
            Object c = s.previous.models().get("catalog");
            ParamChecks.requireArgument(c instanceof SegmentCatalog, "previous: bundle must have a catalog entry (a "
                    + "bundle saved by this version's SegmentationResult.models()), found %s", s.previous.names());
            plan.previousCatalog = (SegmentCatalog) c;
        }
        if (s.lifetimeValue != null) {
            plan.lifetimeValue = stage("lifetimeValue", s.lifetimeValue::resolve);
        }
        if (s.churn != null) {
            int horizonDays = s.churnHorizonDays;
            long observedDays = ChronoUnit.DAYS.between(first, plan.lastDay);
            stage("churn", () -> ParamChecks.atLeast("horizonDays", horizonDays, 1));
            ChurnTrainer trainer = stage("churn", s.churn::get);
            if (horizonDays >= observedDays && s.skipStagesThatCannotRun) {
                plan.warnings.add("churn: skipped: the churn horizon of " + horizonDays + " days is not shorter "
                        + "than the " + observedDays + " days from the first purchase to the last observed day");
            } else {
                ParamChecks.requireArgument(horizonDays < observedDays, "churn: horizonDays must be < %s (the days "
                        + "from the first purchase to the last observed day), found %s", observedDays, horizonDays);
                plan.churn = trainer;
            }
            if (plan.extra != null) {
                stage("churn", () -> {
                    plan.extra.checkNames(ChurnFeatures.standard().names(), "churn features");
                    return plan.extra;
                });
            }
        }
        if (s.recommender != null) {
            stage("recommendations", () -> ParamChecks.atLeast("n", s.topN, 1));
            RecommenderTrainer trainer = stage("recommendations", s.recommender::get);
            if (log.itemCount() == 0 && s.skipStagesThatCannotRun) {
                plan.warnings.add("recommendations: skipped: the log has no item ids");
            } else {
                ParamChecks.requireArgument(log.itemCount() != 0,
                        "recommendations: log must have item ids, found none");
                plan.interactions = s.interactions;
                plan.recommender = trainer;
            }
        }
        return plan;
    }

    /** Runs one stage's validation, prefixing its message with the stage's name. */
    static <T> T stage(String stage, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(stage + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code rows} over customer rows {@code [0, n)} in chunks of {@link Segmentation#CHUNK} on the pipeline's
     * threads. The chunks go in batches (8 chunks per thread); between batches the calling thread checks the
     * cancellation token and reports the stage's progress, so that the listener hears from that thread only.
     */
    void forEachRow(String stage, int n, ChunkRunner.Range<Void> rows) {
        int batch = threads == 1 ? Segmentation.CHUNK : Segmentation.CHUNK * 8 * threads;
        try (ChunkRunner runner = new ChunkRunner(threads, stage)) {
            for (int lo = 0; lo < n; lo += batch) {
                cancellation.check(stage);
                if (lo > 0) {
                    progress.progress(stage, (double) lo / n);
                }
                int first = lo;
                runner.map(Math.min(n, lo + batch) - lo, Segmentation.CHUNK,
                        (from, to) -> rows.apply(first + from, first + to));
            }
        }
    }

    /** Starts a stage: checks the token, reports fraction 0, returns the start time. */
    long start(String stage) {
        cancellation.check(stage);
        progress.progress(stage, 0.0);
        return System.nanoTime();
    }

    /** Ends a stage: records its wall-clock time and reports fraction 1. */
    void end(String stage, long t0, Map<String, Duration> timings) {
        timings.put(stage, Duration.ofNanos(System.nanoTime() - t0));
        progress.progress(stage, 1.0);
        LOG.debug("stage {} took {}", stage, timings.get(stage));
    }
}
