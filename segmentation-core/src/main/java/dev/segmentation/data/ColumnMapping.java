package dev.segmentation.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which header column of a transaction file holds which field of a {@link TransactionLog} row.
 *
 * <p>Every mapping has a customer id column and a date column, and the money of a row in one of two ways:
 * <ul>
 *   <li>{@link #of(String, String, String)}: an amount column with the line's total; an optional quantity
 *       column ({@link #quantity(String)}, else the quantity is 1);</li>
 *   <li>{@link #ofUnitPrice(String, String, String, String)}: a unit price and a quantity column; the amount
 *       is {@code quantity * unitPrice}, one double multiplication (as in the Online Retail literature).</li>
 * </ul>
 * Optional columns: item ({@link #item(String)}), invoice or order id ({@link #invoice(String)}), sales
 * channel ({@link #channel(String)}), product category ({@link #category(String)}) and item description
 * ({@link #description(String)}).
 *
 * <p>Column names are matched exactly (case and spaces count) against the header line, or against
 * {@link TransactionCsv.Options#headerNames()} for files without one. Each column may be mapped once.
 *
 * <pre>{@code
 * ColumnMapping m = ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity")
 *         .item("StockCode").invoice("InvoiceNo");
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use; the methods that name an optional column return a
 * new mapping. Null is never accepted or returned.
 */
public final class ColumnMapping {
    /** Role indices, also the order of {@link #columns()}. */
    static final int CUSTOMER = 0;
    static final int DATE = 1;
    static final int AMOUNT = 2;
    static final int UNIT_PRICE = 3;
    static final int QUANTITY = 4;
    static final int INVOICE = 5;
    static final int ITEM = 6;
    static final int CHANNEL = 7;
    static final int CATEGORY = 8;
    static final int DESCRIPTION = 9;
    static final int ROLES = 10;

    /** The names of the roles, as the factory and setter methods are named. */
    private static final List<String> ROLE_NAMES = List.of("customer", "date", "amount", "unitPrice", "quantity",
            "invoice", "item", "channel", "category", "description");

    private final String[] columns;

    private ColumnMapping(String[] columns) {
        this.columns = columns;
        for (int i = 0; i < ROLES; i++) {
            for (int j = i + 1; j < ROLES; j++) {
                if (columns[i] != null && columns[i].equals(columns[j])) {
                    throw new IllegalArgumentException("column names must be distinct, found \"" + columns[i]
                            + "\" for both " + ROLE_NAMES.get(i) + " and " + ROLE_NAMES.get(j));
                }
            }
        }
    }

    /**
     * Maps a file whose rows carry the line's total amount.
     *
     * @param customer the customer id column; not null or empty
     * @param date the date (or date-time) column; not null or empty
     * @param amount the amount column; not null or empty
     * @return the mapping, with quantity 1 unless {@link #quantity(String)} names a column
     * @throws IllegalArgumentException if a name is empty or two roles name the same column
     */
    public static ColumnMapping of(String customer, String date, String amount) {
        String[] c = new String[ROLES];
        c[CUSTOMER] = name("customer", customer);
        c[DATE] = name("date", date);
        c[AMOUNT] = name("amount", amount);
        return new ColumnMapping(c);
    }

    /**
     * Maps a file whose rows carry a unit price and a quantity; the amount is {@code quantity * unitPrice}.
     *
     * @param customer the customer id column; not null or empty
     * @param date the date (or date-time) column; not null or empty
     * @param unitPrice the unit price column; not null or empty
     * @param quantity the quantity column; not null or empty
     * @return the mapping
     * @throws IllegalArgumentException if a name is empty or two roles name the same column
     */
    public static ColumnMapping ofUnitPrice(String customer, String date, String unitPrice, String quantity) {
        String[] c = new String[ROLES];
        c[CUSTOMER] = name("customer", customer);
        c[DATE] = name("date", date);
        c[UNIT_PRICE] = name("unitPrice", unitPrice);
        c[QUANTITY] = name("quantity", quantity);
        return new ColumnMapping(c);
    }

    private static String name(String role, String column) {
        Objects.requireNonNull(column, role);
        if (column.isEmpty()) {
            throw new IllegalArgumentException(role + " must be a non-empty column name, found \"\"");
        }
        return column;
    }

    private ColumnMapping with(int role, String column) {
        String[] c = columns.clone();
        c[role] = name(ROLE_NAMES.get(role), column);
        return new ColumnMapping(c);
    }

    /**
     * Returns a copy that reads the quantity from a column (for an amount mapping, the quantity is then
     * informational; for a unit price mapping, this replaces the quantity column).
     *
     * @param column the quantity column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping quantity(String column) {
        return with(QUANTITY, column);
    }

    /**
     * Returns a copy that reads the item id (SKU, stock code) from a column.
     *
     * @param column the item column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping item(String column) {
        return with(ITEM, column);
    }

    /**
     * Returns a copy that reads the invoice (order) id from a column.
     *
     * @param column the invoice column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping invoice(String column) {
        return with(INVOICE, column);
    }

    /**
     * Returns a copy that reads the sales channel from a column.
     *
     * @param column the channel column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping channel(String column) {
        return with(CHANNEL, column);
    }

    /**
     * Returns a copy that reads the product category from a column.
     *
     * @param column the category column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping category(String column) {
        return with(CATEGORY, column);
    }

    /**
     * Returns a copy that reads the item description from a column ({@link TransactionLog#itemDescription(int)}:
     * the description on an item's first kept row).
     *
     * @param column the description column; not null or empty
     * @return a new mapping
     * @throws IllegalArgumentException if the name is empty or already mapped to another role
     */
    public ColumnMapping description(String column) {
        return with(DESCRIPTION, column);
    }

    /**
     * Returns the item description column.
     *
     * @return the column name, or empty if not mapped
     */
    public Optional<String> description() {
        return Optional.ofNullable(columns[DESCRIPTION]);
    }

    /**
     * Returns the customer id column.
     *
     * @return the column name
     */
    public String customer() {
        return columns[CUSTOMER];
    }

    /**
     * Returns the date column.
     *
     * @return the column name
     */
    public String date() {
        return columns[DATE];
    }

    /**
     * Returns the amount column, present exactly when the mapping was made by {@link #of}.
     *
     * @return the column name, or empty
     */
    public Optional<String> amount() {
        return Optional.ofNullable(columns[AMOUNT]);
    }

    /**
     * Returns the unit price column, present exactly when the mapping was made by {@link #ofUnitPrice}.
     *
     * @return the column name, or empty
     */
    public Optional<String> unitPrice() {
        return Optional.ofNullable(columns[UNIT_PRICE]);
    }

    /**
     * Returns the quantity column.
     *
     * @return the column name, or empty when every row has quantity 1
     */
    public Optional<String> quantity() {
        return Optional.ofNullable(columns[QUANTITY]);
    }

    /**
     * Returns the invoice column.
     *
     * @return the column name, or empty
     */
    public Optional<String> invoice() {
        return Optional.ofNullable(columns[INVOICE]);
    }

    /**
     * Returns the item column.
     *
     * @return the column name, or empty
     */
    public Optional<String> item() {
        return Optional.ofNullable(columns[ITEM]);
    }

    /**
     * Returns the channel column.
     *
     * @return the column name, or empty
     */
    public Optional<String> channel() {
        return Optional.ofNullable(columns[CHANNEL]);
    }

    /**
     * Returns the category column.
     *
     * @return the column name, or empty
     */
    public Optional<String> category() {
        return Optional.ofNullable(columns[CATEGORY]);
    }

    /**
     * Returns every mapped column name, in the order customer, date, amount, unit price, quantity, invoice,
     * item, channel, category (unmapped roles left out).
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (c != null) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The column of a role, or null; for the reader. */
    String column(int role) {
        return columns[role];
    }

    /** The name of a role as in the factory and setter methods, e.g. {@code unitPrice}. */
    static String roleName(int role) {
        return ROLE_NAMES.get(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMapping && java.util.Arrays.equals(columns, ((ColumnMapping) o).columns);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(columns);
    }

    /**
     * Returns the mapped roles and columns, e.g.
     * {@code ColumnMapping{customer=CustomerID, date=InvoiceDate, unitPrice=UnitPrice, quantity=Quantity}}.
     *
     * @return a readable form
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ColumnMapping{");
        String sep = "";
        for (int i = 0; i < ROLES; i++) {
            if (columns[i] != null) {
                sb.append(sep).append(ROLE_NAMES.get(i)).append('=').append(columns[i]);
                sep = ", ";
            }
        }
        return sb.append('}').toString();
    }
}
