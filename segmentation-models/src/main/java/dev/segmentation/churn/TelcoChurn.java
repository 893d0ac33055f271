package dev.segmentation.churn;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads IBM's "Telco Customer Churn" sample ({@code Telco-Customer-Churn.csv}, 7,043 customers) into the
 * full-rank numeric coding used by the project's reference numbers, with the {@code Churn} column as the
 * label (Yes = 1).
 *
 * <p>The 23 columns, in order ({@link #COLUMNS}): {@code gender_Male}, {@code SeniorCitizen}, Yes-indicators
 * {@code Partner_Yes}, {@code Dependents_Yes}, then {@code tenure}, {@code PhoneService_Yes},
 * {@code MultipleLines_Yes}, {@code InternetService_DSL}, {@code InternetService_FiberOptic} (baseline No),
 * {@code OnlineSecurity_Yes}, {@code OnlineBackup_Yes}, {@code DeviceProtection_Yes}, {@code TechSupport_Yes},
 * {@code StreamingTV_Yes}, {@code StreamingMovies_Yes}, {@code Contract_OneYear}, {@code Contract_TwoYear}
 * (baseline Month-to-month), {@code PaperlessBilling_Yes}, {@code PaymentMethod_CreditCard},
 * {@code PaymentMethod_ElectronicCheck}, {@code PaymentMethod_MailedCheck} (baseline Bank transfer
 * (automatic)), {@code MonthlyCharges}, {@code TotalCharges}. "No phone service" and "No internet service"
 * code as 0, which avoids the rank deficiency of naive one-hot coding (those levels duplicate
 * {@code PhoneService} and {@code InternetService}). No scaling.
 *
 * <p>{@code TotalCharges} is blank (a single space) in 11 rows, all with {@code tenure = 0}. A blank is never
 * read as 0 silently: the caller picks a {@link BlankTotalCharges} policy and the result reports the
 * affected customers in {@link #blankTotalCharges()}.
 *
 * <p>Any other unexpected value (an unknown level, a malformed number, a wrong field count) throws
 * {@link InvalidDataException} naming the file, line, column and value.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class TelcoChurn {
    /** The feature columns, in matrix order. */
    public static final List<String> COLUMNS = List.of("gender_Male", "SeniorCitizen", "Partner_Yes",
            "Dependents_Yes", "tenure", "PhoneService_Yes", "MultipleLines_Yes", "InternetService_DSL",
            "InternetService_FiberOptic", "OnlineSecurity_Yes", "OnlineBackup_Yes", "DeviceProtection_Yes",
            "TechSupport_Yes", "StreamingTV_Yes", "StreamingMovies_Yes", "Contract_OneYear", "Contract_TwoYear",
            "PaperlessBilling_Yes", "PaymentMethod_CreditCard", "PaymentMethod_ElectronicCheck",
            "PaymentMethod_MailedCheck", "MonthlyCharges", "TotalCharges");

    private static final List<String> HEADER = List.of("customerID", "gender", "SeniorCitizen", "Partner",
            "Dependents", "tenure", "PhoneService", "MultipleLines", "InternetService", "OnlineSecurity",
            "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
            "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn");

    /** What to do with a blank {@code TotalCharges}. */
    public enum BlankTotalCharges {
        /** Read it as 0 (the customer has been billed nothing yet; the common choice, e.g. ML Zoomcamp). */
        ZERO,
        /** Leave the row out (7,032 rows remain). */
        DROP_ROW,
        /** Throw {@link InvalidDataException} at the first blank. */
        REJECT
    }

    private final FeatureMatrix features;
    private final int[] labels;
    private final List<String> customerIds;
    private final List<String> blankTotalCharges;

    private TelcoChurn(FeatureMatrix features, int[] labels, List<String> customerIds, List<String> blank) {
        this.features = features;
        this.labels = labels;
        this.customerIds = customerIds;
        this.blankTotalCharges = blank;
    }

    /**
     * Reads the file.
     *
     * @param file the CSV file; not null
     * @param blankPolicy what to do with a blank {@code TotalCharges}; not null
     * @return the coded data
     * @throws InvalidDataException naming the file, line, column and value of the first bad field
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TelcoChurn read(Path file, BlankTotalCharges blankPolicy) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(blankPolicy, "blankPolicy");
        DoubleArrayList values = new DoubleArrayList();
        IntArrayList labels = new IntArrayList();
        List<String> ids = new ArrayList<>();
        List<String> blank = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CsvRecord rec : reader) {
                long line = rec.getStartingLineNumber();
                if (header) {
                    if (!rec.getFields().equals(HEADER)) {
                        throw new InvalidDataException(file + ":" + line + ": header must be " + HEADER + ", found "
                                + rec.getFields(), line, null, null);
                    }
                    header = false;
                    continue;
                }
                if (rec.getFieldCount() != HEADER.size()) {
                    throw new InvalidDataException(file + ":" + line + ": field count must be " + HEADER.size()
                            + ", found " + rec.getFieldCount(), line, null, null);
                }
                Row r = new Row(file, line, rec);
                String total = rec.getField(19);
                double totalCharges;
                if (total.isBlank()) {
                    if (blankPolicy == BlankTotalCharges.REJECT) {
                        throw new InvalidDataException(file + ":" + line + ": TotalCharges must be a number, found \""
                                + total + "\" (choose BlankTotalCharges.ZERO or DROP_ROW)", line, "TotalCharges", null);
                    }
                    blank.add(rec.getField(0));
                    if (blankPolicy == BlankTotalCharges.DROP_ROW) {
                        continue;
                    }
                    totalCharges = 0;
                } else {
                    totalCharges = r.number(19);
                }
                values.add(r.level(1, "Female", "Male"));
                values.add(r.level(2, "0", "1"));
                values.add(r.level(3, "No", "Yes"));
                values.add(r.level(4, "No", "Yes"));
                values.add(r.number(5));
                values.add(r.level(6, "No", "Yes"));
                values.add(r.level(7, "No", "Yes", "No phone service"));
                String internet = r.oneOf(8, "DSL", "Fiber optic", "No");
                values.add(internet.equals("DSL") ? 1 : 0);
                values.add(internet.equals("Fiber optic") ? 1 : 0);
                for (int c = 9; c <= 14; c++) {
                    values.add(r.level(c, "No", "Yes", "No internet service"));
                }
                String contract = r.oneOf(15, "Month-to-month", "One year", "Two year");
                values.add(contract.equals("One year") ? 1 : 0);
                values.add(contract.equals("Two year") ? 1 : 0);
                values.add(r.level(16, "No", "Yes"));
                String pay = r.oneOf(17, "Bank transfer (automatic)", "Credit card (automatic)", "Electronic check",
                        "Mailed check");
                values.add(pay.equals("Credit card (automatic)") ? 1 : 0);
                values.add(pay.equals("Electronic check") ? 1 : 0);
                values.add(pay.equals("Mailed check") ? 1 : 0);
                values.add(r.number(18));
                values.add(totalCharges);
                labels.add((int) r.level(20, "No", "Yes"));
                ids.add(rec.getField(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        FeatureMatrix m = FeatureMatrix.of(COLUMNS, labels.size(), values.toDoubleArray());
        return new TelcoChurn(m, labels.toIntArray(), List.copyOf(ids), List.copyOf(blank));
    }

    /** One record with its location, for messages. */
    private static final class Row {
        private final Path file;
        private final long line;
        private final CsvRecord rec;

        Row(Path file, long line, CsvRecord rec) {
            this.file = file;
            this.line = line;
            this.rec = rec;
        }

        /** Returns 1 for the second level, 0 for the first or any later one (the "no service" levels). */
        double level(int column, String zero, String one, String... alsoZero) {
            String v = rec.getField(column);
            if (v.equals(one)) {
                return 1;
            }
            if (v.equals(zero)) {
                return 0;
            }
            for (String z : alsoZero) {
                if (v.equals(z)) {
                    return 0;
                }
            }
            List<String> allowed = new ArrayList<>(List.of(zero, one));
            allowed.addAll(List.of(alsoZero));
            throw bad(column, "be one of " + allowed, v);
        }

        String oneOf(int column, String... levels) {
            String v = rec.getField(column);
            for (String l : levels) {
                if (v.equals(l)) {
                    return l;
                }
            }
            throw bad(column, "be one of " + List.of(levels), v);
        }

        double number(int column) {
            String v = rec.getField(column);
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(column, "be a finite number", v);
        }

        private InvalidDataException bad(int column, String constraint, String value) {
            String name = HEADER.get(column);
            return new InvalidDataException(file + ":" + line + ": " + name + " must " + constraint + ", found \""
                    + value + "\"", line, name, null);
        }
    }

    /**
     * Returns the coded features, n x 23, in the order of {@link #COLUMNS}.
     *
     * @return the features
     */
    public FeatureMatrix features() {
        return features;
    }

    /**
     * Returns the labels: 1 for {@code Churn = Yes}, 0 for No.
     *
     * @return a copy, length n
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the customer ids of the rows, in order.
     *
     * @return the ids, length n
     */
    public List<String> customerIds() {
        return customerIds;
    }

    /**
     * Returns the customers whose {@code TotalCharges} was blank (set to 0 or dropped, per the policy).
     *
     * @return their ids, in file order
     */
    public List<String> blankTotalCharges() {
        return blankTotalCharges;
    }
}
