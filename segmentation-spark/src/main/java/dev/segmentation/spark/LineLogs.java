package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/** Lines in {@link SparkIngest#LINE_SCHEMA}: the schema check, the grouping by customer and the per-partition log. */
final class LineLogs {
    /**
     * The customer id of the one extra line a partition's log gets where a single-JVM class checks the dates of the
     * whole log (the scorer's as-of date, the churn labeler's horizon end, the pipeline's kept logs): a customer of
     * its own, whose row every result leaves out. A customer depends on its own lines only, so it changes no other
     * row.
     */
    static final String SENTINEL = "\u0000spark-extra-line";

    private LineLogs() {
    }

    /**
     * Checks that every column of LINE_SCHEMA is present with its type (the optional description only when
     * present); before any job.
     */
    static void check(Dataset<Row> lines) {
        StructType schema = lines.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (StructField f : SparkIngest.LINE_SCHEMA.fields()) {
            int i = names.indexOf(f.name());
            if (i < 0 && f.name().equals(SparkIngest.DESCRIPTION)) {
                continue;
            }
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

    /**
     * The lines in LINE_SCHEMA's column order, partitioned by customer and sorted by line in each partition: the
     * lines as they are when {@code arranged} (the caller knows they are, see {@link #layout}), else
     * {@link #byCustomer(Dataset, int)} with {@link #partitions} for {@code lineCount} lines (one shuffle).
     */
    static Dataset<Row> byCustomer(Dataset<Row> lines, long lineCount, boolean arranged) {
        return arranged ? lines.select(lineColumns(lines)) : byCustomer(lines, partitions(lines, lineCount));
    }

    /** LINE_SCHEMA's columns of the lines, a null description where they have none. */
    private static Column[] lineColumns(Dataset<Row> lines) {
        Column[] columns = new Column[SparkIngest.LINE_SCHEMA.size()];
        for (int i = 0; i < columns.length; i++) {
            String name = SparkIngest.LINE_SCHEMA.fields()[i].name();
            columns[i] = name.equals(SparkIngest.DESCRIPTION) && !hasDescriptions(lines)
                    ? functions.lit(null).cast(DataTypes.StringType).as(name) : functions.col(name);
        }
        return columns;
    }

    /**
     * The extra line of {@link #SENTINEL} at {@code epochSecond} (quantity and amount 1, no invoice, item, channel or
     * category), in LINE_SCHEMA's column order without the description, last by its line number.
     */
    static Row sentinelLine(long epochSecond) {
        return RowFactory.create(Long.MAX_VALUE, SENTINEL, null, null, epochSecond, 1.0, 1.0, null, null, false);
    }

    /** Tells whether the lines have the optional description column. */
    static boolean hasDescriptions(Dataset<Row> lines) {
        return Arrays.asList(lines.columns()).contains(SparkIngest.DESCRIPTION);
    }

    /**
     * What the partitions' statistics tell of the lines: the line count, the date range, and whether they are already partitioned by customer and sorted by line in each partition, with no
     * partition much above {@link #MAX_LINES_PER_PARTITION}. The simulator ({@link SparkSimulator}) and
     * {@link SparkIngest} produce lines so arranged; then every per-customer step reads them as they are, without
     * a shuffle.
     *
     * @param customers the number of distinct customers of all lines (computed by the caller's aggregate)
     * @param perPartition the partitions' statistics, from {@link #partitionStats}
     */
    static Layout layout(long customers, List<long[]> perPartition) {
        long count = 0;
        long distinct = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long largest = 0;
        boolean sorted = true;
        for (long[] p : perPartition) {
            count += p[0];
            distinct += p[1];
            sorted &= p[2] == 1;
            if (p[0] > 0) {
                min = Math.min(min, p[3]);
                max = Math.max(max, p[4]);
            }
            largest = Math.max(largest, p[0]);
        }
        boolean arranged = sorted && distinct == customers && largest <= 2 * MAX_LINES_PER_PARTITION;
        return new Layout(count, customers, min, max, arranged);
    }

    /**
     * One row of statistics per partition (one job, described {@code description}): lines, distinct customers
     * in the partition, 1 if the lines increase by {@link SparkIngest#LINE}, the least and the greatest
     * {@link SparkIngest#EPOCH_SECOND}.
     */
    static List<long[]> partitionStats(Dataset<Row> lines, String description) {
        List<long[]> out = new java.util.ArrayList<>();
        for (PartitionStats p : partitionStats(lines, Long.MAX_VALUE, description)) {
            out.add(p.counts());
        }
        return out;
    }

    /**
     * One partition's statistics ({@link #partitionStats(Dataset, long, String)}).
     *
     * @param counts lines, distinct customers, 1 if the lines increase by line number, the least and the greatest
     *     epoch second (as {@link #partitionStats(Dataset, String)} gives them)
     * @param firstId the first customer id's UTF-8 bytes when the partition's ids never decrease (in UTF-8 byte
     *     order, as Spark sorts strings) and it has lines, else null
     * @param lastId the last customer id's bytes, when {@code firstId} is not null
     * @param customersBefore the customers with a line before the second given, when {@code firstId} is not null
     */
    record PartitionStats(long[] counts, byte[] firstId, byte[] lastId, long customersBefore)
            implements java.io.Serializable {
    }

    /**
     * The statistics of {@link #partitionStats(Dataset, String)} per partition, in partition order, from Spark's
     * internal rows (a customer id becomes a Java string never, its bytes are copied once per run of equal ids); a
     * partition whose customer ids never decrease also gives its first and last id and the customers with a line
     * before {@code beforeSecond}.
     */
    static List<PartitionStats> partitionStats(Dataset<Row> lines, long beforeSecond, String description) {
        // three columns only: a cached input decodes no other
        Dataset<Row> read = lines.select(functions.col(SparkIngest.CUSTOMER_ID), functions.col(SparkIngest.LINE),
                functions.col(SparkIngest.EPOCH_SECOND));
        List<Object[]> stats = Jobs.run(lines.sparkSession(), description, () -> read.queryExecution().toRdd()
                .toJavaRDD().mapPartitionsWithIndex((index, rows) -> {
                    long n = 0;
                    long previous = Long.MIN_VALUE;
                    boolean sorted = true;
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    java.util.HashSet<UTF8String> ids = new java.util.HashSet<>();
                    // the last id (a copy: the row's bytes may be reused), whether the ids never decrease, the
                    // first id, and the customers with a line before beforeSecond (runs of equal ids, when ordered)
                    UTF8String last = null;
                    boolean ordered = true;
                    UTF8String first = null;
                    long before = 0;
                    boolean lastBefore = false;
                    while (rows.hasNext()) {
                        InternalRow r = rows.next();
                        long l = r.getLong(1);
                        sorted &= l > previous;
                        previous = l;
                        long e = r.getLong(2);
                        min = Math.min(min, e);
                        max = Math.max(max, e);
                        UTF8String id = r.isNullAt(0) ? null : r.getUTF8String(0);
                        if (n == 0 || !java.util.Objects.equals(id, last)) {
                            if (id == null || (n > 0 && (last == null || id.compareTo(last) < 0))) {
                                ordered = false;
                            }
                            if (lastBefore) {
                                before++;
                            }
                            lastBefore = false;
                            last = id == null ? null : id.clone();
                            ids.add(last);
                            if (n == 0) {
                                first = last;
                            }
                        }
                        lastBefore |= e < beforeSecond;
                        n++;
                    }
                    if (lastBefore) {
                        before++;
                    }
                    long[] counts = {n, ids.size(), sorted ? 1 : 0, min, max};
                    boolean withIds = ordered && n > 0;
                    return List.<Object[]>of(new Object[] {index, new PartitionStats(counts,
                            withIds ? first.getBytes() : null, withIds ? last.getBytes() : null,
                            withIds ? before : -1)}).iterator();
                }, false).collect());
        PartitionStats[] out = new PartitionStats[stats.size()];
        for (Object[] s : stats) {
            out[(Integer) s[0]] = (PartitionStats) s[1];
        }
        return Arrays.asList(out);
    }

    /**
     * The distinct customers of all lines and those with a line before the partitions' {@code beforeSecond}, from the
     * partitions' statistics alone when every partition with lines has its customer ids in order and each such
     * partition's first id is above the previous one's last (then no customer is in two partitions, as the
     * simulator's lines are); else null (the caller counts them with an aggregate).
     */
    static long[] customersOfOrderedPartitions(List<PartitionStats> partitions) {
        long customers = 0;
        long before = 0;
        UTF8String last = null;
        for (PartitionStats p : partitions) {
            if (p.counts()[0] == 0) {
                continue;
            }
            if (p.firstId() == null) {
                return null;
            }
            UTF8String first = UTF8String.fromBytes(p.firstId());
            if (last != null && first.compareTo(last) <= 0) {
                return null;
            }
            last = UTF8String.fromBytes(p.lastId());
            customers += p.counts()[1];
            before += p.customersBefore();
        }
        return new long[] {customers, before};
    }

    /**
     * The lines' count, distinct customers and date range (epoch seconds; {@code Long.MAX_VALUE} and
     * {@code Long.MIN_VALUE} without a line), and whether they are arranged by customer.
     */
    record Layout(long count, long customers, long minSecond, long maxSecond, boolean arranged) {
    }

    /**
     * The lines in LINE_SCHEMA with only the line, customer, date, quantity and amount: invoice, item, channel,
     * category and description null, non_product false. For the steps that read nothing else (the BTYD summaries,
     * churn labels): a cached input decodes, and a partition's log interns, none of the string columns. Keeps the
     * partitioning and the order.
     */
    static Dataset<Row> slim(Dataset<Row> lines) {
        Column none = functions.lit(null).cast(DataTypes.StringType);
        return lines.select(functions.col(SparkIngest.LINE), functions.col(SparkIngest.CUSTOMER_ID),
                none.as(SparkIngest.INVOICE), none.as(SparkIngest.ITEM), functions.col(SparkIngest.EPOCH_SECOND),
                functions.col(SparkIngest.QUANTITY), functions.col(SparkIngest.AMOUNT), none.as(SparkIngest.CHANNEL),
                none.as(SparkIngest.CATEGORY), functions.lit(false).as(SparkIngest.NON_PRODUCT),
                none.as(SparkIngest.DESCRIPTION));
    }

    /** The lines in LINE_SCHEMA's column order, partitioned by customer and sorted by line in each partition. */
    static Dataset<Row> byCustomer(Dataset<Row> lines, int partitions) {
        return lines.select(lineColumns(lines)).repartition(partitions, functions.col(SparkIngest.CUSTOMER_ID))
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

    /**
     * The partition's lines as Spark's internal rows (sorted by line, LINE_SCHEMA's columns in its order) as a log,
     * the same log as {@link #log(Iterator)} makes from the same lines as external rows, and each line's number
     * added to {@code lineNumbers}. Without the external rows' conversion: a string column's UTF-8 bytes become a
     * Java string once per run of equal values (customer, invoice) or once per distinct value (item, channel,
     * category), so that the log's interning mostly meets the string it met last.
     */
    static TransactionLog.Builder logOfInternalRows(Iterator<InternalRow> rows, LongArrayList lineNumbers) {
        TransactionLog.Builder b = TransactionLog.builder();
        Strings customer = new Strings(false);
        Strings invoice = new Strings(false);
        Strings item = new Strings(true);
        Strings channel = new Strings(true);
        Strings category = new Strings(true);
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            lineNumbers.add(r.getLong(0));
            String i = item.of(r, 3);
            if (i != null && r.getBoolean(9)) {
                b.markNonProduct(i);
            }
            b.add(customer.of(r, 1), invoice.of(r, 2), i, r.getLong(4), r.getDouble(5), r.getDouble(6),
                    channel.of(r, 7), category.of(r, 8));
        }
        return b;
    }

    /** A string column's values as Java strings: the last one's reused, and with {@code distinct} every one's. */
    private static final class Strings {
        /** A value's bytes, copied out of the row, and its string. */
        private record Kept(UTF8String bytes, String string) {
        }

        private final HashMap<UTF8String, Kept> seen;
        private Kept last;

        Strings(boolean distinct) {
            seen = distinct ? new HashMap<>() : null;
        }

        String of(InternalRow r, int column) {
            if (r.isNullAt(column)) {
                return null;
            }
            UTF8String u = r.getUTF8String(column);
            if (last != null && last.bytes().equals(u)) {
                return last.string();
            }
            // a value seen before is looked up with the row's own bytes: copied only when first met (the row's bytes
            // may be reused by the next row, so a kept value is a copy)
            Kept k = seen == null ? null : seen.get(u);
            if (k == null) {
                UTF8String copy = u.clone();
                k = new Kept(copy, copy.toString());
                if (seen != null) {
                    seen.put(copy, k);
                }
            }
            last = k;
            return k.string();
        }
    }
}
