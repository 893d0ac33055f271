package dev.segmentation.recommend;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Fitted implicit-feedback factors (see {@link ImplicitAls}). A customer's score for item {@code i} is
 * {@code x_u . y_i}; recommendations rank the items bought by anyone in the training matrix by that score (ties by
 * lower index). Unknown customers and customers without training interactions get the popularity answer.
 * {@link #similarItems} ranks items by the cosine of their factor vectors.
 *
 * <p>Instances are immutable and safe for concurrent use. A recommendation costs O(items k) and allocates
 * O(items). The item factors are kept twice: in double precision for {@link #score}, {@link #itemFactors} and
 * {@link #similarItems}, and transposed in single precision for {@link #recommend}, whose scores are float sums and therefore
 * carry a relative rounding of about 1e-6 (ties closer than that may order differently from {@link #score}).
 */
public final class ImplicitAlsModel implements Recommender, FittedModel {
    private final Provenance provenance;

    private final InteractionMatrix matrix;
    private final int k;
    private final double[] x;
    private final double[] y;
    private final float[] yT;
    private final double[] itemNorm;
    private final double[] lossHistory;
    private final boolean converged;
    private final PopularityModel popularity;

    ImplicitAlsModel(Provenance provenance, InteractionMatrix matrix, int k, double[] x, double[] y,
            double[] lossHistory, boolean converged, PopularityModel popularity) {
        this.matrix = matrix;
        this.k = k;
        this.x = x;
        this.y = y;
        this.lossHistory = lossHistory;
        this.converged = converged;
        this.popularity = popularity;
        int items = matrix.items();
        this.yT = new float[y.length];
        for (int i = 0; i < items; i++) {
            for (int t = 0; t < k; t++) {
                yT[t * items + i] = (float) y[i * k + t];
            }
        }
        this.itemNorm = new double[items];
        for (int i = 0; i < items; i++) {
            double s = 0.0;
            for (int t = i * k; t < (i + 1) * k; t++) {
                s += y[t] * y[t];
            }
            itemNorm[i] = Math.sqrt(s);
        }
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted model from its training matrix and factors (as read by {@code dev.segmentation.persist});
     * the single-precision item table, the item norms and the popularity fallback are recomputed exactly as
     * {@link ImplicitAls#fit} computes them, so the rebuilt model scores and recommends bit-identically.
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param matrix the training interactions, not null
     * @param userFactors one factor vector per customer of the matrix, all of the same length {@code k >= 1},
     *     finite. Not modified.
     * @param itemFactors one factor vector per item of the matrix, of length {@code k}, finite. Not modified.
     * @param lossHistory the loss after each iteration, at least one value, finite. Not modified.
     * @param converged whether the fit converged
     * @return the model
     * @throws IllegalArgumentException if a dimension or value breaks its constraint, e.g.
     *     {@code "userFactors must have 3 rows (one per customer), found 2"}
     */
    public static ImplicitAlsModel of(String trainer, InteractionMatrix matrix, double[][] userFactors,
            double[][] itemFactors, double[] lossHistory, boolean converged) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(userFactors, "userFactors");
        Objects.requireNonNull(itemFactors, "itemFactors");
        Objects.requireNonNull(lossHistory, "lossHistory");
        ParamChecks.requireArgument(userFactors.length == matrix.customers(),
                "userFactors must have %s rows (one per customer), found %s", matrix.customers(), userFactors.length);
        ParamChecks.requireArgument(itemFactors.length == matrix.items(),
                "itemFactors must have %s rows (one per item), found %s", matrix.items(), itemFactors.length);
        double[][] first = userFactors.length > 0 ? userFactors : itemFactors;
        int k = first.length == 0 ? 0 : Objects.requireNonNull(first[0], "userFactors element").length;
        ParamChecks.atLeast("factors", k, 1);
        double[] x = flatten("userFactors", userFactors, k);
        double[] y = flatten("itemFactors", itemFactors, k);
        ParamChecks.requireArgument(lossHistory.length >= 1, "lossHistory length must be >= 1, found 0");
        double[] history = ParamChecks.finite("lossHistory", lossHistory, lossHistory.length, "one per iteration");
        return new ImplicitAlsModel(Provenance.fromDescription(trainer).build(), matrix, k, x, y, history, converged,
                Popularity.builder().build().fit(matrix));
    }

    private static double[] flatten(String param, double[][] rows, int k) {
        long cells = (long) rows.length * k;
        if (cells > ImplicitAls.MAX_ARRAY) {
            throw new IllegalArgumentException(param + " rows x factors must be <= " + ImplicitAls.MAX_ARRAY
                    + ", found " + cells + " (" + rows.length + " x " + k + ")");
        }
        double[] out = new double[rows.length * k];
        for (int r = 0; r < rows.length; r++) {
            double[] v = ParamChecks.finite(param + "[" + r + "]",
                    Objects.requireNonNull(rows[r], param + " element"), k, "one per factor");
            System.arraycopy(v, 0, out, r * k, k);
        }
        return out;
    }

    /**
     * Returns the training interactions.
     *
     * @return the matrix (immutable)
     */
    public InteractionMatrix matrix() {
        return matrix;
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings without {@code threads}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
    }

    /**
     * Returns the number of latent factors.
     *
     * @return k
     */
    public int factors() {
        return k;
    }

    /**
     * Returns a customer's factor vector.
     *
     * @param customer a customer index of the training matrix
     * @return a new array of length {@link #factors()}
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double[] userFactors(int customer) {
        Objects.checkIndex(customer, matrix.customers());
        return Arrays.copyOfRange(x, customer * k, (customer + 1) * k);
    }

    /**
     * Returns an item's factor vector.
     *
     * @param item an item index of the training matrix
     * @return a new array of length {@link #factors()}
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double[] itemFactors(int item) {
        Objects.checkIndex(item, matrix.items());
        return Arrays.copyOfRange(y, item * k, (item + 1) * k);
    }

    /**
     * Returns the predicted preference {@code x_u . y_i}.
     *
     * @param customer a customer index of the training matrix
     * @param item an item index of the training matrix
     * @return the score
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double score(int customer, int item) {
        Objects.checkIndex(customer, matrix.customers());
        Objects.checkIndex(item, matrix.items());
        return dot(customer * k, item * k);
    }

    private double dot(int xo, int yo) {
        double s = 0.0;
        for (int t = 0; t < k; t++) {
            s += x[xo + t] * y[yo + t];
        }
        return s;
    }

    /**
     * Returns the loss {@code L} of {@link ImplicitAls} after each iteration run.
     *
     * @return a new array of length {@link #iterations()}
     */
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /**
     * Returns the number of iterations run.
     *
     * @return iterations, at least 1
     */
    public int iterations() {
        return lossHistory.length;
    }

    /**
     * Returns whether the fit stopped because the relative loss decrease fell to the tolerance.
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * {@inheritDoc} O(items k).
     */
    @Override
    public int[] recommend(int customer, int n, boolean excludeSeen) {
        TopN.checkN(n);
        int[] rowPtr = matrix.rowPtrRef();
        if (customer < 0 || customer >= matrix.customers() || rowPtr[customer] == rowPtr[customer + 1]) {
            return popularity.recommend(customer, n, excludeSeen);
        }
        int[] cols = matrix.colsRef();
        int[] colPtr = matrix.colPtrRef();
        int items = matrix.items();
        int q = rowPtr[customer];
        int end = rowPtr[customer + 1];
        int xo = customer * k;
        // scores = Y x_u as a sum of the rows of Y^T scaled by x_u: float axpy loops, which the JIT vectorizes
        // (Java 17 does not vectorize dot-product reductions nor float-to-double conversions)
        float[] score = new float[items];
        for (int t = 0; t < k; t++) {
            float xt = (float) x[xo + t];
            int base = t * items;
            for (int j = 0; j < items; j++) {
                score[j] += xt * yT[base + j];
            }
        }
        TopN top = new TopN(Math.min(n, Math.max(1, items)));
        for (int j = 0; j < items; j++) {
            if (excludeSeen && q < end && cols[q] == j) {
                q++;
                continue;
            }
            if (colPtr[j + 1] > colPtr[j]) {
                top.offer(j, score[j]);
            }
        }
        return top.ids();
    }

    /**
     * Returns up to {@code n} items most similar to {@code item} by the cosine of their factor vectors (0 when a
     * vector is zero), best first, ties by lower index; only items bought by someone in the training matrix, never
     * {@code item} itself. O(items k).
     *
     * @param item an item index
     * @param n the list length, at least 1
     * @return a new array of item indices
     * @throws IllegalArgumentException if {@code n < 1}: {@code "n must be >= 1, found 0"}
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    public int[] similarItems(int item, int n) {
        TopN.checkN(n);
        int items = matrix.items();
        Objects.checkIndex(item, items);
        int[] colPtr = matrix.colPtrRef();
        TopN top = new TopN(Math.min(n, Math.max(1, items)));
        int io = item * k;
        for (int j = 0; j < items; j++) {
            if (j == item || colPtr[j + 1] == colPtr[j]) {
                continue;
            }
            double d = itemNorm[item] * itemNorm[j];
            double s = 0.0;
            if (d > 0) {
                int jo = j * k;
                for (int t = 0; t < k; t++) {
                    s += y[io + t] * y[jo + t];
                }
                s /= d;
            }
            top.offer(j, s);
        }
        return top.ids();
    }

    @Override
    public String toString() {
        return "ImplicitAlsModel{customers=" + matrix.customers() + ", items=" + matrix.items() + ", iterations="
                + lossHistory.length + ", converged=" + converged + ", trainer=" + trainer() + "}";
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private ImplicitAlsModel(ImplicitAlsModel source, Provenance provenance) {
        this.matrix = source.matrix;
        this.k = source.k;
        this.x = source.x;
        this.y = source.y;
        this.yT = source.yT;
        this.itemNorm = source.itemNorm;
        this.lossHistory = source.lossHistory;
        this.converged = source.converged;
        this.popularity = source.popularity;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public ImplicitAlsModel withProvenance(Provenance provenance) {
        return new ImplicitAlsModel(this, provenance);
    }

    /**
     * {@inheritDoc} {@link Recommendation.Reason#SIMILAR_CUSTOMERS} for a customer of the training matrix with
     * interactions (the list comes from the latent factors), else {@link Recommendation.Reason#POPULAR} (the
     * cold-start answer).
     *
     * @throws IndexOutOfBoundsException if the item is out of range
     */
    @Override
    public Recommendation recommendation(int customer, int item) {
        Objects.checkIndex(item, matrix.items());
        int[] rowPtr = matrix.rowPtrRef();
        if (customer < 0 || customer >= matrix.customers() || rowPtr[customer] == rowPtr[customer + 1]) {
            return Recommendation.popular(item);
        }
        return new Recommendation(item, Recommendation.Reason.SIMILAR_CUSTOMERS, java.util.List.of(), -1);
    }

    /**
     * {@inheritDoc} Always {@link #matrix()}.
     */
    @Override
    public java.util.Optional<InteractionMatrix> trainingMatrix() {
        return java.util.Optional.of(matrix);
    }
}
