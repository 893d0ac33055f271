package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Lines in {@link SparkIngest#LINE_SCHEMA}: the schema check, the grouping by customer and the per-partition log. */
final class LineLogs {
    private LineLogs() {
    }

    /** Checks that every column of LINE_SCHEMA is present with its type; before any job. */
    static void check(Dataset<Row> lines) {
        StructType schema = lines.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (StructField f : SparkIngest.LINE_SCHEMA.fields()) {
            int i = names.indexOf(f.name());
            if (i < 0) {
                throw new InvalidDataException("lines must have the column \"" + f.name() + "\" of SparkIngest.LINE_SCHEMA, found "
                        + names, 0, f.name(), null);
            }
            DataType t = schema.fields()[i].dataType();
            if (!t.sameType(f.dataType())) {
                throw new InvalidDataException("lines column \"" + f.name() + "\" must be of type "
                        + f.dataType().simpleString() + ", found " + t.simpleString(), 0, f.name(), null);
            }
        }
    }

    /**
     * The most lines a by-customer partition gets when the input has few partitions: each partition becomes one
     * {@link TransactionLog} in a task (about 50 bytes per line, twice that while it is built), so a gzipped CSV
     * read as one partition, or 27 M simulated lines in two, would otherwise put the whole log in one or two
     * tasks' memory.
     */
    static final long MAX_LINES_PER_PARTITION = 1_000_000L;

    /**
     * The number of by-customer partitions for {@code lineCount} lines: the input's partition count, or more so
     * that none gets more than {@link #MAX_LINES_PER_PARTITION} lines on average. Results do not depend on it
     * (every per-customer value is computed from that customer's lines alone, and the fits merge in id order).
     */
    static int partitions(Dataset<Row> lines, long lineCount) {
        long bySize = Math.min(1L << 16, (lineCount + MAX_LINES_PER_PARTITION - 1) / MAX_LINES_PER_PARTITION);
        return (int) Math.max(Math.max(1, lines.rdd().getNumPartitions()), bySize);
    }

    /** The lines in LINE_SCHEMA's column order, partitioned by customer and sorted by line in each partition. */
    static Dataset<Row> byCustomer(Dataset<Row> lines, int partitions) {
        Column[] columns = new Column[SparkIngest.LINE_SCHEMA.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = functions.col(SparkIngest.LINE_SCHEMA.fields()[i].name());
        }
        return lines.select(columns).repartition(partitions, functions.col(SparkIngest.CUSTOMER_ID))
                .sortWithinPartitions(SparkIngest.LINE);
    }

    /** The partition's lines (sorted by line) as a log: each customer's rows in input order. */
    static TransactionLog log(Iterator<Row> rows) {
        TransactionLog.Builder b = TransactionLog.builder();
        while (rows.hasNext()) {
            Row r = rows.next();
            String item = r.isNullAt(3) ? null : r.getString(3);
            if (item != null && r.getBoolean(9)) {
                b.markNonProduct(item);
            }
            b.add(r.getString(1), r.isNullAt(2) ? null : r.getString(2), item, r.getLong(4), r.getDouble(5),
                    r.getDouble(6), r.isNullAt(7) ? null : r.getString(7), r.isNullAt(8) ? null : r.getString(8));
        }
        return b.build();
    }

    /**
     * The partition's lines and then one more line (in LINE_SCHEMA's order) as a log. SparkScoring and
     * SparkChurnLabels add a line of a customer of their own on a date that makes the single-JVM class's check
     * of the whole input's date range hold for every partition, and drop that customer's row.
     */
    static TransactionLog log(Iterator<Row> rows, Row extra) {
        return log(new Iterator<Row>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return rows.hasNext() || !done;
            }

            @Override
            public Row next() {
                if (rows.hasNext()) {
                    return rows.next();
                }
                if (done) {
                    throw new java.util.NoSuchElementException();
                }
                done = true;
                return extra;
            }
        });
    }
}
