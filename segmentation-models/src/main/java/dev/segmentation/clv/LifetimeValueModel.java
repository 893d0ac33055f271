package dev.segmentation.clv;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifetime-value seam's fitted model: per customer, from the customer's BTYD summary (frequency x, recency t_x,
 * age T, mean repeat spend), P(alive), the expected purchases over a horizon and the discounted CLV. The pipeline
 * ({@code dev.segmentation.pipeline.Segmentation}), the bundle scorer ({@code BundleScorer}) and the streaming
 * scorer ({@code dev.segmentation.streaming.CustomerScorer}) all score through it, so one customer gets one CLV
 * whatever the entry point. {@link BtydLifetimeValueModel} is the library's: a BTYD transaction model with the
 * Gamma-Gamma spend model. A new family implements this interface and a {@link LifetimeValueTrainer} in its own
 * package.
 *
 * <p>Recency and T are read in {@link #unit()}; the horizon and the discounting come from a {@link Clv} and a
 * calendar span given at scoring time, so one fitted model serves any horizon. Implementations are immutable and
 * safe for concurrent use, and return no NaN or infinite value for valid input.
 */
public interface LifetimeValueModel extends FittedModel {
    /**
     * Returns a short name for reports, e.g. {@code "BG/NBD + Gamma-Gamma"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the time unit of recency, T and the expected purchases' horizon, e.g. one week.
     *
     * @return the unit, positive
     */
    Duration unit();

    /**
     * Returns P(alive), the probability that the customer is still active.
     *
     * @param frequency x, the number of repeat purchases, {@code >= 0}
     * @param recency t_x, the age at the last purchase in {@link #unit()}, in [0, T]
     * @param T the age in {@link #unit()}
     * @return the probability, in [0, 1]
     * @throws IllegalArgumentException if an argument is invalid
     */
    double probabilityAlive(double frequency, double recency, double T);

    /**
     * Returns the expected number of purchases in the next {@code t} units.
     *
     * @param t the horizon in {@link #unit()}, {@code >= 0}
     * @param frequency x
     * @param recency t_x in {@link #unit()}
     * @param T the age in {@link #unit()}
     * @return the expectation, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    double expectedPurchases(double t, double frequency, double recency, double T);

    /**
     * Returns the customer's discounted CLV over the horizon of a {@link Clv}.
     *
     * @param clv the horizon, discounting and margin; not null
     * @param frequency x
     * @param recency t_x in {@link #unit()}
     * @param T the age in {@link #unit()}
     * @param monetary the mean repeat spend (the summary's monetary value), finite and {@code >= 0}
     * @return the value, {@code >= 0}
     * @throws IllegalArgumentException if an argument is invalid
     */
    double value(Clv clv, double frequency, double recency, double T, double monetary);

    /**
     * Scores every customer of a summary: P(alive), the expected purchases over a calendar horizon and the CLV. A
     * summary recorded in another unit is converted to {@link #unit()} first. The default calls the per-customer
     * methods; an implementation may score in bulk if it gives the same values.
     *
     * @param summary the customers; not null. Not modified.
     * @param horizon the horizon of the expected purchases; not null
     * @param clv the CLV settings; not null
     * @param pAlive receives P(alive), length {@code summary.size()}. Modified.
     * @param expected receives the expected purchases over the horizon, length {@code summary.size()}. Modified.
     * @param value receives the CLV, length {@code summary.size()}. Modified.
     * @throws IllegalArgumentException if an array has the wrong length or a customer's values are invalid
     */
    default void score(BtydSummary summary, Period horizon, Clv clv, double[] pAlive, double[] expected,
            double[] value) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(clv, "clv");
        Objects.requireNonNull(pAlive, "pAlive");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(value, "value");
        int n = summary.size();
        Checks.length("pAlive", pAlive, n);
        Checks.length("expected", expected, n);
        Checks.length("value", value, n);
        double t = TimeUnits.inUnits(horizon, unit());
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(unit());
        for (int i = 0; i < n; i++) {
            double x = summary.frequency(i);
            double tx = summary.recency(i) * scale;
            double age = summary.T(i) * scale;
            pAlive[i] = probabilityAlive(x, tx, age);
            expected[i] = expectedPurchases(t, x, tx, age);
            value[i] = value(clv, x, tx, age, summary.monetary(i));
        }
    }

    /**
     * Returns the BTYD transaction model behind P(alive) and the expected purchases, if this model has one. The
     * pipeline and the bundle scorer report it ({@code SegmentationResult.transactionModel()}) and, with a churn
     * stage, the pipeline computes from it each customer's probability of no purchase over the churn horizon
     * ({@code SegmentationResult.noPurchaseProbabilities()}); without one, both are empty. The default is empty;
     * {@link BtydLifetimeValueModel} returns its {@link BtydLifetimeValueModel#transactions()}.
     *
     * @return the transaction model, or empty
     */
    default Optional<BtydModel> transactionModel() {
        return Optional.empty();
    }

    @Override
    LifetimeValueModel withProvenance(Provenance provenance);
}
