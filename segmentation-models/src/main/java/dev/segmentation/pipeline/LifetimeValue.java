package dev.segmentation.pipeline;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Configuration of the pipeline's lifetime-value stage: a transaction model (BG/NBD, MBG/NBD or Pareto/NBD,
 * each configured with its own builder), a Gamma-Gamma spend model, the horizon and the discount rate. The
 * stage summarizes the log (frequency, recency, T in {@link #unit(Duration) unit}s, monetary value), fits both
 * models and computes, per customer, P(alive), the expected purchases over the horizon and the discounted CLV
 * over the horizon with {@link Clv} (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", eq. 2 discounted in monthly steps).
 *
 * <p>Spend: Gamma-Gamma is fitted on the repeat customers with a positive mean repeat spend; a repeat customer
 * with a zero mean spend (zero-value orders, as in CDNOW) and a one-time buyer are valued at the population
 * mean spend per purchase {@code p v / (q - 1)}, everyone else at E[Z | x, zbar] (Fader, Hardie and Lee 2005b,
 * eq. 5).
 *
 * <p>Defaults: Gamma-Gamma with its builder's defaults, horizon one year, annual discount rate 0.10, unit one
 * week. The builders are read when the pipeline runs, which is also when their settings are validated.
 *
 * <pre>{@code
 * LifetimeValue ltv = LifetimeValue.bgNbd(BgNbd.builder().penalty(0.001))
 *         .spend(GammaGamma.builder()).horizon(Period.ofMonths(6)).annualDiscountRate(0.12);
 * }</pre>
 *
 * <p>Mutable and single-threaded, like a builder.
 */
public final class LifetimeValue {
    private final Supplier<Function<BtydSummary, BtydModel>> transactionModel;
    private final Supplier<String> description;
    private GammaGamma.Builder spend = GammaGamma.builder();
    private Period horizon = Period.ofYears(1);
    private double annualDiscountRate = 0.10;
    private Duration unit = Duration.ofDays(7);

    private LifetimeValue(Supplier<Function<BtydSummary, BtydModel>> transactionModel, Supplier<String> description) {
        this.transactionModel = transactionModel;
        this.description = description;
    }

    /**
     * Uses the BG/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue bgNbd(BgNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> trainer.build()::fit, () -> trainer.build().toString());
    }

    /**
     * Uses the MBG/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue modifiedBgNbd(ModifiedBgNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> trainer.build()::fit, () -> trainer.build().toString());
    }

    /**
     * Uses the Pareto/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue paretoNbd(ParetoNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> trainer.build()::fit, () -> trainer.build().toString());
    }

    /**
     * Sets the spend model. Default: {@code GammaGamma.builder()}.
     *
     * @param spend the trainer's builder; not null. Read when the pipeline runs.
     * @return this configuration
     */
    public LifetimeValue spend(GammaGamma.Builder spend) {
        this.spend = Objects.requireNonNull(spend, "spend");
        return this;
    }

    /**
     * Sets the horizon of the expected purchases and of the CLV. Default: one year.
     *
     * @param horizon the horizon, positive; not null
     * @return this configuration
     */
    public LifetimeValue horizon(Period horizon) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        return this;
    }

    /**
     * Sets the annual discount rate of the CLV. Default: 0.10.
     *
     * @param annualDiscountRate the rate, finite and {@code >= 0}
     * @return this configuration
     */
    public LifetimeValue annualDiscountRate(double annualDiscountRate) {
        this.annualDiscountRate = annualDiscountRate;
        return this;
    }

    /**
     * Sets the time unit of recency and T in the summary and of the fitted model's parameters. Default: one
     * week (the unit of Fader, Hardie and Lee's CDNOW analyses).
     *
     * @param unit the unit, positive; not null
     * @return this configuration
     */
    public LifetimeValue unit(Duration unit) {
        this.unit = Objects.requireNonNull(unit, "unit");
        return this;
    }

    /** The validated, immutable form used by one run. */
    static final class Resolved {
        final Function<BtydSummary, BtydModel> transactionModel;
        final GammaGamma spend;
        final Clv clv;
        final Period horizon;
        final Duration unit;

        Resolved(Function<BtydSummary, BtydModel> transactionModel, GammaGamma spend, Clv clv, Period horizon,
                Duration unit) {
            this.transactionModel = transactionModel;
            this.spend = spend;
            this.clv = clv;
            this.horizon = horizon;
            this.unit = unit;
        }
    }

    /** Builds every part, so that bad settings surface before any work is done. */
    Resolved resolve() {
        if (unit.isNegative() || unit.isZero()) {
            throw new IllegalArgumentException("unit must be > 0, found " + unit);
        }
        Clv clv = Clv.builder().horizon(horizon).annualDiscountRate(annualDiscountRate).build();
        return new Resolved(transactionModel.get(), spend.build(), clv, horizon, unit);
    }

    /** The annual discount rate, for the segment catalog's scoring settings. */
    double discountRate() {
        return annualDiscountRate;
    }

    @Override
    public String toString() {
        String model;
        String spendModel;
        try {
            model = description.get();
            spendModel = spend.build().toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            model = "invalid: " + e.getMessage();
            spendModel = "?";
        }
        return "LifetimeValue{transactionModel=" + model + ", spend=" + spendModel + ", horizon=" + horizon + ", annualDiscountRate=" + annualDiscountRate + ", unit=" + unit + "}";
    }
}
