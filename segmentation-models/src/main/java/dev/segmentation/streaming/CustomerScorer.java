package dev.segmentation.streaming;

import dev.segmentation.churn.ChurnModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.FeatureTransform;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Re-scores one customer from its {@link CustomerState} with fitted models, without refitting: segment (any
 * {@link ClusterModel} on the RFM features), P(churn) (any {@link ChurnModel} on the RFM features), and P(alive),
 * expected purchases and CLV from any {@link LifetimeValueModel} on the customer's BTYD summary, the model the
 * pipeline and the bundle scorer call too (for a BTYD model with Gamma-Gamma, {@link BtydLifetimeValueModel}:
 * {@link Clv#customerValue} with the spend per purchase of {@link Clv#spendPerPurchase(GammaGammaModel, double,
 * double)}, the one rule of every entry point). A BTYD model alone gives P(alive) and expected purchases.
 *
 * <p><b>Features.</b> The raw feature row is {@value CustomerFeatures#RECENCY}, {@value CustomerFeatures#FREQUENCY},
 * {@value CustomerFeatures#MONETARY} and {@value CustomerFeatures#TENURE} as {@code CustomerFeatures} defines them
 * (recency and tenure in days to the as-of date, frequency the number of orders, monetary the total spend). An
 * optional fitted encoder (e.g. an {@code EncoderPipelineModel} with log1p and standardization) maps it first;
 * each model then takes its own columns by name. Without an encoder scoring allocates only the result; with one,
 * the encoder's one-row matrices.
 *
 * <p><b>Time.</b> {@link #score(CustomerState, LocalDate)} takes the as-of date, the first day not observed (as
 * {@code CustomerFeatures}); the BTYD age T runs to the day before it (the last day observed, as
 * {@code BtydSummarizer}'s end).
 *
 * <p>Instances are immutable and safe for concurrent use (fitted models are). Null is never accepted or returned.
 */
public final class CustomerScorer {
    private static final List<String> RAW = List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY,
            CustomerFeatures.MONETARY, CustomerFeatures.TENURE);

    private final FeatureTransform encoder;
    private final List<String> encodedNames;
    private final ClusterModel segments;
    private final int[] segmentColumns;
    private final ChurnModel churn;
    private final int[] churnColumns;
    /** P(alive) and expected purchases without a spend model, else null. */
    private final BtydModel btyd;
    private final LifetimeValueModel lifetimeValue;
    private final Clv clv;
    private final double horizon;

    private CustomerScorer(Builder b) {
        this.encoder = b.encoder;
        this.encodedNames = encoder == null ? RAW
                : encoder.transform(FeatureMatrix.of(RAW, 1, new double[RAW.size()])).names();
        this.segments = b.segments;
        this.segmentColumns = segments == null ? null : columns(segments.columnNames());
        this.churn = b.churn;
        this.churnColumns = churn == null ? null : columns(churn.columnNames());
        this.lifetimeValue = b.model != null ? b.model
                : b.btyd != null && b.spend != null ? BtydLifetimeValueModel.of(b.btyd, b.spend) : null;
        this.btyd = lifetimeValue == null ? b.btyd : null;
        this.clv = b.clv;
        Duration unit = lifetimeValue != null ? lifetimeValue.unit() : btyd != null ? btyd.unit() : null;
        this.horizon = unit == null ? Double.NaN : b.horizon.toNanos() / (double) unit.toNanos();
    }

    private int[] columns(List<String> names) {
        int[] idx = new int[names.size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = encodedNames.indexOf(names.get(j));
            if (idx[j] < 0) {
                throw new IllegalArgumentException("model column must be one of " + encodedNames + ", found \""
                        + names.get(j) + "\"");
            }
        }
        return idx;
    }

    /**
     * Starts a builder with no models and a 52-week horizon for expected purchases.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores one customer.
     *
     * @param state the customer's state, with at least one purchase
     * @param asOf the first day not observed, after the latest purchase day
     * @return the scores
     * @throws IllegalArgumentException if the state has no purchase or {@code asOf} is not after its latest day
     */
    public CustomerScore score(CustomerState state, LocalDate asOf) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asOf, "asOf");
        if (state.orders() == 0) {
            throw new IllegalArgumentException("state must have a purchase, found none");
        }
        if (asOf.toEpochDay() <= state.lastDay()) {
            throw new IllegalArgumentException("asOf must be after the latest purchase day "
                    + LocalDate.ofEpochDay(state.lastDay()) + ", found " + asOf);
        }
        double[] row = {state.recencyDays(asOf), state.orders(), state.spend(), state.tenureDays(asOf)};
        if (encoder != null) {
            row = encoder.transform(FeatureMatrix.of(RAW, 1, row)).row(0, null);
        }
        int segment = -1;
        double pChurn = Double.NaN;
        if (segments != null) {
            segment = segments.predict(pick(row, segmentColumns));
        }
        if (churn != null) {
            pChurn = churn.predictProbability(pick(row, churnColumns));
        }
        double pAlive = Double.NaN;
        double expected = Double.NaN;
        double value = Double.NaN;
        if (lifetimeValue != null) {
            Duration unit = lifetimeValue.unit();
            LocalDate end = asOf.minusDays(1);
            double x = state.btydFrequency();
            double tx = state.btydRecency(unit);
            double age = state.btydAge(end, unit);
            pAlive = lifetimeValue.probabilityAlive(x, tx, age);
            expected = lifetimeValue.expectedPurchases(horizon, x, tx, age);
            value = lifetimeValue.value(clv, x, tx, age, state.btydMonetary());
        } else if (btyd != null) {
            Duration unit = btyd.unit();
            LocalDate end = asOf.minusDays(1);
            double x = state.btydFrequency();
            double tx = state.btydRecency(unit);
            double age = state.btydAge(end, unit);
            pAlive = btyd.probabilityAlive(x, tx, age);
            expected = btyd.conditionalExpectedPurchases(horizon, x, tx, age);
        }
        return new CustomerScore(segment, pChurn, pAlive, expected, value);
    }

    private static double[] pick(double[] row, int[] columns) {
        double[] out = new double[columns.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = row[columns[j]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "CustomerScorer{encoder=" + (encoder != null) + ", segments=" + (segments != null) + ", churn="
                + (churn != null) + ", lifetimeValue=" + (lifetimeValue != null ? lifetimeValue.name()
                : btyd != null ? btyd.name() : "none") + ", clv=" + clv + ", horizon=" + horizon + "}";
    }

    /** Mutable, single-threaded builder of a {@link CustomerScorer}; {@link #build()} does not change it. */
    public static final class Builder {
        private FeatureTransform encoder;
        private ClusterModel segments;
        private ChurnModel churn;
        private BtydModel btyd;
        private GammaGammaModel spend;
        private LifetimeValueModel model;
        private Clv clv;
        private Duration horizon = Duration.ofDays(7 * 52);

        private Builder() {
        }

        /**
         * Sets the fitted encoder applied to the raw RFM row before the segmenter and the churn model. Default:
         * none (the models take raw columns).
         *
         * @param encoder a fitted transform of the columns recency, frequency, monetary, tenure
         * @return this builder
         */
        public Builder encoder(FeatureTransform encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * Sets the segmenter. Default: none.
         *
         * @param segments a fitted segmentation model over (encoded) feature columns, e.g. a
         *     {@link dev.segmentation.cluster.KMeansModel} or a {@link dev.segmentation.cluster.GaussianMixtureModel}
         * @return this builder
         */
        public Builder segments(ClusterModel segments) {
            this.segments = Objects.requireNonNull(segments, "segments");
            return this;
        }

        /**
         * Sets the churn model. Default: none.
         *
         * @param churn a fitted churn model over (encoded) feature columns, e.g. a
         *     {@link dev.segmentation.churn.LogisticRegressionModel}
         * @return this builder
         */
        public Builder churn(ChurnModel churn) {
            this.churn = Objects.requireNonNull(churn, "churn");
            return this;
        }

        /**
         * Sets the BTYD model for P(alive) and expected purchases. Default: none.
         *
         * @param btyd a fitted BG/NBD, modified BG/NBD or Pareto/NBD model
         * @return this builder
         */
        public Builder btyd(BtydModel btyd) {
            this.btyd = Objects.requireNonNull(btyd, "btyd");
            return this;
        }

        /**
         * Sets the lifetime-value model for P(alive), expected purchases and CLV, and the CLV settings, e.g. the
         * pipeline's {@code SegmentationResult.lifetimeValueModel()}. Default: none. Replaces
         * {@link #btyd(BtydModel)} with {@link #lifetimeValue(GammaGammaModel, Clv)}: set one or the other.
         *
         * @param model a fitted lifetime-value model
         * @param clv the CLV horizon, discounting and margin
         * @return this builder
         */
        public Builder lifetimeValue(LifetimeValueModel model, Clv clv) {
            this.model = Objects.requireNonNull(model, "model");
            this.clv = Objects.requireNonNull(clv, "clv");
            return this;
        }

        /**
         * Sets the spend model and the CLV settings; needs {@link #btyd(BtydModel)}: the two make a
         * {@link BtydLifetimeValueModel}. Default: none.
         *
         * @param spend a fitted Gamma-Gamma model
         * @param clv the CLV horizon, discounting and margin
         * @return this builder
         */
        public Builder lifetimeValue(GammaGammaModel spend, Clv clv) {
            this.spend = Objects.requireNonNull(spend, "spend");
            this.clv = Objects.requireNonNull(clv, "clv");
            return this;
        }

        /**
         * Sets the horizon of {@link CustomerScore#expectedPurchases()}. Default: 52 weeks.
         *
         * @param horizon a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder horizon(Duration horizon) {
            this.horizon = ParamChecks.positive("horizon", horizon);
            return this;
        }

        /**
         * Builds the scorer, resolving each model's columns among the (encoded) feature names.
         *
         * @return the scorer
         * @throws IllegalArgumentException if a model needs a column the (encoded) row lacks, a spend model is
         *     given without a BTYD model, or a lifetime-value model with a BTYD or spend model
         */
        public CustomerScorer build() {
            if (model != null && (btyd != null || spend != null)) {
                throw new IllegalArgumentException("btyd and a spend model must not be set with a lifetime-value "
                        + "model, found " + (btyd != null ? "btyd " + btyd.name() : "a spend model"));
            }
            if (spend != null && btyd == null) {
                throw new IllegalArgumentException("btyd must be set with lifetimeValue, found none");
            }
            return new CustomerScorer(this);
        }
    }
}
