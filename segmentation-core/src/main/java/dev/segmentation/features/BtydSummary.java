package dev.segmentation.features;

import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.CsvSource;
import dev.segmentation.internal.ParamChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The per-customer "buy till you die" summary that BG/NBD, Pareto/NBD and Gamma-Gamma are fitted on, in the
 * semantics of lifetimes' {@code summary_data_from_transaction_data}:
 * <ul>
 *   <li>{@code frequency} x: the number of repeat purchase occasions (distinct periods with a purchase, minus 1);
 *   <li>{@code recency} t_x: the time from the first to the last purchase occasion;
 *   <li>{@code T}: the time from the first purchase occasion to the end of observation;
 *   <li>{@code monetary} : the mean spend per repeat occasion (the first excluded), 0 when x = 0.
 * </ul>
 * Recency and T are measured in {@link #unit()}, for example one week for the CDNOW summaries. The optional
 * holdout columns describe what each customer did after the calibration end: the number of distinct holdout
 * purchase periods, their mean spend, and the holdout length in {@link #unit()}.
 *
 * <p>Every factory validates: x is a non-negative integer, {@code 0 <= t_x <= T}, monetary values are
 * finite and non-negative; an {@link InvalidDataException} names the row, the customer and the value.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class BtydSummary {
    /** CSV column names written by {@link #writeCsv}, as in the command-line contract. */
    public static final List<String> CSV_COLUMNS = List.of("customer_id", "frequency", "recency", "T",
            "monetary_value");
    /** Extra CSV columns written when the summary has a holdout period. */
    public static final List<String> CSV_HOLDOUT_COLUMNS = List.of("frequency_holdout", "monetary_value_holdout",
            "duration_holdout");

    private final String[] ids;
    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] monetary;
    private final double[] frequencyHoldout;
    private final double[] monetaryHoldout;
    private final double[] durationHoldout;
    private final Duration unit;

    private BtydSummary(String[] ids, double[] frequency, double[] recency, double[] age, double[] monetary,
            double[] frequencyHoldout, double[] monetaryHoldout, double[] durationHoldout, Duration unit) {
        this.ids = ids;
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.monetary = monetary;
        this.frequencyHoldout = frequencyHoldout;
        this.monetaryHoldout = monetaryHoldout;
        this.durationHoldout = durationHoldout;
        this.unit = unit;
    }

    /**
     * Creates a summary without holdout columns, validating every row.
     *
     * @param ids customer ids, length n; not null. Not modified.
     * @param frequency x per customer, non-negative integers. Not modified.
     * @param recency t_x per customer, {@code 0 <= t_x <= T}. Not modified.
     * @param T age per customer, in {@code unit}. Not modified.
     * @param monetary mean repeat spend per customer, or null for all zeros. Not modified.
     * @param unit the length of one time unit of recency and T (e.g. {@code Duration.ofDays(7)}); positive
     * @return the summary
     * @throws IllegalArgumentException if the lengths differ or the unit is not positive
     * @throws InvalidDataException naming the first invalid row
     */
    public static BtydSummary of(String[] ids, double[] frequency, double[] recency, double[] T, double[] monetary,
            Duration unit) {
        return of(ids, frequency, recency, T, monetary, null, null, null, unit);
    }

    /**
     * Creates a summary with holdout columns, validating every row.
     *
     * @param ids customer ids, length n; not null. Not modified.
     * @param frequency x per customer, non-negative integers. Not modified.
     * @param recency t_x per customer, {@code 0 <= t_x <= T}. Not modified.
     * @param T age per customer at the calibration end, in {@code unit}. Not modified.
     * @param monetary mean repeat spend per customer, or null for all zeros. Not modified.
     * @param frequencyHoldout distinct holdout purchase periods, or null for no holdout. Not modified.
     * @param monetaryHoldout mean spend per holdout purchase period (0 when none), or null. Not modified.
     * @param durationHoldout holdout length in {@code unit}, or null. Not modified.
     * @param unit the length of one time unit of recency, T and duration; positive
     * @return the summary
     * @throws IllegalArgumentException if the lengths differ, only some holdout columns are given, or the
     *     unit is not positive
     * @throws InvalidDataException naming the first invalid row
     */
    public static BtydSummary of(String[] ids, double[] frequency, double[] recency, double[] T, double[] monetary,
            double[] frequencyHoldout, double[] monetaryHoldout, double[] durationHoldout, Duration unit) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(T, "T");
        ParamChecks.positive("unit", unit);
        int n = ids.length;
        checkLength("frequency", frequency, n);
        checkLength("recency", recency, n);
        checkLength("T", T, n);
        double[] m = monetary == null ? new double[n] : monetary.clone();
        checkLength("monetary", m, n);
        boolean anyHoldout = frequencyHoldout != null || monetaryHoldout != null || durationHoldout != null;
        if (anyHoldout && (frequencyHoldout == null || monetaryHoldout == null || durationHoldout == null)) {
            throw new IllegalArgumentException("holdout columns must be given all three or none");
        }
        BtydSummary s = new BtydSummary(ids.clone(), frequency.clone(), recency.clone(), T.clone(), m,
                anyHoldout ? frequencyHoldout.clone() : null, anyHoldout ? monetaryHoldout.clone() : null,
                anyHoldout ? durationHoldout.clone() : null, unit);
        if (anyHoldout) {
            checkLength("frequencyHoldout", s.frequencyHoldout, n);
            checkLength("monetaryHoldout", s.monetaryHoldout, n);
            checkLength("durationHoldout", s.durationHoldout, n);
        }
        s.validate();
        return s;
    }

    /**
     * {@link #of(String[], double[], double[], double[], double[], double[], double[], double[], Duration)} for
     * arrays that the caller hands over and never touches again ({@link BtydSummarizer}'s own, of the same length,
     * monetary not null): validated the same way, not copied (issue 19: at 1 M customers each copy of a column is an
     * 8 MB array).
     */
    static BtydSummary owning(String[] ids, double[] frequency, double[] recency, double[] T, double[] monetary,
            double[] frequencyHoldout, double[] monetaryHoldout, double[] durationHoldout, Duration unit) {
        BtydSummary s = new BtydSummary(ids, frequency, recency, T, monetary, frequencyHoldout, monetaryHoldout,
                durationHoldout, unit);
        s.validate();
        return s;
    }

    private static void checkLength(String name, double[] a, int n) {
        ParamChecks.hasLength(name, a.length, n);
    }

    private void validate() {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                // the message built only when thrown: a string per row was 1 M strings per summary (issue 19)
                throw new NullPointerException("ids[" + i + "]");
            }
            double x = frequency[i];
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw bad(i, "frequency", "a finite number >= 0", x);
            }
            if (x != Math.rint(x)) {
                throw bad(i, "frequency", "an integer", x);
            }
            if (!(recency[i] >= 0) || Double.isInfinite(recency[i])) {
                throw bad(i, "recency", "a finite number >= 0", recency[i]);
            }
            if (!(age[i] >= 0) || Double.isInfinite(age[i])) {
                throw bad(i, "T", "a finite number >= 0", age[i]);
            }
            if (recency[i] > age[i]) {
                throw InvalidDataException.compared(null, i, "row " + i + " (customer " + ids[i] + ")", "recency",
                        "<=", "T", String.valueOf(age[i]), String.valueOf(recency[i]));
            }
            if (!(monetary[i] >= 0) || Double.isInfinite(monetary[i])) {
                throw bad(i, "monetary", "a finite number >= 0", monetary[i]);
            }
            if (frequencyHoldout != null) {
                double h = frequencyHoldout[i];
                if (!(h >= 0) || Double.isInfinite(h) || h != Math.rint(h)) {
                    throw bad(i, "frequencyHoldout", "a non-negative integer", h);
                }
                if (!(monetaryHoldout[i] >= 0) || Double.isInfinite(monetaryHoldout[i])) {
                    throw bad(i, "monetaryHoldout", "a finite number >= 0", monetaryHoldout[i]);
                }
                if (!(durationHoldout[i] > 0) || Double.isInfinite(durationHoldout[i])) {
                    throw bad(i, "durationHoldout", "a finite number > 0", durationHoldout[i]);
                }
            }
        }
    }

    private InvalidDataException bad(int row, String column, String constraint, double value) {
        return InvalidDataException.of(null, row, "row " + row + " (customer " + ids[row] + ")", column, constraint,
                String.valueOf(value));
    }

    /**
     * Returns the number of customers.
     *
     * @return n
     */
    public int size() {
        return ids.length;
    }

    /**
     * Returns the length of one time unit of recency, T and the holdout duration.
     *
     * @return the unit, e.g. one day or seven days
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns one customer's id.
     *
     * @param i the row
     * @return the id
     */
    public String id(int i) {
        return ids[i];
    }

    /**
     * Returns all customer ids.
     *
     * @return a copy, length n
     */
    public String[] ids() {
        return ids.clone();
    }

    /**
     * Returns the frequencies x (repeat purchase occasions).
     *
     * @return a copy, length n
     */
    public double[] frequency() {
        return frequency.clone();
    }

    /**
     * Returns the recencies t_x in {@link #unit()}.
     *
     * @return a copy, length n
     */
    public double[] recency() {
        return recency.clone();
    }

    /**
     * Returns the ages T in {@link #unit()}.
     *
     * @return a copy, length n
     */
    public double[] T() {
        return age.clone();
    }

    /**
     * Returns the mean repeat spend per customer (0 when x = 0).
     *
     * @return a copy, length n
     */
    public double[] monetary() {
        return monetary.clone();
    }

    /**
     * Returns x for one customer.
     *
     * @param i the row
     * @return the frequency
     */
    public double frequency(int i) {
        return frequency[i];
    }

    /**
     * Returns t_x for one customer.
     *
     * @param i the row
     * @return the recency
     */
    public double recency(int i) {
        return recency[i];
    }

    /**
     * Returns T for one customer.
     *
     * @param i the row
     * @return the age
     */
    public double T(int i) {
        return age[i];
    }

    /**
     * Returns the mean repeat spend of one customer.
     *
     * @param i the row
     * @return the monetary value
     */
    public double monetary(int i) {
        return monetary[i];
    }

    /**
     * Tells whether the summary has holdout columns.
     *
     * @return true if made with a calibration end
     */
    public boolean hasHoldout() {
        return frequencyHoldout != null;
    }

    /**
     * Returns the number of distinct holdout purchase periods per customer.
     *
     * @return a copy, length n
     * @throws IllegalStateException if there is no holdout
     */
    public double[] frequencyHoldout() {
        return requireHoldout(frequencyHoldout).clone();
    }

    /**
     * Returns the mean spend per holdout purchase period (0 when none).
     *
     * @return a copy, length n
     * @throws IllegalStateException if there is no holdout
     */
    public double[] monetaryHoldout() {
        return requireHoldout(monetaryHoldout).clone();
    }

    /**
     * Returns the holdout length per customer in {@link #unit()}.
     *
     * @return a copy, length n
     * @throws IllegalStateException if there is no holdout
     */
    public double[] durationHoldout() {
        return requireHoldout(durationHoldout).clone();
    }

    private static double[] requireHoldout(double[] a) {
        if (a == null) {
            throw new IllegalStateException("the summary has no holdout columns");
        }
        return a;
    }

    /**
     * Returns the rows with {@code frequency > 0} (the repeat customers Gamma-Gamma is fitted on).
     *
     * @return a new summary, possibly empty
     */
    public BtydSummary repeatCustomers() {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (frequency[i] > 0) {
                keep.add(i);
            }
        }
        int[] rows = keep.stream().mapToInt(Integer::intValue).toArray();
        return new BtydSummary(pick(ids, rows), pick(frequency, rows), pick(recency, rows), pick(age, rows),
                pick(monetary, rows), pick(frequencyHoldout, rows), pick(monetaryHoldout, rows),
                pick(durationHoldout, rows), unit);
    }

    private static double[] pick(double[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static String[] pick(String[] a, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    /**
     * Reads a summary from a CSV file with a header line, by column name.
     *
     * @param file the CSV file; not null
     * @param charset the file's charset (never guessed); not null
     * @param unit the time unit of the recency and T columns; positive
     * @param idColumn the id column's header; not null
     * @param frequencyColumn the frequency column's header; not null
     * @param recencyColumn the recency column's header; not null
     * @param tColumn the T column's header; not null
     * @param monetaryColumn the monetary column's header, or null for none
     * @return the validated summary
     * @throws InvalidDataException naming the file, line, column and value of a bad cell, or a missing column
     * @throws UncheckedIOException if the file cannot be read
     */
    public static BtydSummary readCsv(Path file, Charset charset, Duration unit, String idColumn,
            String frequencyColumn, String recencyColumn, String tColumn, String monetaryColumn) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(idColumn, "idColumn");
        List<String> idList = new ArrayList<>();
        double[][] cols = new double[4][];
        int n = 0;
        String[] names = {frequencyColumn, recencyColumn, tColumn, monetaryColumn};
        try (CsvSource src = CsvSource.open(file, charset, false)) {
            int idIndex = src.column("column", idColumn);
            int[] index = new int[4];
            for (int k = 0; k < 4; k++) {
                index[k] = names[k] == null ? -1 : src.column("column", names[k]);
                cols[k] = new double[1024];
            }
            for (CsvRecord rec = src.next(); rec != null; rec = src.next()) {
                long line = src.line();
                if (n == cols[0].length) {
                    for (int k = 0; k < 4; k++) {
                        cols[k] = Arrays.copyOf(cols[k], n * 2);
                    }
                }
                idList.add(rec.getField(idIndex).strip());
                for (int k = 0; k < 4; k++) {
                    if (index[k] >= 0) {
                        String s = rec.getField(index[k]).strip();
                        try {
                            cols[k][n] = Double.parseDouble(s);
                        } catch (NumberFormatException e) {
                            throw new InvalidDataException(file + ": line " + line + ", column " + names[k]
                                    + ": value must be a number, found \"" + s + "\"", line, names[k], e);
                        }
                    }
                }
                n++;
            }
        }
        return of(idList.toArray(new String[0]), Arrays.copyOf(cols[0], n), Arrays.copyOf(cols[1], n),
                Arrays.copyOf(cols[2], n), monetaryColumn == null ? null : Arrays.copyOf(cols[3], n), unit);
    }

    /**
     * Writes the summary as CSV with the columns of the command-line contract:
     * {@code customer_id,frequency,recency,T,monetary_value} and, with a holdout,
     * {@code frequency_holdout,monetary_value_holdout,duration_holdout}. Numbers are written with full
     * double precision.
     *
     * @param file the output file, created or replaced; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeCsv(Path file) {
        Objects.requireNonNull(file, "file");
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file,
                java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(CSV_COLUMNS);
            if (hasHoldout()) {
                header.addAll(CSV_HOLDOUT_COLUMNS);
            }
            w.writeRecord(header);
            for (int i = 0; i < ids.length; i++) {
                if (hasHoldout()) {
                    w.writeRecord(ids[i], num(frequency[i]), num(recency[i]), num(age[i]), num(monetary[i]),
                            num(frequencyHoldout[i]), num(monetaryHoldout[i]), num(durationHoldout[i]));
                } else {
                    w.writeRecord(ids[i], num(frequency[i]), num(recency[i]), num(age[i]), num(monetary[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return "BtydSummary{customers=" + ids.length + ", unit=" + unit + ", holdout=" + hasHoldout() + "}";
    }
}
