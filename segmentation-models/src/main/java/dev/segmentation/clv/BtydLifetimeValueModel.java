package dev.segmentation.clv;

import dev.segmentation.Provenance;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's {@link LifetimeValueModel}: a BTYD transaction model ({@link BtydModel}: BG/NBD, MBG/NBD or
 * Pareto/NBD) for P(alive) and the expected purchases, and the Gamma-Gamma spend model for the spend per purchase,
 * valued with {@link Clv}.
 *
 * <p><b>Spend per purchase.</b> Every customer is valued at the Gamma-Gamma conditional expectation
 * {@code E[Z | x, zbar]} (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base
 * Analysis", and their note on the Gamma-Gamma model, eq. 5), through
 * {@link Clv#spendPerPurchase(GammaGammaModel, double, double)}: the population mean {@code p v / (q - 1)} for a
 * customer without repeat purchases, a weighted mean of the population mean and the customer's own mean repeat
 * spend for a repeat buyer (so a repeat buyer whose mean spend is 0 gets less than the population mean).
 *
 * <pre>{@code
 * LifetimeValueModel ltv = BtydLifetimeValueModel.of(bgNbdModel, gammaGammaModel);
 * Clv clv = Clv.builder().horizon(Period.ofYears(1)).annualDiscountRate(0.10).build();
 * double value = ltv.value(clv, 3, 30.4, 38.9, 25.0);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Not persisted as one entry: a pipeline bundle holds its
 * two models as {@code transactions} and {@code spend}.
 */
public final class BtydLifetimeValueModel implements LifetimeValueModel {
    private final BtydModel transactions;
    private final GammaGammaModel spend;
    private final Provenance provenance;

    private BtydLifetimeValueModel(BtydModel transactions, GammaGammaModel spend, Provenance provenance) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.spend = Objects.requireNonNull(spend, "spend");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Combines a fitted transaction model and a fitted spend model. The provenance is the transaction model's.
     *
     * @param transactions the transaction model; not null
     * @param spend the spend model; not null
     * @return the model
     */
    public static BtydLifetimeValueModel of(BtydModel transactions, GammaGammaModel spend) {
        Objects.requireNonNull(transactions, "transactions");
        return new BtydLifetimeValueModel(transactions, spend, transactions.provenance());
    }

    /**
     * Returns the transaction model.
     *
     * @return the BTYD model
     */
    public BtydModel transactions() {
        return transactions;
    }

    /**
     * Returns the transaction model, the one behind P(alive) and the expected purchases: {@link #transactions()}.
     *
     * @return the BTYD model, never empty
     */
    @Override
    public Optional<BtydModel> transactionModel() {
        return Optional.of(transactions);
    }

    /**
     * Returns the spend model.
     *
     * @return the Gamma-Gamma model
     */
    public GammaGammaModel spend() {
        return spend;
    }

    /**
     * Returns the transaction model's name and the spend model's, e.g. {@code "BG/NBD + Gamma-Gamma"}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return transactions.name() + " + Gamma-Gamma";
    }

    /**
     * Returns the transaction model's unit.
     *
     * @return the unit
     */
    @Override
    public Duration unit() {
        return transactions.unit();
    }

    /**
     * Returns the transaction model's P(alive).
     *
     * @param frequency x
     * @param recency t_x in {@link #unit()}
     * @param T the age in {@link #unit()}
     * @return the probability
     */
    @Override
    public double probabilityAlive(double frequency, double recency, double T) {
        return transactions.probabilityAlive(frequency, recency, T);
    }

    /**
     * Returns the transaction model's conditional expected purchases.
     *
     * @param t the horizon in {@link #unit()}
     * @param frequency x
     * @param recency t_x in {@link #unit()}
     * @param T the age in {@link #unit()}
     * @return the expectation
     */
    @Override
    public double expectedPurchases(double t, double frequency, double recency, double T) {
        return transactions.conditionalExpectedPurchases(t, frequency, recency, T);
    }

    /**
     * Returns {@link Clv#customerValue(BtydModel, double, double, double, double)} at the spend per purchase
     * {@link Clv#spendPerPurchase(GammaGammaModel, double, double)}.
     *
     * @param clv the CLV settings; not null
     * @param frequency x
     * @param recency t_x in {@link #unit()}
     * @param T the age in {@link #unit()}
     * @param monetary the mean repeat spend
     * @return the value
     */
    @Override
    public double value(Clv clv, double frequency, double recency, double T, double monetary) {
        Objects.requireNonNull(clv, "clv");
        return clv.customerValue(transactions, Clv.spendPerPurchase(spend, frequency, monetary), frequency, recency,
                T);
    }

    /**
     * Scores in bulk: {@link BtydModel#score(BtydSummary, Period, double[], double[])} (once per distinct
     * (x, t_x, T)) and {@link Clv#compute(BtydModel, GammaGammaModel, BtydSummary)}.
     *
     * @param summary the customers; not null. Not modified.
     * @param horizon the horizon of the expected purchases; not null
     * @param clv the CLV settings; not null
     * @param pAlive receives P(alive). Modified.
     * @param expected receives the expected purchases. Modified.
     * @param value receives the CLV. Modified.
     */
    @Override
    public void score(BtydSummary summary, Period horizon, Clv clv, double[] pAlive, double[] expected,
            double[] value) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(clv, "clv");
        Objects.requireNonNull(value, "value");
        Checks.length("value", value, summary.size());
        double t = TimeUnits.inUnits(horizon, transactions.unit());
        Scoring.EntryScorer scorer = Scoring.of(transactions, t);
        int n = summary.size();
        if (scorer == null || n > BtydHistogram.MAX_ENTRIES) {
            transactions.score(summary, horizon, pAlive, expected);
            double[] v = clv.compute(transactions, spend, summary);
            System.arraycopy(v, 0, value, 0, v.length);
            return;
        }
        // the library's models: the summary compressed once for the scores and the CLV, which each compressed it
        // (issue 19); the same per-triple values in the same order, so the same bits and the same failures
        ParamChecks.nonNegative("t", t);
        Checks.length("pAlive", pAlive, n);
        Checks.length("expected", expected, n);
        int[] rowEntry = new int[n];
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(transactions.unit());
        BtydHistogram h = BtydHistogram.of(summary, scale, rowEntry);
        Scoring.scoreEntries(h, rowEntry, pAlive, expected, scorer);
        clv.compute(transactions, Clv.spendPerPurchase(spend, summary), h, rowEntry, value);
    }

    /**
     * Returns how this model was made: by default the transaction model's record.
     *
     * @return the provenance
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Returns a copy with another provenance; the two models are the same.
     *
     * @param provenance the record; not null
     * @return a new model
     */
    @Override
    public BtydLifetimeValueModel withProvenance(Provenance provenance) {
        return new BtydLifetimeValueModel(transactions, spend, Objects.requireNonNull(provenance, "provenance"));
    }

    @Override
    public String toString() {
        return "BtydLifetimeValueModel{transactions=" + transactions + ", spend=" + spend + "}";
    }
}
