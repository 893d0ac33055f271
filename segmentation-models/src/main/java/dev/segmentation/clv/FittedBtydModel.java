package dev.segmentation.clv;

import dev.segmentation.Provenance;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the BG/NBD-family models share beyond the formulas: the time unit, the fit's record (log-likelihood,
 * standard errors, convergence) and the named parameters. Package-private; the public surface is
 * {@link BtydModel} and the concrete models.
 */
abstract class FittedBtydModel implements BtydModel {
    /** The model's time unit. */
    final Duration unit;
    /** How the model was obtained: the fit's record, or {@link FitInfo#given} for given parameters. */
    final FitInfo info;
    /** The fit's record as {@link #provenance()} tells it (see {@link #restore}). */
    private final FitInfo fit;
    private final Provenance provenance;

    FittedBtydModel(Duration unit, FitInfo info) {
        this.unit = unit;
        this.info = info;
        this.fit = info;
        this.provenance = provenance(info, List.of("frequency", "recency", "T"));
    }

    /** The copy made by {@code withProvenance}: the same parameters and fit, another provenance. */
    FittedBtydModel(FittedBtydModel source, Provenance provenance) {
        this.unit = source.unit;
        this.info = source.info;
        this.fit = restore(info, provenance);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The provenance of a fit record: its trainer, customers, iterations, convergence and final log-likelihood. */
    static Provenance provenance(FitInfo info, List<String> columns) {
        if (info.trainer.equals(FitInfo.given(info.params).trainer)) {
            return Provenance.notRecorded();
        }
        return Provenance.builder(info.trainer).rows(Math.round(info.customers)).columns(columns)
                .iterations(info.iterations, info.converged).stopReason(info.reason)
                .objectiveHistory(new double[] {info.logLikelihood}).build();
    }

    /**
     * The fit record of a model made from given parameters (as every loaded model is) and a provenance read back
     * from a file: iterations, convergence, reason and log-likelihood come from the provenance; standard errors and
     * the gradient norm are not kept in the file and stay NaN. Any other combination keeps {@code info}.
     */
    static FitInfo restore(FitInfo info, Provenance p) {
        double[] history = p.objectiveHistory();
        if (!info.trainer.equals(FitInfo.given(info.params).trainer) || !p.recorded() || history.length == 0
                || !p.iterations().isPresent()) {
            return info;
        }
        boolean converged = p.convergence() == Provenance.Convergence.CONVERGED;
        double[] nan = new double[info.params.length];
        java.util.Arrays.fill(nan, Double.NaN);
        return new FitInfo(info.params, history[history.length - 1], nan, (int) p.iterations().getAsLong(),
                converged, Double.NaN, p.rows().orElse(0), 0, p.trainer(), p.stopReason());
    }

    /**
     * Returns how this model was fitted: for a fit, the trainer, customers, iterations, convergence and the final
     * log-likelihood as a one-entry objective history; {@link Provenance#notRecorded()} for given parameters.
     *
     * @return the provenance
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The parameter names, in the order of {@link #paramValues()} and of the standard errors. */
    abstract List<String> paramNames();

    /** The parameter values, in the order of {@link #paramNames()}. */
    abstract double[] paramValues();

    /**
     * Each row's {@code out[i] = logLikelihood(x[i], tx[i], T[i])}, bit for bit, for rows that
     * {@link Checks#customer} accepts. The BG and Pareto families override it with their batch form, which
     * tabulates the terms rows share (log-gamma of x, logarithms of alpha + t) instead of recomputing them and
     * allocating one-row arrays per call.
     */
    void logLikelihoods(double[] x, double[] tx, double[] T, double[] out) {
        logLikelihoods(x, tx, T, null, out);
    }

    /**
     * {@link #logLikelihoods(double[], double[], double[], double[])} with the {@link ValueIndex}es of x, t_x and T
     * when {@code indexes} is not null (the same values: the batch forms then do not index the columns again).
     */
    void logLikelihoods(double[] x, double[] tx, double[] T, ValueIndex[] indexes, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = logLikelihood(x[i], tx[i], T[i]);
        }
    }

    @Override
    public final Duration unit() {
        return unit;
    }

    @Override
    public final Map<String, Double> params() {
        List<String> names = paramNames();
        double[] values = paramValues();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public final double[] standardErrors() {
        return fit.standardErrors().clone();
    }

    @Override
    public final double logLikelihood() {
        return fit.logLikelihood;
    }

    @Override
    public final boolean converged() {
        return fit.converged;
    }

    @Override
    public final String convergenceReason() {
        return fit.reason;
    }

    @Override
    public final java.util.Optional<double[]> standardErrorEstimates() {
        return fit.standardErrorEstimates();
    }

    @Override
    public final int iterations() {
        return fit.iterations;
    }

    @Override
    public final double gradientNorm() {
        return fit.gradientNorm;
    }

    /**
     * Returns the number of customers (total weight) the model was fitted on.
     *
     * @return the count, 0 for given parameters
     */
    public final double customers() {
        return fit.customers;
    }

    /**
     * Returns the trainer's description (its {@code toString}), for provenance.
     *
     * @return the trainer settings, or {@code "given parameters"}
     */
    public final String trainer() {
        return fit.trainer;
    }
}
