package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link QuantileBinner}: replaces each fitted column's values by scores 1..{@link #bins()} through
 * the edges learned at fit time, so new data are scored on the training scale. Columns that were not fitted
 * pass through unchanged; names and order are kept; fitted columns are found by name.
 *
 * <p>Scoring through {@link #edges(String)} {@code e_1 <= ... <= e_{bins-1}} (in original units): an ascending
 * column scores {@code 1 + #{k : x > e_k}} (intervals closed on the right, as pandas {@code cut}); a descending
 * column scores {@code 1 + #{k : x < e_k}}. Training values are scored exactly as the tie rule of
 * {@link QuantileBinner} assigned them; values beyond the training range get the extreme scores.
 *
 * <p>Scores are not invertible: {@link #invertible()} is false.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class QuantileBinnerModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final String[] columns;
    private final int bins;
    private final boolean[] descending;
    /** Edges per column in the binned domain: the values for ascending columns, their negation otherwise. */
    private final double[][] edges;

    QuantileBinnerModel(String[] columns, int bins, boolean[] descending, double[][] edges) {
        this.columns = columns.clone();
        this.bins = bins;
        this.descending = descending.clone();
        this.edges = new double[edges.length][];
        for (int j = 0; j < edges.length; j++) {
            this.edges[j] = edges[j].clone();
        }
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted quantile binner from its parameters (as read by {@code dev.segmentation.persist}), with
     * the edges in original units as {@link #edges(String)} returns them.
     *
     * @param columns the fitted column names: non-empty and distinct. Not modified.
     * @param bins the number of scores, {@code >= 2}
     * @param descending the columns (a subset of {@code columns}) whose low values score high. Not modified.
     * @param edges per column, {@code bins - 1} finite non-decreasing edges. Not modified.
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "edges[0][2] must be finite and >= edges[0][1] = 5.0, found 4.0"}
     */
    public static QuantileBinnerModel of(List<String> columns, int bins, List<String> descending,
            double[][] edges) {
        String[] names = EncoderColumns.checkNames("columns", columns);
        ParamChecks.atLeast("bins", bins, 2);
        Objects.requireNonNull(descending, "descending");
        Objects.requireNonNull(edges, "edges");
        boolean[] desc = new boolean[names.length];
        List<String> all = Arrays.asList(names);
        for (String s : descending) {
            int j = all.indexOf(s);
            ParamChecks.requireArgument(j >= 0, "descending must be a subset of %s, found \"%s\"", all, s);
            desc[j] = true;
        }
        ParamChecks.requireArgument(edges.length == names.length,
                "edges must have length %s (one per column), found %s", names.length, edges.length);
        double[][] internal = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            double[] e = Objects.requireNonNull(edges[j], "edges element");
            ParamChecks.requireArgument(e.length == bins - 1, "edges[%s] must have length bins - 1 = %s, found %s", j,
                    bins - 1, e.length);
            for (int k = 0; k < e.length; k++) {
                if (!Double.isFinite(e[k]) || k > 0 && !(e[k] >= e[k - 1])) {
                    throw new IllegalArgumentException("edges[" + j + "][" + k + "] must be finite"
                            + (k > 0 ? " and >= edges[" + j + "][" + (k - 1) + "] = " + e[k - 1] : "")
                            + ", found " + e[k]);
                }
            }
            double[] in = new double[e.length];
            for (int k = 0; k < e.length; k++) {
                in[k] = desc[j] ? -e[e.length - 1 - k] + 0.0 : e[k] + 0.0;
            }
            internal[j] = in;
        }
        return new QuantileBinnerModel(names, bins, desc, internal);
    }

    /**
     * Returns the fitted columns.
     *
     * @return their names, in fitting order
     */
    public List<String> columns() {
        return EncoderColumns.list(columns);
    }

    /**
     * Returns the number of scores.
     *
     * @return bins; scores run from 1 to bins
     */
    public int bins() {
        return bins;
    }

    /**
     * Returns the fitted columns where low values score high.
     *
     * @return their names, in fitting order
     */
    public List<String> descending() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            if (descending[j]) {
                out.add(columns[j]);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the score edges of a fitted column in original units, ascending. For an ascending column
     * {@code e_k} is the largest training value scored k or lower; for a descending column the edges are the
     * same cut points read from the other side ({@code x < e_k} raises the score).
     *
     * @param column a fitted column's name
     * @return a new array of {@code bins - 1} non-decreasing values
     * @throws IllegalArgumentException if the column was not fitted
     */
    public double[] edges(String column) {
        int j = fitted(column);
        double[] e = edges[j].clone();
        if (descending[j]) {
            double[] out = new double[e.length];
            for (int k = 0; k < e.length; k++) {
                out[k] = -e[e.length - 1 - k] + 0.0;
            }
            return out;
        }
        return e;
    }

    /**
     * Scores one value of a fitted column.
     *
     * @param column a fitted column's name
     * @param value a finite value
     * @return its score in 1..bins
     * @throws IllegalArgumentException if the column was not fitted or the value is not finite
     */
    public int score(String column, double value) {
        int j = fitted(column);
        return score(j, ParamChecks.finite("value", value));
    }

    private int score(int j, double value) {
        double v = descending[j] ? -value : value;
        double[] e = edges[j];
        int lo = 0;
        int hi = e.length;
        while (lo < hi) { // first k with e[k] >= v: the number of edges below v
            int mid = (lo + hi) >>> 1;
            if (e[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 1 + lo;
    }

    private int fitted(String column) {
        Objects.requireNonNull(column, "column");
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].equals(column)) {
                return j;
            }
        }
        throw new IllegalArgumentException("column must be one of " + Arrays.toString(columns) + ", found \""
                + column + "\"");
    }

    /**
     * Replaces the fitted columns' values by their scores.
     *
     * @param x features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape, fitted columns holding 1..bins
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite (naming the row, the column and the value)
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        int n = x.rows();
        int d = x.columns();
        double[] out = x.toArray();
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < idx.length; j++) {
                int p = base + idx[j];
                double v = out[p];
                if (!Double.isFinite(v)) {
                    throw EncoderColumns.notFinite(i, columns[j], v);
                }
                out[p] = score(j, v);
            }
        }
        return FeatureMatrix.wrap(x.names().toArray(new String[0]), n, out);
    }

    /**
     * Always false: a score stands for a whole range of values.
     *
     * @return false
     */
    @Override
    public boolean invertible() {
        return false;
    }

    /**
     * Not supported: scores cannot be mapped back to values.
     *
     * @param y ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        throw new UnsupportedOperationException("quantile scores cannot be inverted: invertible() is false");
    }

    /**
     * Describes the fitted parameters.
     *
     * @return e.g. {@code QuantileBinnerModel{bins=5, edges={recency(descending)=[...], frequency=[...]}}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("QuantileBinnerModel{bins=").append(bins).append(", edges={");
        for (int j = 0; j < columns.length; j++) {
            if (j > 0) {
                sb.append(", ");
            }
            sb.append(columns[j]).append(descending[j] ? "(descending)=" : "=")
                    .append(Arrays.toString(edges(columns[j])));
        }
        return sb.append("}}").toString();
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
    private QuantileBinnerModel(QuantileBinnerModel source, Provenance provenance) {
        this.columns = source.columns;
        this.bins = source.bins;
        this.descending = source.descending;
        this.edges = source.edges;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public QuantileBinnerModel withProvenance(Provenance provenance) {
        return new QuantileBinnerModel(this, provenance);
    }
}
