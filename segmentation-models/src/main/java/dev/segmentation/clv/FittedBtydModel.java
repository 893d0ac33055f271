package dev.segmentation.clv;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    FittedBtydModel(Duration unit, FitInfo info) {
        this.unit = unit;
        this.info = info;
    }

    /** The parameter names, in the order of {@link #paramValues()} and of the standard errors. */
    abstract List<String> paramNames();

    /** The parameter values, in the order of {@link #paramNames()}. */
    abstract double[] paramValues();

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
        return info.standardErrors.clone();
    }

    @Override
    public final double logLikelihood() {
        return info.logLikelihood;
    }

    @Override
    public final boolean converged() {
        return info.converged;
    }

    @Override
    public final String convergenceReason() {
        return info.reason;
    }

    @Override
    public final java.util.Optional<double[]> standardErrorEstimates() {
        return info.standardErrorEstimates();
    }

    @Override
    public final int iterations() {
        return info.iterations;
    }

    @Override
    public final double gradientNorm() {
        return info.gradientNorm;
    }

    /**
     * Returns the number of customers (total weight) the model was fitted on.
     *
     * @return the count, 0 for given parameters
     */
    public final double customers() {
        return info.customers;
    }

    /**
     * Returns the trainer's description (its {@code toString}), for provenance.
     *
     * @return the trainer settings, or {@code "given parameters"}
     */
    public final String trainer() {
        return info.trainer;
    }
}
