package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A per-customer BTYD summary held by Spark: rows with the columns of {@link BtydSummary#CSV_COLUMNS}
 * ({@code customer_id} a string, {@code frequency}, {@code recency}, {@code T}, {@code monetary_value} doubles;
 * with a holdout also {@link BtydSummary#CSV_HOLDOUT_COLUMNS}) and the time unit of recency and T.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkBtydSummary {
    private final Dataset<Row> rows;
    private final Duration unit;
    private final boolean holdout;

    SparkBtydSummary(Dataset<Row> rows, Duration unit, boolean holdout) {
        this.rows = rows;
        this.unit = unit;
        this.holdout = holdout;
    }

    /**
     * Wraps summary rows made elsewhere (read from a file, for example); the schema is checked, no job runs.
     *
     * @param rows the rows; not null
     * @param unit the time unit of recency and T; positive, not null
     * @return the summary
     * @throws InvalidDataException if a column of {@link BtydSummary#CSV_COLUMNS} is missing or of another type
     * @throws IllegalArgumentException if the unit is not positive
     */
    public static SparkBtydSummary of(Dataset<Row> rows, Duration unit) {
        Objects.requireNonNull(rows, "rows");
        ParamChecks.positive("unit", unit);
        StructType schema = rows.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String column : BtydSummary.CSV_COLUMNS) {
            int i = names.indexOf(column);
            if (i < 0) {
                throw new InvalidDataException("summary must have the column \"" + column + "\", found " + names, 0,
                        column, null);
            }
            DataType want = column.equals("customer_id") ? DataTypes.StringType : DataTypes.DoubleType;
            DataType t = schema.fields()[i].dataType();
            if (!t.sameType(want)) {
                throw new InvalidDataException("summary column \"" + column + "\" must be of type "
                        + want.simpleString() + ", found " + t.simpleString(), 0, column, null);
            }
        }
        return new SparkBtydSummary(rows, unit, names.containsAll(BtydSummary.CSV_HOLDOUT_COLUMNS));
    }

    /**
     * Returns the rows, one per customer.
     *
     * @return the rows
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /**
     * Returns the time unit of recency and T.
     *
     * @return a positive duration
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Tells whether the rows have the holdout columns.
     *
     * @return true with holdout columns
     */
    public boolean hasHoldout() {
        return holdout;
    }

    /**
     * Returns the unit and whether there is a holdout.
     *
     * @return for example {@code SparkBtydSummary{unit=PT168H, holdout=false}}
     */
    @Override
    public String toString() {
        return "SparkBtydSummary{unit=" + unit + ", holdout=" + holdout + "}";
    }
}
