package dev.segmentation.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lifetime-value stage did: the transaction model it used, the horizon, discount rate and currency of
 * the CLV, and every candidate model's figures on the calibration/holdout split (see
 * {@link LifetimeValue#chosenByHoldout()}). With a single given model there is one candidate, and the holdout
 * figures are NaN.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never returned.
 */
public final class LifetimeValueReport {
    private final String model;
    private final Period horizon;
    private final double annualDiscountRate;
    private final String currency;
    private final Duration unit;
    private final LocalDate calibrationEnd;
    private final int holdoutDays;
    private final String criterion;
    private final List<Candidate> candidates;

    LifetimeValueReport(String model, Period horizon, double annualDiscountRate, String currency, Duration unit,
            LocalDate calibrationEnd, int holdoutDays, String criterion, List<Candidate> candidates) {
        this.model = model;
        this.horizon = horizon;
        this.annualDiscountRate = annualDiscountRate;
        this.currency = currency;
        this.unit = unit;
        this.calibrationEnd = calibrationEnd;
        this.holdoutDays = holdoutDays;
        this.criterion = criterion;
        this.candidates = List.copyOf(candidates);
    }

    /**
     * Returns the short name of the transaction model used for P(alive), the expected purchases and the CLV.
     *
     * @return {@code "bgnbd"}, {@code "mbgnbd"} or {@code "paretonbd"}
     */
    public String model() {
        return model;
    }

    /**
     * Returns the horizon of the expected purchases and the CLV.
     *
     * @return the horizon
     */
    public Period horizon() {
        return horizon;
    }

    /**
     * Returns the annual discount rate of the CLV.
     *
     * @return the rate
     */
    public double annualDiscountRate() {
        return annualDiscountRate;
    }

    /**
     * Returns the currency of the amounts as configured.
     *
     * @return an ISO 4217 code, or empty when none was given
     */
    public String currency() {
        return currency;
    }

    /**
     * Returns the time unit of the models' recency, T and parameters.
     *
     * @return the unit
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns the calibration end of the model choice: the last day the candidates were fitted on.
     *
     * @return the date, or empty when no holdout comparison was made
     */
    public Optional<LocalDate> calibrationEnd() {
        return Optional.ofNullable(calibrationEnd);
    }

    /**
     * Returns the length of the holdout in days.
     *
     * @return the days after the calibration end, 0 when no holdout comparison was made
     */
    public int holdoutDays() {
        return holdoutDays;
    }

    /**
     * Returns how the model was chosen, in words.
     *
     * @return the criterion
     */
    public String criterion() {
        return criterion;
    }

    /**
     * Returns every candidate's figures, in the order tried.
     *
     * @return an unmodifiable list
     */
    public List<Candidate> candidates() {
        return candidates;
    }

    /**
     * Returns the report as ordered fields for JSON: {@code model, horizon, horizonDays, discountRate, currency
     * (null when none), unit, calibrationEnd, holdoutDays, criterion, validation} (one object per candidate);
     * NaN figures are null.
     *
     * @return a new ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("horizon", horizon.toString());
        m.put("discountRate", annualDiscountRate);
        m.put("currency", currency.isEmpty() ? null : currency);
        m.put("unit", unit.toString());
        m.put("calibrationEnd", calibrationEnd == null ? null : calibrationEnd.toString());
        m.put("holdoutDays", holdoutDays);
        m.put("criterion", criterion);
        m.put("validation", candidates.stream().map(Candidate::toMap).toList());
        return m;
    }

    @Override
    public String toString() {
        return "LifetimeValueReport" + toMap();
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One candidate transaction model's figures. Immutable. */
    public static final class Candidate {
        private final String model;
        private final boolean chosen;
        private final boolean eligible;
        private final String note;
        private final boolean converged;
        private final int iterations;
        private final Map<String, Double> params;
        private final double calibrationLogLikelihood;
        private final double holdoutLogLoss;
        private final double holdoutAuc;
        private final double predictedHoldoutPurchases;
        private final double actualHoldoutPurchases;
        private final double holdoutMeanAbsoluteError;
        private final double meanAliveWithoutRepeat;
        private final DropoutPrior dropoutPrior;

        Candidate(String model, boolean chosen, boolean eligible, String note, boolean converged, int iterations,
                Map<String, Double> params, double calibrationLogLikelihood, double holdoutLogLoss,
                double holdoutAuc, double predictedHoldoutPurchases, double actualHoldoutPurchases,
                double holdoutMeanAbsoluteError, double meanAliveWithoutRepeat) {
            this(model, chosen, eligible, note, converged, iterations, params, calibrationLogLikelihood,
                    holdoutLogLoss, holdoutAuc, predictedHoldoutPurchases, actualHoldoutPurchases,
                    holdoutMeanAbsoluteError, meanAliveWithoutRepeat, null);
        }

        private Candidate(String model, boolean chosen, boolean eligible, String note, boolean converged,
                int iterations, Map<String, Double> params, double calibrationLogLikelihood, double holdoutLogLoss,
                double holdoutAuc, double predictedHoldoutPurchases, double actualHoldoutPurchases,
                double holdoutMeanAbsoluteError, double meanAliveWithoutRepeat, DropoutPrior dropoutPrior) {
            this.model = Objects.requireNonNull(model);
            this.chosen = chosen;
            this.eligible = eligible;
            this.note = Objects.requireNonNull(note);
            this.converged = converged;
            this.iterations = iterations;
            this.params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            this.calibrationLogLikelihood = calibrationLogLikelihood;
            this.holdoutLogLoss = holdoutLogLoss;
            this.holdoutAuc = holdoutAuc;
            this.predictedHoldoutPurchases = predictedHoldoutPurchases;
            this.actualHoldoutPurchases = actualHoldoutPurchases;
            this.holdoutMeanAbsoluteError = holdoutMeanAbsoluteError;
            this.meanAliveWithoutRepeat = meanAliveWithoutRepeat;
            this.dropoutPrior = dropoutPrior;
        }

        Candidate withChosen(boolean chosen, String note) {
            return new Candidate(model, chosen, eligible, note, converged, iterations, params,
                    calibrationLogLikelihood, holdoutLogLoss, holdoutAuc, predictedHoldoutPurchases,
                    actualHoldoutPurchases, holdoutMeanAbsoluteError, meanAliveWithoutRepeat, dropoutPrior);
        }

        Candidate withDropoutPrior(DropoutPrior dropoutPrior) {
            return new Candidate(model, chosen, eligible, note, converged, iterations, params,
                    calibrationLogLikelihood, holdoutLogLoss, holdoutAuc, predictedHoldoutPurchases,
                    actualHoldoutPurchases, holdoutMeanAbsoluteError, meanAliveWithoutRepeat, dropoutPrior);
        }

        /**
         * Returns the choice of the dropout prior's weight made for this candidate: made for the model chosen
         * by holdout only (see {@link LifetimeValue#dropoutWeights(double...)}).
         *
         * @return the choice, or empty when none was made for this candidate
         */
        public Optional<DropoutPrior> dropoutPrior() {
            return Optional.ofNullable(dropoutPrior);
        }

        /**
         * Returns the model's short name.
         *
         * @return {@code "bgnbd"}, {@code "mbgnbd"} or {@code "paretonbd"}
         */
        public String model() {
            return model;
        }

        /**
         * Tells whether this candidate is the model used.
         *
         * @return true if chosen
         */
        public boolean chosen() {
            return chosen;
        }

        /**
         * Tells whether the candidate could be chosen (its calibration fit converged and it passed the rules).
         *
         * @return true if eligible
         */
        public boolean eligible() {
            return eligible;
        }

        /**
         * Returns why the candidate was not eligible or not used, or what happened to it.
         *
         * @return a sentence, or empty
         */
        public String note() {
            return note;
        }

        /**
         * Tells whether the candidate's calibration fit (or, without holdout, its fit on all data) converged.
         *
         * @return true if converged
         */
        public boolean converged() {
            return converged;
        }

        /**
         * Returns the iterations of that fit.
         *
         * @return the count
         */
        public int iterations() {
            return iterations;
        }

        /**
         * Returns the parameters of that fit.
         *
         * @return an unmodifiable map, empty when the fit failed
         */
        public Map<String, Double> params() {
            return params;
        }

        /**
         * Returns the log-likelihood of that fit.
         *
         * @return the log-likelihood, NaN when the fit failed
         */
        public double calibrationLogLikelihood() {
            return calibrationLogLikelihood;
        }

        /**
         * Returns the criterion: the mean Bernoulli log loss of "no purchase in the holdout" (lower is better).
         *
         * @return the log loss, NaN without holdout
         */
        public double holdoutLogLoss() {
            return holdoutLogLoss;
        }

        /**
         * Returns the ROC AUC of the model's P(no purchase in the holdout) for the customers who made none.
         *
         * @return the AUC, NaN without holdout or with one class
         */
        public double holdoutAuc() {
            return holdoutAuc;
        }

        /**
         * Returns the predicted total of holdout repeat purchases, the sum of E[Y(d) | x, t_x, T].
         *
         * @return the total, NaN without holdout
         */
        public double predictedHoldoutPurchases() {
            return predictedHoldoutPurchases;
        }

        /**
         * Returns the actual total of holdout purchases (purchase days) of the calibration customers.
         *
         * @return the total, NaN without holdout
         */
        public double actualHoldoutPurchases() {
            return actualHoldoutPurchases;
        }

        /**
         * Returns the mean absolute error of the per-customer holdout purchases.
         *
         * @return the error, NaN without holdout
         */
        public double holdoutMeanAbsoluteError() {
            return holdoutMeanAbsoluteError;
        }

        /**
         * Returns the mean P(alive) at the calibration end of the customers without a repeat purchase: 1 for
         * BG/NBD by assumption.
         *
         * @return the mean, NaN without such customers or a fit
         */
        public double meanAliveWithoutRepeat() {
            return meanAliveWithoutRepeat;
        }

        /**
         * Returns the figures as ordered fields for JSON, NaN as null: {@code model, chosen, eligible, note,
         * converged, iterations, params, logLikelihood, holdoutLogLoss, holdoutAuc, predictedHoldoutPurchases,
         * actualHoldoutPurchases, holdoutMeanAbsoluteError, meanAliveWithoutRepeat, dropoutPrior} (null when no
         * weight was chosen for this candidate, else {@link DropoutPrior#toMap()}).
         *
         * @return a new ordered map
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("chosen", chosen);
            m.put("eligible", eligible);
            m.put("note", note);
            m.put("converged", converged);
            m.put("iterations", iterations);
            Map<String, Object> p = new LinkedHashMap<>();
            params.forEach((k, v) -> p.put(k, finite(v)));
            m.put("params", p);
            m.put("logLikelihood", finite(calibrationLogLikelihood));
            m.put("holdoutLogLoss", finite(holdoutLogLoss));
            m.put("holdoutAuc", finite(holdoutAuc));
            m.put("predictedHoldoutPurchases", finite(predictedHoldoutPurchases));
            m.put("actualHoldoutPurchases", finite(actualHoldoutPurchases));
            m.put("holdoutMeanAbsoluteError", finite(holdoutMeanAbsoluteError));
            m.put("meanAliveWithoutRepeat", finite(meanAliveWithoutRepeat));
            m.put("dropoutPrior", dropoutPrior == null ? null : dropoutPrior.toMap());
            return m;
        }

        @Override
        public String toString() {
            return "Candidate" + toMap();
        }
    }

    /**
     * The choice of the dropout prior's weight for the transaction model chosen by holdout: every weight of the
     * grid with its holdout figures on the same calibration/holdout split as the model choice, the rule, the
     * weight chosen, the weight actually used for the fit on all data, and the prior in words. Immutable.
     */
    public static final class DropoutPrior {
        private final List<Weight> weights;
        private final double best;
        private final double chosen;
        private final double used;
        private final String rule;
        private final String statement;

        DropoutPrior(List<Weight> weights, double best, double chosen, double used, String rule, String statement) {
            this.weights = List.copyOf(weights);
            this.best = best;
            this.chosen = chosen;
            this.used = used;
            this.rule = Objects.requireNonNull(rule);
            this.statement = Objects.requireNonNull(statement);
        }

        DropoutPrior withUsed(double used, String statement) {
            return new DropoutPrior(weights, best, chosen, used, rule, statement);
        }

        /**
         * Returns every weight of the grid with its figures, in increasing weight order.
         *
         * @return an unmodifiable list
         */
        public List<Weight> weights() {
            return weights;
        }

        /**
         * Returns the weight with the lowest holdout log loss.
         *
         * @return the weight, NaN when no weight's fit was eligible
         */
        public double best() {
            return best;
        }

        /**
         * Returns the weight the rule chose: the largest within one paired standard error of the best.
         *
         * @return the weight, NaN when no weight's fit was eligible
         */
        public double chosen() {
            return chosen;
        }

        /**
         * Returns the weight of the fit on all data that the pipeline uses: the chosen one, or a smaller one
         * within the rule when the fit on all data at the chosen weight did not converge.
         *
         * @return the weight, NaN when the model's own trainer was used (no weight eligible, or every weight's
         *     fit on all data failed)
         */
        public double used() {
            return used;
        }

        /**
         * Returns the rule in words.
         *
         * @return the rule
         */
        public String rule() {
            return rule;
        }

        /**
         * Returns the prior and the choice in one sentence for a marketer.
         *
         * @return the sentence
         */
        public String statement() {
            return statement;
        }

        /**
         * Returns the fields for JSON: {@code weights} (one object per weight, {@link Weight#toMap()}),
         * {@code best, chosen, used} (null when NaN), {@code rule, statement}.
         *
         * @return a new ordered map
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weights", weights.stream().map(Weight::toMap).toList());
            m.put("best", finite(best));
            m.put("chosen", finite(chosen));
            m.put("used", finite(used));
            m.put("rule", rule);
            m.put("statement", statement);
            return m;
        }

        @Override
        public String toString() {
            return "DropoutPrior" + toMap();
        }
    }

    /** One weight of the dropout prior's grid and its holdout figures. Immutable. */
    public static final class Weight {
        private final double weight;
        private final boolean eligible;
        private final String note;
        private final double holdoutLogLoss;
        private final double difference;
        private final double standardError;
        private final boolean withinOneStandardError;
        private final double meanAliveWithoutRepeat;

        Weight(double weight, boolean eligible, String note, double holdoutLogLoss, double difference,
                double standardError, boolean withinOneStandardError, double meanAliveWithoutRepeat) {
            this.weight = weight;
            this.eligible = eligible;
            this.note = Objects.requireNonNull(note);
            this.holdoutLogLoss = holdoutLogLoss;
            this.difference = difference;
            this.standardError = standardError;
            this.withinOneStandardError = withinOneStandardError;
            this.meanAliveWithoutRepeat = meanAliveWithoutRepeat;
        }

        /**
         * Returns the weight ({@code dropoutPenalty}).
         *
         * @return the weight
         */
        public double weight() {
            return weight;
        }

        /**
         * Tells whether the calibration fit at this weight converged with a finite holdout log loss.
         *
         * @return true if eligible
         */
        public boolean eligible() {
            return eligible;
        }

        /**
         * Returns why the weight was not eligible, or empty.
         *
         * @return a sentence, or empty
         */
        public String note() {
            return note;
        }

        /**
         * Returns the mean holdout log loss of "no purchase in the holdout" (lower is better).
         *
         * @return the loss, NaN when not eligible
         */
        public double holdoutLogLoss() {
            return holdoutLogLoss;
        }

        /**
         * Returns the mean paired per-customer difference of the holdout log loss to the best weight's.
         *
         * @return the difference, 0 for the best weight, NaN when not eligible
         */
        public double difference() {
            return difference;
        }

        /**
         * Returns the standard error of {@link #difference()}.
         *
         * @return the standard error, 0 for the best weight, NaN when not eligible
         */
        public double standardError() {
            return standardError;
        }

        /**
         * Tells whether {@code difference <= standardError}.
         *
         * @return true if within one standard error of the best
         */
        public boolean withinOneStandardError() {
            return withinOneStandardError;
        }

        /**
         * Returns the mean P(alive) at the calibration end of the customers without a repeat purchase, at this
         * weight.
         *
         * @return the mean, NaN when not eligible or without such customers
         */
        public double meanAliveWithoutRepeat() {
            return meanAliveWithoutRepeat;
        }

        /**
         * Returns the fields for JSON: {@code weight, eligible, note, holdoutLogLoss, difference, standardError,
         * withinOneStandardError, meanAliveWithoutRepeat}, NaN as null.
         *
         * @return a new ordered map
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weight", weight);
            m.put("eligible", eligible);
            m.put("note", note);
            m.put("holdoutLogLoss", finite(holdoutLogLoss));
            m.put("difference", finite(difference));
            m.put("standardError", finite(standardError));
            m.put("withinOneStandardError", withinOneStandardError);
            m.put("meanAliveWithoutRepeat", finite(meanAliveWithoutRepeat));
            return m;
        }

        @Override
        public String toString() {
            return "Weight" + toMap();
        }
    }
}
