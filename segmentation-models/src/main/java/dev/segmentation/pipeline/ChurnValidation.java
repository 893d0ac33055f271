package dev.segmentation.pipeline;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The churn stage's out-of-sample check. Churn means no purchase in the {@code horizonDays} days after a
 * cut-off. The deployed logistic model is trained at the cut-off {@code lastDay - horizonDays}; to check it out
 * of sample, the same trainer is fitted at the earlier cut-off {@link #trainingCutoff()} {@code = lastDay -
 * 2 horizonDays} (labels over the following horizon) and scores the customers at {@link #evaluationCutoff()}
 * {@code = lastDay - horizonDays} from their history up to then, whose labels (no purchase up to the last day)
 * it never saw. The BTYD transaction model is checked the same way: fitted on the purchases up to the evaluation
 * cut-off (or, when the model choice's calibration end is on or before it, that calibration fit is reused), its
 * own probability of no purchase over the horizon, {@code L(x, t_x, T + h) / L(x, t_x, T)}, scores the same
 * customers from their history up to the evaluation cut-off.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class ChurnValidation {
    private final int horizonDays;
    private final LocalDate trainingCutoff;
    private final LocalDate evaluationCutoff;
    private final int customers;
    private final double churnRate;
    private final double logisticAuc;
    private final double logisticBrier;
    private final double logisticMeanPredicted;
    private final double btydAuc;
    private final double btydBrier;
    private final double btydMeanPredicted;
    private final double[] logisticGains;
    private final double[] btydGains;
    private final double[] logisticLift;

    ChurnValidation(int horizonDays, LocalDate trainingCutoff, LocalDate evaluationCutoff, int customers,
            double churnRate, double logisticAuc, double logisticBrier, double logisticMeanPredicted, double btydAuc,
            double btydBrier, double btydMeanPredicted, double[] logisticGains, double[] btydGains,
            double[] logisticLift) {
        this.horizonDays = horizonDays;
        this.trainingCutoff = trainingCutoff;
        this.evaluationCutoff = evaluationCutoff;
        this.customers = customers;
        this.churnRate = churnRate;
        this.logisticAuc = logisticAuc;
        this.logisticBrier = logisticBrier;
        this.logisticMeanPredicted = logisticMeanPredicted;
        this.btydAuc = btydAuc;
        this.btydBrier = btydBrier;
        this.btydMeanPredicted = btydMeanPredicted;
        this.logisticGains = logisticGains.clone();
        this.btydGains = btydGains == null ? new double[0] : btydGains.clone();
        this.logisticLift = logisticLift.clone();
    }

    /**
     * Returns the churn definition in words for a horizon.
     *
     * @param horizonDays the horizon in days
     * @return the sentence
     */
    public static String definition(int horizonDays) {
        return "a customer has churned when they make no purchase in the " + horizonDays
                + " days after a cut-off date; P(churn) is the logistic model's probability of that from the "
                + "history up to the last observed day";
    }

    /**
     * Returns the churn definition in words.
     *
     * @return the sentence
     */
    public String definition() {
        return definition(horizonDays);
    }

    /**
     * Returns the churn horizon in days.
     *
     * @return the days
     */
    public int horizonDays() {
        return horizonDays;
    }

    /**
     * Returns the cut-off of the check's logistic model (labels over the horizon after it).
     *
     * @return the date
     */
    public LocalDate trainingCutoff() {
        return trainingCutoff;
    }

    /**
     * Returns the cut-off at which both models are scored out of sample.
     *
     * @return the date
     */
    public LocalDate evaluationCutoff() {
        return evaluationCutoff;
    }

    /**
     * Returns the number of customers scored.
     *
     * @return the count
     */
    public int customers() {
        return customers;
    }

    /**
     * Returns the observed churn rate after the evaluation cut-off.
     *
     * @return the share of customers without a purchase in the horizon
     */
    public double churnRate() {
        return churnRate;
    }

    /**
     * Returns the out-of-sample ROC AUC of the logistic P(churn).
     *
     * @return the AUC
     */
    public double logisticAuc() {
        return logisticAuc;
    }

    /**
     * Returns the out-of-sample Brier score of the logistic P(churn).
     *
     * @return the score
     */
    public double logisticBrier() {
        return logisticBrier;
    }

    /**
     * Returns the mean out-of-sample logistic P(churn), to compare with {@link #churnRate()} (calibration in the
     * large).
     *
     * @return the mean
     */
    public double logisticMeanPredicted() {
        return logisticMeanPredicted;
    }

    /**
     * Returns the out-of-sample ROC AUC of the BTYD probability of no purchase over the horizon.
     *
     * @return the AUC, NaN when the lifetime-value stage did not run
     */
    public double btydAuc() {
        return btydAuc;
    }

    /**
     * Returns the out-of-sample Brier score of the BTYD probability of no purchase.
     *
     * @return the score, NaN when the lifetime-value stage did not run
     */
    public double btydBrier() {
        return btydBrier;
    }

    /**
     * Returns the mean BTYD probability of no purchase over the horizon at the evaluation cut-off.
     *
     * @return the mean, NaN when the lifetime-value stage did not run
     */
    public double btydMeanPredicted() {
        return btydMeanPredicted;
    }

    /**
     * Returns the out-of-sample cumulative gains of the logistic P(churn) by decile: the share of churners among
     * the top 10%, 20%, ... of customers by predicted risk.
     *
     * @return a copy, ten values
     */
    public double[] logisticGains() {
        return logisticGains.clone();
    }

    /**
     * Returns the out-of-sample cumulative gains of the BTYD probability of no purchase by decile.
     *
     * @return a copy, empty when the lifetime-value stage did not run
     */
    public double[] btydGains() {
        return btydGains.clone();
    }

    /**
     * Returns the out-of-sample lift of the logistic P(churn) per decile (churn rate in the decile over the
     * overall rate).
     *
     * @return a copy, ten values
     */
    public double[] logisticLift() {
        return logisticLift.clone();
    }

    /**
     * Returns the figures as ordered fields for JSON, NaN as null.
     *
     * @return a new ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainingCutoff", trainingCutoff.toString());
        m.put("evaluationCutoff", evaluationCutoff.toString());
        m.put("customers", customers);
        m.put("churnRate", LifetimeValueReport.finite(churnRate));
        m.put("logisticAuc", LifetimeValueReport.finite(logisticAuc));
        m.put("logisticBrier", LifetimeValueReport.finite(logisticBrier));
        m.put("logisticMeanPredicted", LifetimeValueReport.finite(logisticMeanPredicted));
        m.put("btydAuc", LifetimeValueReport.finite(btydAuc));
        m.put("btydBrier", LifetimeValueReport.finite(btydBrier));
        m.put("btydMeanPredicted", LifetimeValueReport.finite(btydMeanPredicted));
        return m;
    }

    @Override
    public String toString() {
        return "ChurnValidation" + toMap();
    }
}
