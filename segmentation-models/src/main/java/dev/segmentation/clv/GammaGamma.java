package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.math.Special;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainer for the Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value Curves
 * for Customer Base Analysis", Journal of Marketing Research 42(4); Fader and Hardie 2013, "The Gamma-Gamma
 * Model of Monetary Value"): each transaction value is Gamma(p, nu) distributed, and nu is Gamma(q, v)
 * across customers.
 *
 * <p>It is fitted on the repeat customers only (frequency &gt; 0), by maximum likelihood of the full density
 * of each customer's mean spend {@code zbar} over x transactions:
 * {@code ln f = lnG(px+q) - lnG(px) - lnG(q) + q ln v + (px-1) ln zbar + px ln x - (px+q) ln(v + x zbar)},
 * over the log-parameters by BFGS with the analytic gradient and Newton polish. Equal (x, zbar) pairs are
 * compressed into weights first. Standard errors come from the Hessian of the unpenalized log-likelihood.
 *
 * <pre>{@code
 * GammaGammaModel spend = GammaGamma.builder().build().fit(summaryWithMonetary);
 * double m = spend.conditionalExpectedAverageSpend(2, 30.5);
 * }</pre>
 *
 * <p>Deterministic; trainers are immutable and safe for concurrent use.
 */
public final class GammaGamma {
    private static final Logger LOG = LoggerFactory.getLogger(GammaGamma.class);

    private final double penalty;
    private final double tolerance;
    private final int maxIterations;

    private GammaGamma(Builder b) {
        this.penalty = b.penalty;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
    }

    /**
     * Returns a builder with the defaults: penalty 0, tolerance 1e-8, maxIterations 1000.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().penalty(penalty).tolerance(tolerance).maxIterations(maxIterations);
    }

    /**
     * Fits the spend model on the summary's repeat customers (frequency &gt; 0) and their mean repeat spend.
     *
     * @param summary the customers with monetary values; not null. Not modified.
     * @return the fitted model
     * @throws InvalidDataException if the summary is empty, has no repeat customer, or a repeat customer
     *     has a monetary value that is not positive (naming the row)
     */
    public GammaGammaModel fit(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        if (summary.size() == 0) {
            throw new InvalidDataException("summary must have at least one customer, found 0");
        }
        return fit(GammaGammaStats.accumulate(summary));
    }

    /**
     * Fits the model to mergeable statistics (for example merged from partitions); the fit on
     * {@code GammaGammaStats.accumulate(summary)} equals {@link #fit(BtydSummary)} on that summary.
     *
     * @param stats the repeat customers' counted (frequency, mean spend) pairs; not null
     * @return the fitted model
     * @throws InvalidDataException if there is no repeat customer, or all have the same pair (the data cannot
     *     identify the parameters)
     */
    public GammaGammaModel fit(GammaGammaStats stats) {
        Objects.requireNonNull(stats, "stats");
        if (stats.size() == 0) {
            throw new InvalidDataException("summary must have at least one repeat customer (frequency > 0) for "
                    + "Gamma-Gamma, found none among " + stats.customers() + " customers", -1, "frequency", null);
        }
        double[] fx = stats.frequencies();
        double[] fz = stats.meanSpends();
        double[] fw = stats.weights();
        int size = fx.length;
        long n = stats.repeatCustomers();
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += fw[i] * fz[i];
        }
        mean /= n;
        if (size < 2) {
            throw new InvalidDataException("summary: the data cannot identify the Gamma-Gamma parameters: all " + n
                    + " repeat customers have the same (frequency, monetary) = (" + fx[0] + ", " + fz[0] + "); at"
                    + " least 2 distinct repeat customers are needed", -1, null, null);
        }
        double[] init = {1, 2, mean};
        Terms terms = new Terms(fx, fz, fw);
        LogParamFitter.Likelihood ll = terms::logLikelihood;
        // the standard errors when first asked for, on Terms of their own (a Terms keeps scratch: one per thread)
        FitInfo info = LogParamFitter.fit(ll, () -> new Terms(fx, fz, fw)::logLikelihood, init,
                new String[] {"p", "q", "v"}, n, size, penalty, null, tolerance, maxIterations, LOG, toString());
        LOG.info("Gamma-Gamma fit on {} repeat customers: p={}, q={}, v={}, LL={}, converged={}", n,
                info.params[0], info.params[1], info.params[2], info.logLikelihood, info.converged);
        return new GammaGammaModel(info.params, info);
    }

    /** The weighted log-likelihood of mean spends and its gradient dLL/d(p, q, v). */
    static double logLikelihood(double[] x, double[] z, double[] w, double[] par, double[] grad) {
        return new Terms(x, z, w).logLikelihood(par, grad);
    }

    /**
     * The parameter-free parts of the log-likelihood, computed once per fit: {@code ln z}, {@code ln x} and
     * {@code x z} per pair, and the distinct frequencies, so that an evaluation takes one logarithm per pair and
     * the log-gamma and digamma terms of {@code p x} once per distinct x (a few hundred among the hundreds of
     * thousands of pairs of a large summary) instead of four per pair. Every term is the same function of the
     * same arguments as the straightforward per-pair loop and the sums run in the same order, so the value and
     * gradient are bit for bit those of that loop (tested against it in {@code GammaGammaTermsTest}).
     */
    static final class Terms {
        private final double[] x;
        private final double[] w;
        private final double[] lnZ;
        private final double[] lnX;
        private final double[] xz;
        private final ValueIndex distinctX;
        private final double[] lgPxQ;
        private final double[] lgPx;
        private final double[] dgPxQ;
        private final double[] dgPx;

        Terms(double[] x, double[] z, double[] w) {
            int n = x.length;
            this.x = x;
            this.w = w;
            lnZ = new double[n];
            lnX = new double[n];
            xz = new double[n];
            for (int i = 0; i < n; i++) {
                lnZ[i] = Math.log(z[i]);
                lnX[i] = Math.log(x[i]);
                xz[i] = x[i] * z[i];
            }
            distinctX = ValueIndex.of(x);
            int k = distinctX.values.length;
            lgPxQ = new double[k];
            lgPx = new double[k];
            dgPxQ = new double[k];
            dgPx = new double[k];
        }

        /** The log-likelihood at {@code par = (p, q, v)}, and its gradient into {@code grad} when not null. */
        double logLikelihood(double[] par, double[] grad) {
            double p = par[0];
            double q = par[1];
            double v = par[2];
            double lgQ = Special.logGamma(q);
            double lnV = Math.log(v);
            boolean g = grad != null;
            double dgQ = g ? Special.digamma(q) : 0;
            double[] xs = distinctX.values;
            for (int j = 0; j < xs.length; j++) {
                double px = p * xs[j];
                lgPxQ[j] = Special.logGamma(px + q);
                lgPx[j] = Special.logGamma(px);
                if (g) {
                    dgPxQ[j] = Special.digamma(px + q);
                    dgPx[j] = Special.digamma(px);
                }
            }
            int[] index = distinctX.index;
            double ll = 0;
            double gp = 0;
            double gq = 0;
            double gv = 0;
            for (int i = 0; i < x.length; i++) {
                int j = index[i];
                double px = p * x[i];
                double lnZi = lnZ[i];
                double lnXi = lnX[i];
                double vxz = v + xz[i];
                double lnVxz = Math.log(vxz);
                double lg = lgPxQ[j] - lgPx[j] - lgQ + q * lnV + (px - 1) * lnZi + px * lnXi - (px + q) * lnVxz;
                ll += w[i] * lg;
                if (g) {
                    double dg = dgPxQ[j];
                    gp += w[i] * x[i] * (dg - dgPx[j] + lnZi + lnXi - lnVxz);
                    gq += w[i] * (dg - dgQ + lnV - lnVxz);
                    gv += w[i] * (q / v - (px + q) / vxz);
                }
            }
            if (g) {
                grad[0] = gp;
                grad[1] = gq;
                grad[2] = gv;
            }
            return ll;
        }
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code GammaGamma{penalty=0.0, tolerance=1.0E-8, maxIterations=1000}}
     */
    @Override
    public String toString() {
        return "GammaGamma{penalty=" + penalty + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + "}";
    }

    /** Mutable, single-threaded builder; {@link #build()} does not change it. */
    public static final class Builder {
        private double penalty = 0;
        private double tolerance = 1e-8;
        private int maxIterations = 1000;

        private Builder() {
        }

        /**
         * Sets the L2 penalty {@code penalty * (p^2 + q^2 + v^2)} added to the mean negative log-likelihood,
         * as lifetimes' {@code penalizer_coef}. Default 0.
         *
         * @param penalty the coefficient, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder penalty(double penalty) {
            this.penalty = ParamChecks.nonNegative("penalty", penalty);
            return this;
        }

        /**
         * Sets the convergence tolerance on the max-norm of the gradient of the mean penalized negative
         * log-likelihood with respect to the log-parameters. Default 1e-8.
         *
         * @param tolerance the tolerance, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if not positive or not finite
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = ParamChecks.positive("tolerance", tolerance);
            return this;
        }

        /**
         * Sets the maximum number of optimizer iterations. Default 1000.
         *
         * @param maxIterations the cap, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = ParamChecks.atLeast("maxIterations", maxIterations, 1);
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return an immutable trainer
         */
        public GammaGamma build() {
            ParamChecks.nonNegative("penalty", penalty);
            ParamChecks.positive("tolerance", tolerance);
            ParamChecks.atLeast("maxIterations", maxIterations, 1);
            return new GammaGamma(this);
        }
    }
}
