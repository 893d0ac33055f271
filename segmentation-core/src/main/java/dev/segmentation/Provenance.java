package dev.segmentation;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a {@link FittedModel} was made (Tribuo's provenance): the trainer's name and settings, the library version,
 * the training data's rows, column names and fingerprint, the optimizer's iterations, whether it converged and the
 * objective after each iteration. It is written into model files (format version 2) and read back, so a loaded model
 * reports what its fit reported.
 *
 * <p>Anything not recorded says so: {@link #notRecorded()} (a model made from given parameters, or read from a
 * version-1 file) has trainer and library version {@code "unknown"}, no rows, columns, fingerprint or iterations,
 * {@link Convergence#NOT_RECORDED} and an empty history; never a made-up {@code false} or NaN.
 *
 * <pre>{@code
 * Provenance p = kmeansModel.provenance();
 * p.trainer();        // "KMeans"
 * p.settings();       // {k=4, seed=42, init=K_MEANS_PLUS_PLUS, ...}
 * p.rows();           // OptionalLong[5000]
 * p.convergence();    // CONVERGED
 * }</pre>
 *
 * <p>The settings are the trainer's {@code toString()} entries in their order, except {@code threads}, which never
 * changes a result. Nothing time-dependent is recorded, so the same seed and data give the same record.
 * Instances are immutable and safe for concurrent use.
 */
public final class Provenance {
    /** The trainer name and library version of a record that was not kept. */
    public static final String UNKNOWN = "unknown";
    private static final String NOT_RECORDED_REASON = "not recorded";

    private static final Provenance NOT_RECORDED = new Provenance(new Builder(UNKNOWN).libraryVersion(UNKNOWN));

    /** Whether the fit converged. */
    public enum Convergence {
        /** The optimizer met its tolerance. */
        CONVERGED,
        /** The optimizer stopped (iteration limit, degenerate data) before meeting its tolerance. */
        NOT_CONVERGED,
        /** The fit is a closed form or one pass over the data: there is nothing to converge. */
        NOT_ITERATIVE,
        /** The record does not say (a model made from given parameters, or read from a version-1 file). */
        NOT_RECORDED
    }

    private final String trainer;
    private final Map<String, String> settings;
    private final String libraryVersion;
    private final long rows;
    private final List<String> columns;
    private final long fingerprint;
    private final boolean hasFingerprint;
    private final long iterations;
    private final Convergence convergence;
    private final String stopReason;
    private final double[] objectiveHistory;

    private Provenance(Builder b) {
        this.trainer = b.trainer;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
        this.libraryVersion = b.libraryVersion;
        this.rows = b.rows;
        this.columns = List.copyOf(b.columns);
        this.fingerprint = b.fingerprint;
        this.hasFingerprint = b.hasFingerprint;
        this.iterations = b.iterations;
        this.convergence = b.convergence;
        this.stopReason = b.stopReason;
        this.objectiveHistory = b.objectiveHistory.clone();
    }

    /**
     * Returns the record of a model whose making was not recorded.
     *
     * @return the shared "not recorded" record
     */
    public static Provenance notRecorded() {
        return NOT_RECORDED;
    }

    /**
     * Starts a record for a trainer, taking its name and settings from its {@code toString()}, which in this
     * library reads {@code Name{key=value, key=value}} (values may hold brackets and commas). {@code threads} is left
     * out. A string of another shape becomes the name, with no settings.
     *
     * @param trainer the trainer that fitted the model
     * @return a builder, with this build's library version
     */
    public static Builder builder(Object trainer) {
        Objects.requireNonNull(trainer, "trainer");
        String s = trainer.toString();
        int open = s.indexOf('{');
        if (open <= 0 || !s.endsWith("}")) {
            return new Builder(s);
        }
        Builder b = new Builder(s.substring(0, open));
        for (String entry : split(s.substring(open + 1, s.length() - 1))) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                return new Builder(s);
            }
            String key = entry.substring(0, eq);
            if (!key.equals("threads")) {
                b.setting(key, entry.substring(eq + 1));
            }
        }
        return b;
    }

    /**
     * Starts a record from a trainer description as {@link #description()} writes it, or as model files of format
     * versions 1 and 2 kept it in their {@code trainer} field (the trainer's {@code toString()}, which may name
     * {@code threads}): the name and settings are parsed as {@link #builder(Object)} does ({@code threads} left out),
     * and the library version is {@code "unknown"}. {@code fromDescription("unknown").build()} is
     * {@link #notRecorded()}.
     *
     * <pre>{@code
     * Provenance.fromDescription("KMeans{k=3, seed=42, threads=4}").build().description(); // "KMeans{k=3, seed=42}"
     * }</pre>
     *
     * @param description the description; not null
     * @return a builder with the parsed name and settings and library version {@code "unknown"}
     */
    public static Builder fromDescription(String description) {
        Objects.requireNonNull(description, "description");
        return builder(description).libraryVersion(UNKNOWN);
    }

    /**
     * Starts a record for a trainer given by name, with no settings yet.
     *
     * @param trainerName the trainer's name, e.g. {@code "KMeans"}; non-empty
     * @return a builder, with this build's library version
     * @throws IllegalArgumentException if the name is empty
     */
    public static Builder named(String trainerName) {
        Objects.requireNonNull(trainerName, "trainerName");
        ParamChecks.requireArgument(!trainerName.isEmpty(), "trainerName must be non-empty, found \"\"");
        return new Builder(trainerName);
    }

    /** Splits {@code a=1, b=[x, y], c={p=q}} at the top-level {@code ", "}. */
    private static List<String> split(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0 && i + 1 < body.length() && body.charAt(i + 1) == ' ') {
                out.add(body.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        if (start < body.length()) {
            out.add(body.substring(start));
        }
        return out;
    }

    /**
     * The 64-bit fingerprint of a matrix's values and shape (the hash that {@code KMeans} and
     * {@code GaussianMixture} have recorded since version 1): equal data give equal fingerprints.
     *
     * @param x the data. Not modified.
     * @return the fingerprint
     */
    public static long fingerprint(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        return fingerprint(Internals.data(x));
    }

    /**
     * The 64-bit fingerprint of a sequence of values (two interleaved FNV-style lanes and a final mix).
     *
     * @param a the values. Not modified.
     * @return the fingerprint
     */
    public static long fingerprint(double[] a) {
        Objects.requireNonNull(a, "a");
        long h0 = 0x9E3779B97F4A7C15L;
        long h1 = 0xC2B2AE3D27D4EB4FL;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            h0 = (h0 ^ Double.doubleToLongBits(a[i])) * 0x100000001B3L;
            h1 = (h1 ^ Double.doubleToLongBits(a[i + 1])) * 0x100000001B3L;
        }
        if (i < a.length) {
            h0 = (h0 ^ Double.doubleToLongBits(a[i])) * 0x100000001B3L;
        }
        long h = h0 * 31 + h1 + a.length;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Tells whether anything was recorded.
     *
     * @return false only for {@link #notRecorded()} and records equal to it
     */
    public boolean recorded() {
        return !equals(NOT_RECORDED);
    }

    /**
     * Returns the trainer's name, e.g. {@code "KMeans"}.
     *
     * @return the name, or {@code "unknown"}
     */
    public String trainer() {
        return trainer;
    }

    /**
     * Describes the trainer in the shape of its {@code toString()} without {@code threads}:
     * {@code Name{key=value, key=value}}, or the bare name when no setting is recorded ({@code "unknown"} for
     * {@link #notRecorded()}). It is what the fitted models' {@code trainer()} returns, and
     * {@link #fromDescription(String)} parses it back.
     *
     * @return the description
     */
    public String description() {
        if (settings.isEmpty()) {
            return trainer;
        }
        StringBuilder b = new StringBuilder(trainer).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : settings.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return b.append('}').toString();
    }

    /**
     * Returns the trainer's settings, in the trainer's order.
     *
     * @return an unmodifiable map of setting name to value as text; empty when not recorded
     */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Returns the version of the library that fitted the model.
     *
     * @return the version, {@code "development build"} when run from classes rather than a released jar, or
     *     {@code "unknown"}
     */
    public String libraryVersion() {
        return libraryVersion;
    }

    /**
     * Returns the number of training rows (customers, documents, interactions' customers...).
     *
     * @return the count, or empty when not recorded
     */
    public OptionalLong rows() {
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    /**
     * Returns the training columns' names, in order.
     *
     * @return an unmodifiable list; empty when not recorded or the model has no named columns
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the 64-bit fingerprint of the training data (see {@link #fingerprint(double[])}).
     *
     * @return the fingerprint, or empty when not recorded
     */
    public OptionalLong dataFingerprint() {
        return hasFingerprint ? OptionalLong.of(fingerprint) : OptionalLong.empty();
    }

    /**
     * Returns the number of optimizer iterations.
     *
     * @return the count (0 for a fit that does not iterate), or empty when not recorded
     */
    public OptionalLong iterations() {
        return iterations < 0 ? OptionalLong.empty() : OptionalLong.of(iterations);
    }

    /**
     * Returns whether the fit converged.
     *
     * @return the convergence
     */
    public Convergence convergence() {
        return convergence;
    }

    /**
     * Says why the optimizer stopped, in the trainer's words (e.g. {@code "converged"}, {@code "stopped after 200
     * iterations with gradient norm 0.003"}).
     *
     * @return the reason; {@code "not recorded"} when the record does not say
     */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Returns the objective after each iteration (log-likelihood, loss or inertia, as the trainer documents); an
     * entry that could not be computed is NaN.
     *
     * @return a copy; empty when not recorded
     */
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }

    /**
     * Compares every recorded value.
     *
     * @param o another object
     * @return true if o is a provenance with equal values
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && trainer.equals(p.trainer) && settings.equals(p.settings)
                && libraryVersion.equals(p.libraryVersion) && rows == p.rows && columns.equals(p.columns)
                && fingerprint == p.fingerprint && hasFingerprint == p.hasFingerprint && iterations == p.iterations
                && convergence == p.convergence && stopReason.equals(p.stopReason)
                && Arrays.equals(objectiveHistory, p.objectiveHistory);
    }

    /**
     * Hashes the recorded values.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(trainer, settings, libraryVersion, rows, columns, fingerprint, iterations, convergence,
                stopReason, Arrays.hashCode(objectiveHistory));
    }

    /**
     * Summarizes the record.
     *
     * @return trainer, settings, rows, columns, iterations and convergence
     */
    @Override
    public String toString() {
        if (!recorded()) {
            return "Provenance{not recorded}";
        }
        return "Provenance{trainer=" + trainer + ", settings=" + settings + ", libraryVersion=" + libraryVersion
                + ", rows=" + (rows < 0 ? "unknown" : rows) + ", columns=" + columns + ", iterations="
                + (iterations < 0 ? "unknown" : iterations) + ", convergence=" + convergence + "}";
    }

    /** Mutable, single-threaded builder of a {@link Provenance}; {@link #build()} does not change it. */
    public static final class Builder {
        private final String trainer;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String libraryVersion = currentVersion();
        private long rows = -1;
        private List<String> columns = List.of();
        private long fingerprint;
        private boolean hasFingerprint;
        private long iterations = -1;
        private Convergence convergence = Convergence.NOT_RECORDED;
        private String stopReason = NOT_RECORDED_REASON;
        private double[] objectiveHistory = new double[0];

        private Builder(String trainer) {
            this.trainer = trainer;
        }

        private static String currentVersion() {
            String v = Provenance.class.getPackage().getImplementationVersion();
            return v == null ? "development build" : v;
        }

        /**
         * Adds or replaces a setting.
         *
         * @param name the setting's name
         * @param value its value as text
         * @return this builder
         */
        public Builder setting(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            settings.put(name, value);
            return this;
        }

        /**
         * Sets the library version (for a record read from a file).
         *
         * @param version the version as recorded
         * @return this builder
         */
        public Builder libraryVersion(String version) {
            this.libraryVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Sets the number of training rows.
         *
         * @param rows the count, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "rows must be >= 0, found -1"
         */
        public Builder rows(long rows) {
            this.rows = ParamChecks.atLeast("rows", rows, 0L);
            return this;
        }

        /**
         * Sets the training columns' names.
         *
         * @param columns the names, in order. Not modified.
         * @return this builder
         */
        public Builder columns(List<String> columns) {
            Objects.requireNonNull(columns, "columns");
            this.columns = List.copyOf(columns);
            return this;
        }

        /**
         * Sets the training data's fingerprint.
         *
         * @param fingerprint the 64-bit fingerprint
         * @return this builder
         */
        public Builder dataFingerprint(long fingerprint) {
            this.fingerprint = fingerprint;
            this.hasFingerprint = true;
            return this;
        }

        /**
         * Records a feature matrix as the training data: its rows, column names and fingerprint.
         *
         * @param x the training data. Not modified.
         * @return this builder
         */
        public Builder data(FeatureMatrix x) {
            Objects.requireNonNull(x, "x");
            return rows(x.rows()).columns(x.names()).dataFingerprint(fingerprint(x));
        }

        /**
         * Records an iterative fit's iterations and whether it converged.
         *
         * @param iterations the iterations, {@code >= 0}
         * @param converged true if the optimizer met its tolerance
         * @return this builder
         * @throws IllegalArgumentException "iterations must be >= 0, found -1"
         */
        public Builder iterations(long iterations, boolean converged) {
            this.iterations = ParamChecks.atLeast("iterations", iterations, 0L);
            this.convergence = converged ? Convergence.CONVERGED : Convergence.NOT_CONVERGED;
            this.stopReason = converged ? "converged" : "not converged";
            return this;
        }

        /**
         * Says why the optimizer stopped, replacing the default {@code "converged"} / {@code "not converged"}.
         *
         * @param reason the reason, in the trainer's words; non-empty
         * @return this builder
         * @throws IllegalArgumentException if it is empty
         */
        public Builder stopReason(String reason) {
            Objects.requireNonNull(reason, "reason");
            ParamChecks.requireArgument(!reason.isEmpty(), "reason must be non-empty, found \"\"");
            this.stopReason = reason;
            return this;
        }

        /**
         * Records a fit that does not iterate (a closed form or one pass): 0 iterations, {@code NOT_ITERATIVE}.
         *
         * @return this builder
         */
        public Builder notIterative() {
            this.iterations = 0;
            this.convergence = Convergence.NOT_ITERATIVE;
            this.stopReason = "not iterative";
            return this;
        }

        /**
         * Sets the iterations and convergence as read from a file.
         *
         * @param iterations the iterations, or -1 when not recorded
         * @param convergence the convergence
         * @return this builder
         * @throws IllegalArgumentException "iterations must be >= -1, found -2"
         */
        public Builder convergence(long iterations, Convergence convergence) {
            this.iterations = ParamChecks.atLeast("iterations", iterations, -1L);
            this.convergence = Objects.requireNonNull(convergence, "convergence");
            return this;
        }

        /**
         * Sets the objective after each iteration.
         *
         * @param history the values; NaN for one that could not be computed. Not modified.
         * @return this builder
         */
        public Builder objectiveHistory(double[] history) {
            Objects.requireNonNull(history, "history");
            this.objectiveHistory = history.clone();
            return this;
        }

        /**
         * Builds the record.
         *
         * @return an immutable record
         */
        public Provenance build() {
            return new Provenance(this);
        }
    }
}
