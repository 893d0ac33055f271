package dev.segmentation.cluster;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link RfmSegmenter}: the quintile edges of recency, frequency and monetary value and the name of each
 * (R, FM) cell. New customers are scored on the training edges (values beyond the training range get the extreme
 * scores).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class RfmSegmenterModel implements FittedModel {
    private final Provenance provenance;

    private final String recency;
    private final String frequency;
    private final String monetary;
    private final QuantileBinnerModel binner;
    private final String[] table;
    private final List<String> names;

    RfmSegmenterModel(Provenance provenance, String recency, String frequency, String monetary,
            QuantileBinnerModel binner, String[] table) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.binner = binner;
        this.table = table.clone();
        List<String> distinct = new ArrayList<>();
        for (String s : table) {
            if (!distinct.contains(s)) {
                distinct.add(s);
            }
        }
        this.names = List.copyOf(distinct);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted RFM segmenter (as read by {@code dev.segmentation.persist}).
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param recency the recency column's name, not null
     * @param frequency the frequency column's name, not null
     * @param monetary the monetary column's name, not null
     * @param binner the fitted 5-bin scorer of the three columns, not null
     * @param table the segment name per (R, FM) score pair, 25 non-null names, index {@code (r - 1) * 5 + fm - 1}.
     *     Not modified.
     * @return the model
     * @throws IllegalArgumentException if the binner does not score the three columns in 5 bins, or the table is
     *     not 25 names
     */
    public static RfmSegmenterModel of(String trainer, String recency, String frequency, String monetary,
            QuantileBinnerModel binner, List<String> table) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        Objects.requireNonNull(binner, "binner");
        Objects.requireNonNull(table, "table");
        ParamChecks.requireArgument(binner.bins() == 5, "binner.bins must be 5, found %s", binner.bins());
        for (String c : List.of(recency, frequency, monetary)) {
            ParamChecks.requireArgument(binner.columns().contains(c), "binner.columns must contain \"%s\", found %s",
                    c, binner.columns());
        }
        ParamChecks.requireArgument(table.size() == 25, "table must have 25 names (5 x 5), found %s", table.size());
        for (String s : table) {
            Objects.requireNonNull(s, "table element");
        }
        return new RfmSegmenterModel(Provenance.fromDescription(trainer).build(), recency, frequency, monetary, binner,
                table.toArray(new String[0]));
    }

    /**
     * Returns the segment name table, index {@code (r - 1) * 5 + fm - 1}.
     *
     * @return an unmodifiable list of 25 names
     */
    public List<String> table() {
        return List.of(table);
    }

    /**
     * Returns the recency column's name.
     *
     * @return the name
     */
    public String recencyColumn() {
        return recency;
    }

    /**
     * Returns the frequency column's name.
     *
     * @return the name
     */
    public String frequencyColumn() {
        return frequency;
    }

    /**
     * Returns the monetary column's name.
     *
     * @return the name
     */
    public String monetaryColumn() {
        return monetary;
    }

    /**
     * Returns the fitted quintile scorer (its {@link QuantileBinnerModel#edges(String)} are the score edges).
     *
     * @return the binner, immutable
     */
    public QuantileBinnerModel binner() {
        return binner;
    }

    /**
     * Returns the distinct segment names, in the order their first cell appears scanning R = 1..5, then
     * FM = 1..5 (for the standard map: Lost, Hibernating, At Risk, ...).
     *
     * @return an immutable list
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the name of a cell.
     *
     * @param r the recency score, 1..5
     * @param fm the combined frequency-monetary score, 1..5
     * @return the segment name
     * @throws IllegalArgumentException if a score is outside 1..5: {@code "r must be in [1, 5], found 0"}
     */
    public String name(int r, int fm) {
        checkScore("r", r);
        checkScore("fm", fm);
        return table[(r - 1) * RfmSegmenter.SCORES + fm - 1];
    }

    /**
     * Combines the frequency and monetary scores: their mean rounded half up.
     *
     * @param f the frequency score, 1..5
     * @param m the monetary score, 1..5
     * @return {@code floor((f + m + 1) / 2)}
     * @throws IllegalArgumentException if a score is outside 1..5
     */
    public static int fm(int f, int m) {
        checkScore("f", f);
        checkScore("m", m);
        return (f + m + 1) / 2;
    }

    /**
     * Names one customer.
     *
     * @param recencyValue days since the last purchase, finite
     * @param frequencyValue the purchase count, finite
     * @param monetaryValue the total spend, finite
     * @return the segment name
     * @throws IllegalArgumentException if a value is not finite
     */
    public String segment(double recencyValue, double frequencyValue, double monetaryValue) {
        int r = binner.score(recency, recencyValue);
        int f = binner.score(frequency, frequencyValue);
        int m = binner.score(monetary, monetaryValue);
        return table[(r - 1) * RfmSegmenter.SCORES + fm(f, m) - 1];
    }

    /**
     * Scores and names every row.
     *
     * @param x features holding the recency, frequency and monetary columns (found by name). Not modified.
     * @return the scores and names per row
     * @throws dev.segmentation.InvalidDataException if a column is missing or a value in one is NaN or infinite
     *     (naming the row, the column and the value)
     */
    public RfmSegments segment(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        FeatureMatrix scores = binner.transform(x);
        int n = x.rows();
        int d = x.columns();
        int ri = scores.columnIndex(recency);
        int fi = scores.columnIndex(frequency);
        int mi = scores.columnIndex(monetary);
        double[] s = Internals.data(scores);
        byte[] r = new byte[n];
        byte[] f = new byte[n];
        byte[] m = new byte[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) s[i * d + ri];
            f[i] = (byte) s[i * d + fi];
            m[i] = (byte) s[i * d + mi];
            String name = table[(r[i] - 1) * RfmSegmenter.SCORES + (f[i] + m[i] + 1) / 2 - 1];
            label[i] = names.indexOf(name);
        }
        return new RfmSegments(r, f, m, label, names);
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

    private static void checkScore(String param, int score) {
        ParamChecks.inRange(param, score, 1, RfmSegmenter.SCORES);
    }

    /**
     * Describes the model: trainer and score edges.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RfmSegmenterModel{trainer=" + trainer() + ", binner=" + binner + "}";
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
    private RfmSegmenterModel(RfmSegmenterModel source, Provenance provenance) {
        this.recency = source.recency;
        this.frequency = source.frequency;
        this.monetary = source.monetary;
        this.binner = source.binner;
        this.table = source.table;
        this.names = source.names;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public RfmSegmenterModel withProvenance(Provenance provenance) {
        return new RfmSegmenterModel(this, provenance);
    }
}
