package dev.segmentation.data;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One latent customer segment of a {@link RetailSimulator}: its population share and the known parameters
 * from which its customers' purchases are drawn.
 *
 * <ul>
 *   <li><b>Purchase timing and dropout</b>, the BG/NBD story of Fader, Hardie and Lee (2005), "Counting your
 *       customers the easy way", Marketing Science 24(2): each customer's purchase rate
 *       {@code lambda ~ Gamma(shape r, rate alpha)} (purchases per simulator {@link RetailSimulator#unit()
 *       unit} of time), dropout probability {@code p ~ Beta(a, b)}; while alive, inter-purchase times are
 *       exponential with rate {@code lambda}, and after each repeat purchase the customer becomes inactive
 *       for good with probability {@code p}. Mean rate {@code r / alpha}, mean dropout {@code a / (a + b)}.
 *   <li><b>Spend per purchase occasion</b>, the Gamma-Gamma model of Fader, Hardie and Lee (2005), "RFM and
 *       CLV: using iso-value curves", JMR 42(4), in the {@code (p, q, v)} naming of the {@code lifetimes}
 *       library: each customer's {@code nu ~ Gamma(shape q, rate v)}, and each occasion's total
 *       {@code z ~ Gamma(shape p, rate nu)}. The population mean spend per occasion is
 *       {@code p * v / (q - 1)}, so {@code q > 1} is required.
 *   <li><b>Baskets</b>: an occasion is one invoice of {@code 1 + Poisson(linesPerOrder - 1)} lines (items),
 *       each line's category drawn from the customer's taste, which is spread around this segment's
 *       {@link #categoryTaste() category taste}, and each invoice's channel drawn from the
 *       {@link #channelMix() channel mix}.
 * </ul>
 *
 * <p>{@link #defaults()} gives five named segments that suit the simulator's default catalogue (eight
 * categories) and channels (store, web, app), in weeks.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SegmentProfile {
    /** The largest accepted {@link #linesPerOrder()}. */
    public static final double MAX_LINES_PER_ORDER = 50.0;

    private final String name;
    private final double share;
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final double p;
    private final double q;
    private final double v;
    private final double linesPerOrder;
    private final double[] categoryTaste;
    private final double[] channelMix;

    private SegmentProfile(Builder builder) {
        name = builder.name;
        share = builder.share;
        r = builder.r;
        alpha = builder.alpha;
        a = builder.a;
        b = builder.b;
        p = builder.p;
        q = builder.q;
        v = builder.v;
        linesPerOrder = builder.linesPerOrder;
        categoryTaste = builder.categoryTaste.clone();
        channelMix = builder.channelMix.clone();
    }

    /**
     * Returns a builder for a segment with the given name. Until set, the segment has share 1,
     * BG/NBD {@code (r, alpha, a, b) = (1, 10, 1.5, 6)}, Gamma-Gamma {@code (p, q, v) = (5, 4, 30)},
     * 3 lines per order, and uniform category taste and channel mix.
     *
     * @param name a readable segment name, for example {@code "loyal high spenders"}; not blank
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a builder preset to this segment's values, for making variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(name);
        builder.share = share;
        builder.r = r;
        builder.alpha = alpha;
        builder.a = a;
        builder.b = b;
        builder.p = p;
        builder.q = q;
        builder.v = v;
        builder.linesPerOrder = linesPerOrder;
        builder.categoryTaste = categoryTaste.clone();
        builder.channelMix = channelMix.clone();
        return builder;
    }

    /**
     * Returns the simulator's five default segments, with the time unit a week, for the default categories
     * {@code grocery, household, beauty, fashion, electronics, home & garden, toys, sports} and channels
     * {@code store, web, app}:
     *
     * <table>
     *   <caption>Default segments (means: rate r/alpha per week, dropout a/(a+b), spend p*v/(q-1))</caption>
     *   <tr><th>name</th><th>share</th><th>r, alpha, a, b</th><th>p, q, v</th><th>lines</th>
     *       <th>taste</th></tr>
     *   <tr><td>loyal high spenders</td><td>0.12</td><td>3, 6, 1.2, 24</td><td>6, 4, 60 (mean 120)</td>
     *       <td>6</td><td>broad, grocery and household first</td></tr>
     *   <tr><td>regular family shoppers</td><td>0.23</td><td>2, 10, 1.5, 12</td><td>5, 4, 30 (mean 50)</td>
     *       <td>4</td><td>grocery, household, toys</td></tr>
     *   <tr><td>occasional bargain hunters</td><td>0.30</td><td>0.8, 12, 2, 8</td>
     *       <td>4, 5, 20 (mean 20)</td><td>2</td><td>fashion, household, mostly web and app</td></tr>
     *   <tr><td>tech enthusiasts</td><td>0.15</td><td>1, 10, 1.5, 10</td><td>3, 5, 100 (mean 75)</td>
     *       <td>2</td><td>electronics, sports</td></tr>
     *   <tr><td>one-time browsers</td><td>0.20</td><td>0.25, 10, 3, 2</td><td>6, 4, 12 (mean 24)</td>
     *       <td>1.5</td><td>flat</td></tr>
     * </table>
     *
     * @return an immutable list of five profiles
     */
    public static List<SegmentProfile> defaults() {
        return List.of(
                builder("loyal high spenders").share(0.12).bgNbd(3.0, 6.0, 1.2, 24.0).gammaGamma(6.0, 4.0, 60.0)
                        .linesPerOrder(6.0)
                        .categoryTaste(0.30, 0.20, 0.15, 0.10, 0.10, 0.10, 0.02, 0.03)
                        .channelMix(0.30, 0.30, 0.40).build(),
                builder("regular family shoppers").share(0.23).bgNbd(2.0, 10.0, 1.5, 12.0)
                        .gammaGamma(5.0, 4.0, 30.0).linesPerOrder(4.0)
                        .categoryTaste(0.35, 0.25, 0.05, 0.05, 0.02, 0.10, 0.15, 0.03)
                        .channelMix(0.60, 0.20, 0.20).build(),
                builder("occasional bargain hunters").share(0.30).bgNbd(0.8, 12.0, 2.0, 8.0)
                        .gammaGamma(4.0, 5.0, 20.0).linesPerOrder(2.0)
                        .categoryTaste(0.15, 0.20, 0.10, 0.25, 0.05, 0.05, 0.10, 0.10)
                        .channelMix(0.20, 0.50, 0.30).build(),
                builder("tech enthusiasts").share(0.15).bgNbd(1.0, 10.0, 1.5, 10.0).gammaGamma(3.0, 5.0, 100.0)
                        .linesPerOrder(2.0)
                        .categoryTaste(0.02, 0.03, 0.02, 0.08, 0.55, 0.10, 0.05, 0.15)
                        .channelMix(0.10, 0.60, 0.30).build(),
                builder("one-time browsers").share(0.20).bgNbd(0.25, 10.0, 3.0, 2.0).gammaGamma(6.0, 4.0, 12.0)
                        .linesPerOrder(1.5)
                        .categoryTaste(0.15, 0.15, 0.10, 0.15, 0.10, 0.10, 0.15, 0.10)
                        .channelMix(0.20, 0.50, 0.30).build());
    }

    /**
     * Returns the segment's name.
     *
     * @return the name, not blank
     */
    public String name() {
        return name;
    }

    /**
     * Returns the segment's relative population share; the simulator normalizes the shares of its segments
     * to sum to 1.
     *
     * @return the share weight, finite and &gt; 0
     */
    public double share() {
        return share;
    }

    /**
     * Returns the BG/NBD shape {@code r} of the Gamma distribution of purchase rates.
     *
     * @return r, finite and &gt; 0
     */
    public double r() {
        return r;
    }

    /**
     * Returns the BG/NBD rate {@code alpha} of the Gamma distribution of purchase rates (per time unit).
     *
     * @return alpha, finite and &gt; 0
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Returns the BG/NBD Beta parameter {@code a} of the dropout probability.
     *
     * @return a, finite and &gt; 0
     */
    public double a() {
        return a;
    }

    /**
     * Returns the BG/NBD Beta parameter {@code b} of the dropout probability.
     *
     * @return b, finite and &gt; 0
     */
    public double b() {
        return b;
    }

    /**
     * Returns the Gamma-Gamma shape {@code p} of the spend per occasion.
     *
     * @return p, finite and &gt; 0
     */
    public double p() {
        return p;
    }

    /**
     * Returns the Gamma-Gamma shape {@code q} of the customers' spend rates {@code nu}.
     *
     * @return q, finite and &gt; 1
     */
    public double q() {
        return q;
    }

    /**
     * Returns the Gamma-Gamma rate {@code v} of the customers' spend rates {@code nu}.
     *
     * @return v, finite and &gt; 0
     */
    public double v() {
        return v;
    }

    /**
     * Returns the mean number of lines (items) per order; the count is {@code 1 + Poisson(linesPerOrder - 1)}.
     *
     * @return the mean, in {@code [1, 50]}
     */
    public double linesPerOrder() {
        return linesPerOrder;
    }

    /**
     * Returns the category taste weights, one per simulator category in order, or an empty array for a
     * uniform taste.
     *
     * @return a copy of the weights (finite, non-negative, not all zero), or an empty array
     */
    public double[] categoryTaste() {
        return categoryTaste.clone();
    }

    /**
     * Returns the channel mix weights, one per simulator channel in order, or an empty array for a uniform
     * mix.
     *
     * @return a copy of the weights (finite, non-negative, not all zero), or an empty array
     */
    public double[] channelMix() {
        return channelMix.clone();
    }

    /**
     * Returns the population mean spend per occasion, {@code p * v / (q - 1)}.
     *
     * @return the mean spend
     */
    public double meanSpend() {
        return p * v / (q - 1.0);
    }

    /**
     * Returns the mean purchase rate per time unit, {@code r / alpha}.
     *
     * @return the mean rate
     */
    public double meanPurchaseRate() {
        return r / alpha;
    }

    /**
     * Returns the mean dropout probability after a repeat purchase, {@code a / (a + b)}.
     *
     * @return the mean dropout probability
     */
    public double meanDropout() {
        return a / (a + b);
    }

    /**
     * Tells whether another object is a profile with the same name and parameters.
     *
     * @param o the object; may be null
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SegmentProfile)) {
            return false;
        }
        SegmentProfile s = (SegmentProfile) o;
        return name.equals(s.name) && share == s.share && r == s.r && alpha == s.alpha && a == s.a && b == s.b
                && p == s.p && q == s.q && v == s.v && linesPerOrder == s.linesPerOrder
                && Arrays.equals(categoryTaste, s.categoryTaste) && Arrays.equals(channelMix, s.channelMix);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int h = Objects.hash(name, share, r, alpha, a, b, p, q, v, linesPerOrder);
        return 31 * (31 * h + Arrays.hashCode(categoryTaste)) + Arrays.hashCode(channelMix);
    }

    /**
     * Lists every parameter, for example
     * {@code SegmentProfile{name=tech enthusiasts, share=0.15, r=1.0, alpha=10.0, a=1.5, b=10.0, p=3.0, q=5.0,
     * v=100.0, linesPerOrder=2.0, categoryTaste=[...], channelMix=[0.1, 0.6, 0.3]}}; an unset taste or mix
     * shows as {@code uniform}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "SegmentProfile{name=" + name + ", share=" + share + ", r=" + r + ", alpha=" + alpha + ", a=" + a
                + ", b=" + b + ", p=" + p + ", q=" + q + ", v=" + v + ", linesPerOrder=" + linesPerOrder
                + ", categoryTaste=" + weights(categoryTaste) + ", channelMix=" + weights(channelMix) + "}";
    }

    private static String weights(double[] w) {
        return w.length == 0 ? "uniform" : Arrays.toString(w);
    }

    static void requirePositive(String param, double value) {
        ParamChecks.positive(param, value);
    }

    static double[] requireWeights(String param, double[] weights) {
        Objects.requireNonNull(weights, param);
        double sum = 0.0;
        boolean ok = weights.length > 0;
        for (double w : weights) {
            ok &= Double.isFinite(w) && w >= 0.0;
            sum += w;
        }
        if (!ok || !(sum > 0.0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException(
                    param + " must be finite, non-negative and not all zero, found " + Arrays.toString(weights));
        }
        return weights.clone();
    }

    /**
     * Builds a {@link SegmentProfile}. Setters check their argument at once; {@link #build()} does not change
     * the builder.
     *
     * <p>Builders are mutable and not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private double share = 1.0;
        private double r = 1.0;
        private double alpha = 10.0;
        private double a = 1.5;
        private double b = 6.0;
        private double p = 5.0;
        private double q = 4.0;
        private double v = 30.0;
        private double linesPerOrder = 3.0;
        private double[] categoryTaste = new double[0];
        private double[] channelMix = new double[0];

        private Builder(String name) {
            this.name = ParamChecks.nonBlank("name", name);
        }

        /**
         * Sets the relative population share (default 1). The simulator divides by the sum over its segments.
         *
         * @param share the weight, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder share(double share) {
            requirePositive("share", share);
            this.share = share;
            return this;
        }

        /**
         * Sets the four BG/NBD parameters (default {@code (1, 10, 1.5, 6)}).
         *
         * @param r the Gamma shape of the purchase rate, finite and &gt; 0
         * @param alpha the Gamma rate of the purchase rate (per time unit), finite and &gt; 0
         * @param a the first Beta parameter of the dropout probability, finite and &gt; 0
         * @param b the second Beta parameter of the dropout probability, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException naming the first parameter that is not finite and positive
         */
        public Builder bgNbd(double r, double alpha, double a, double b) {
            requirePositive("r", r);
            requirePositive("alpha", alpha);
            requirePositive("a", a);
            requirePositive("b", b);
            this.r = r;
            this.alpha = alpha;
            this.a = a;
            this.b = b;
            return this;
        }

        /**
         * Sets the three Gamma-Gamma parameters (default {@code (5, 4, 30)}, mean spend 50).
         *
         * @param p the Gamma shape of the spend per occasion, finite and &gt; 0
         * @param q the Gamma shape of the customers' spend rates, finite and &gt; 1 (so that the mean exists)
         * @param v the Gamma rate of the customers' spend rates, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException naming the first parameter out of range
         */
        public Builder gammaGamma(double p, double q, double v) {
            requirePositive("p", p);
            if (!(q > 1.0) || q == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("q must be finite and > 1, found " + q);
            }
            requirePositive("v", v);
            this.p = p;
            this.q = q;
            this.v = v;
            return this;
        }

        /**
         * Sets the mean number of lines (items) per order (default 3); the count is
         * {@code 1 + Poisson(linesPerOrder - 1)}.
         *
         * @param linesPerOrder the mean, in {@code [1, 50]}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder linesPerOrder(double linesPerOrder) {
            ParamChecks.inRange("linesPerOrder", linesPerOrder, 1, MAX_LINES_PER_ORDER);
            this.linesPerOrder = linesPerOrder;
            return this;
        }

        /**
         * Sets the category taste: one relative weight per simulator category, in the simulator's category
         * order (default: uniform). The simulator checks the count.
         *
         * @param weights the weights, finite, non-negative, not all zero; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if the weights are empty, negative, not finite or all zero
         */
        public Builder categoryTaste(double... weights) {
            categoryTaste = requireWeights("categoryTaste", weights);
            return this;
        }

        /**
         * Sets the channel mix: one relative weight per simulator channel, in the simulator's channel order
         * (default: uniform). The simulator checks the count.
         *
         * @param weights the weights, finite, non-negative, not all zero; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if the weights are empty, negative, not finite or all zero
         */
        public Builder channelMix(double... weights) {
            channelMix = requireWeights("channelMix", weights);
            return this;
        }

        /**
         * Builds the profile. The builder is not changed.
         *
         * @return the immutable profile
         */
        public SegmentProfile build() {
            return new SegmentProfile(this);
        }
    }
}
