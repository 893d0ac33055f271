package dev.segmentation.spark;

import dev.segmentation.data.TransactionLog;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The pipeline's per-customer logs ({@link SparkSegmentation}): each by-customer partition's lines dated before the
 * as-of date, and then one line of a customer of its own ({@link LineLogs#SENTINEL}) on the last observed day, as
 * one {@link TransactionLog}, built once and kept ({@code MEMORY_AND_DISK}) for the features, the BTYD summaries, the
 * churn labels and the scoring, with each customer's first line number (the customers' order). Each of those read
 * the lines and interned them into a log of its own before (five builds of every partition's log with the two
 * summaries, about a third of the samples of a JFR profile at 1 M customers), and the first lines were a group-by
 * of all lines.
 *
 * <p>Why one log serves all four: each of them computes every customer from that customer's lines only, and reads
 * only the lines before the as-of date (the features and the scoring by their as-of date, the summaries up to the
 * last observed day, the churn labels up to {@code cutoff + horizon}, which the pipeline puts on that day). The
 * extra line makes the checks of the single-JVM classes that read the whole log's date range hold in every
 * partition, as it does for all lines (the scorer's as-of date at most the day after the last purchase; the churn
 * labeler's lines reaching {@code cutoff + horizon}); its customer's row is dropped from every result (the churn
 * labeler gives it none: it has no line on or before the cut-off). It is the last line, so every other customer and
 * item keeps its index and every result keeps its row order. The summaries and churn labels read the dates and
 * amounts only; that the log also has the items, invoices and categories changes none of their values.
 *
 * <p>The logs have the partitioning of the arranged lines, so results made from them are in the partitions of those
 * lines (as {@link SparkSegmentItems#tallies} needs). A log that the memory does not hold is written to disk as its
 * ids and index columns and made again from them, the same log.
 */
final class KeptLogs {
    private final SparkSession spark;
    private final LocalDate asOf;
    private final JavaRDD<PartitionLog> logs;

    private KeptLogs(SparkSession spark, LocalDate asOf, JavaRDD<PartitionLog> logs) {
        this.spark = spark;
        this.asOf = asOf;
        this.logs = logs;
    }

    /**
     * Each partition's lines before {@code asOf} and the extra line, as a log; built by the first job that reads
     * them and kept until {@link #unpersist()}.
     *
     * @param byCustomer lines in LINE_SCHEMA's column order, partitioned by customer and sorted by line in each
     *     partition ({@link LineLogs#byCustomer})
     * @param asOf the first day not observed
     */
    static KeptLogs of(Dataset<Row> byCustomer, LocalDate asOf) {
        long asOfSecond = asOf.toEpochDay() * 86_400L;
        long lastDaySecond = asOfSecond - 86_400L;
        Dataset<Row> observed = byCustomer.filter(functions.col(SparkIngest.EPOCH_SECOND).lt(asOfSecond));
        // Spark's internal rows: no external Row, a Java string per run of equal ids (LineLogs.logOfInternalRows)
        JavaRDD<PartitionLog> logs = observed.queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
            if (!rows.hasNext()) {
                return List.of(new PartitionLog(null, null)).iterator();
            }
            LongArrayList line = new LongArrayList();
            TransactionLog log = LineLogs.logOfInternalRows(rows, line).add(LineLogs.SENTINEL, null, null,
                    lastDaySecond, 1.0, 1.0, null, null).build();
            // each customer's first line: its first row's, the rows being in line order
            long[] first = new long[log.customerCount()];
            Arrays.fill(first, -1L);
            for (int r = 0; r < line.size(); r++) {
                int c = log.customer(r);
                if (first[c] < 0) {
                    first[c] = line.getLong(r);
                }
            }
            first[log.customerIndex(LineLogs.SENTINEL)] = Long.MAX_VALUE;
            return List.of(new PartitionLog(log, first)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        return new KeptLogs(byCustomer.sparkSession(), asOf, logs);
    }

    /** The session of the lines. */
    SparkSession sparkSession() {
        return spark;
    }

    /** The first day not observed: the logs hold the lines before it. */
    LocalDate asOf() {
        return asOf;
    }

    /** The last observed day, the date of the extra line. */
    LocalDate lastDay() {
        return asOf.minusDays(1);
    }

    /**
     * Rows made from each partition's log by {@code rows} (not called for a partition without lines), in the
     * logs' partitions and computed when used. {@code rows} must leave out the extra line's customer
     * ({@link LineLogs#SENTINEL}).
     */
    Dataset<Row> rows(FlatMapFunction<TransactionLog, Row> rows, StructType schema) {
        Objects.requireNonNull(rows, "rows");
        JavaRDD<Row> out = logs.mapPartitions(it -> {
            TransactionLog log = it.next().log;
            return log == null ? Collections.<Row>emptyIterator() : rows.call(log);
        }, true);
        return spark.createDataFrame(out, schema);
    }

    /**
     * Rows made from each partition's log and its customers' first lines by {@code rows} (not called for a partition
     * without lines), in the logs' partitions and computed when used: as {@link #rows(FlatMapFunction, StructType)},
     * for rows that carry each customer's first line (computed in the same pass, no join with
     * {@link #firstLines}). {@code rows} must leave out the extra line's customer.
     */
    Dataset<Row> rowsWithFirstLines(LogRows rows, StructType schema) {
        Objects.requireNonNull(rows, "rows");
        JavaRDD<Row> out = logs.mapPartitions(it -> {
            PartitionLog p = it.next();
            return p.log == null ? Collections.<Row>emptyIterator() : rows.call(p.log, p.firstLine);
        }, true);
        return spark.createDataFrame(out, schema);
    }

    /** Rows from one partition's log and, per customer index of the log, the customer's first line number. */
    @FunctionalInterface
    interface LogRows extends Serializable {
        /**
         * The partition's rows.
         *
         * @param log the partition's log, with the extra line; not modified
         * @param firstLine per customer index of {@code log}, the customer's first line ({@link SparkIngest#LINE});
         *     not modified
         * @return the rows
         * @throws Exception as the caller's function
         */
        Iterator<Row> call(TransactionLog log, long[] firstLine) throws Exception;
    }

    /**
     * One value per partition made from its log by {@code f} (null for a partition without lines; the log ends with
     * the extra line, whose item is null), in the logs' partitions and computed when used: for a step that reads
     * the logs' columns directly (SparkItemKnn's histories).
     */
    <T> JavaRDD<T> perPartition(org.apache.spark.api.java.function.Function<TransactionLog, T> f) {
        Objects.requireNonNull(f, "f");
        return logs.map(p -> f.call(p.log));
    }

    /**
     * Each customer's first line ({@link SparkIngest#LINE}) before the as-of date, the extra line's customer left
     * out: rows {@code (idColumn string, lineColumn long)} in the logs' partitions, computed when used. The lines'
     * {@code min(line)} by customer, without reading them again.
     */
    Dataset<Row> firstLines(String idColumn, String lineColumn) {
        return rowsWithFirstLines((log, firstLine) -> {
            List<Row> rows = new ArrayList<>(log.customerCount());
            for (int c = 0; c < log.customerCount(); c++) {
                String id = log.customerId(c);
                if (!id.equals(LineLogs.SENTINEL)) {
                    rows.add(RowFactory.create(id, firstLine[c]));
                }
            }
            return rows.iterator();
        }, new StructType(new StructField[] {
            new StructField(idColumn, DataTypes.StringType, false, Metadata.empty()),
            new StructField(lineColumn, DataTypes.LongType, false, Metadata.empty())}));
    }

    /**
     * What the features' driver-side checks and share columns need of the lines before the as-of date, read from the
     * logs (one job, described {@code description}, which builds and keeps them if no job has yet): the number of
     * lines, the least epoch second, and the category and channel names, sorted; the extra line left out.
     *
     * @return {@code {count, minSecond}} (minSecond {@code Long.MAX_VALUE} without a line), then the categories
     *     and the channels
     */
    Names names(String description) {
        List<Object[]> parts = Jobs.run(spark, description, () -> logs.map(p -> {
            if (p.log == null) {
                return new Object[] {0L, Long.MAX_VALUE, new String[0], new String[0]};
            }
            TransactionLog log = p.log;
            int sentinel = log.customerIndex(LineLogs.SENTINEL);
            long count = 0;
            long min = Long.MAX_VALUE;
            for (int r = 0; r < log.size(); r++) {
                if (log.customer(r) != sentinel) {
                    count++;
                    min = Math.min(min, log.epochSecond(r));
                }
            }
            String[] categories = new String[log.categoryCount()];
            for (int i = 0; i < categories.length; i++) {
                categories[i] = log.categoryId(i);
            }
            String[] channels = new String[log.channelCount()];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = log.channelId(i);
            }
            return new Object[] {count, min, categories, channels};
        }).collect());
        long count = 0;
        long min = Long.MAX_VALUE;
        java.util.TreeSet<String> categories = new java.util.TreeSet<>();
        java.util.TreeSet<String> channels = new java.util.TreeSet<>();
        for (Object[] p : parts) {
            count += (Long) p[0];
            min = Math.min(min, (Long) p[1]);
            categories.addAll(Arrays.asList((String[]) p[2]));
            channels.addAll(Arrays.asList((String[]) p[3]));
        }
        return new Names(count, min, categories, channels);
    }

    /** The lines' count and least epoch second, and their category and channel names ({@link #names}). */
    record Names(long count, long minSecond, java.util.SortedSet<String> categories,
            java.util.SortedSet<String> channels) {
    }

    /** Releases the logs (results already kept stay); idempotent. */
    void unpersist() {
        logs.unpersist(false);
    }

    /**
     * One partition's log, null for a partition without lines. Serialized (when the memory does not hold it) as
     * its id dictionaries and index columns, and read back from them ({@link TransactionLog#ofColumns}): the same
     * log, every id at its index.
     */
    static final class PartitionLog implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient TransactionLog log;
        /** Per customer index, the customer's first line number (the extra line's customer: Long.MAX_VALUE). */
        private final long[] firstLine;

        PartitionLog(TransactionLog log, long[] firstLine) {
            this.log = log;
            this.firstLine = firstLine;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeBoolean(log != null);
            if (log == null) {
                return;
            }
            int n = log.size();
            String[] customers = ids(log.customerCount(), log::customerId);
            String[] invoices = ids(log.invoiceCount(), log::invoiceId);
            String[] items = ids(log.itemCount(), log::itemId);
            boolean[] nonProduct = new boolean[items.length];
            for (int i = 0; i < items.length; i++) {
                nonProduct[i] = log.isNonProduct(i);
            }
            String[] channels = ids(log.channelCount(), log::channelId);
            String[] categories = ids(log.categoryCount(), log::categoryId);
            int[] customer = new int[n];
            int[] invoice = new int[n];
            int[] item = new int[n];
            int[] channel = new int[n];
            int[] category = new int[n];
            long[] epochSecond = new long[n];
            double[] quantity = new double[n];
            double[] amount = new double[n];
            for (int r = 0; r < n; r++) {
                customer[r] = log.customer(r);
                invoice[r] = log.invoice(r);
                item[r] = log.item(r);
                channel[r] = log.hasChannel() ? log.channel(r) : TransactionLog.NONE;
                category[r] = log.hasCategory() ? log.category(r) : TransactionLog.NONE;
                epochSecond[r] = log.epochSecond(r);
                quantity[r] = log.quantity(r);
                amount[r] = log.amount(r);
            }
            for (Object o : new Object[] {customers, invoices, items, nonProduct, channels, categories, customer,
                    invoice, item, channel, category, epochSecond, quantity, amount}) {
                out.writeObject(o);
            }
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (!in.readBoolean()) {
                return;
            }
            String[] customers = (String[]) in.readObject();
            String[] invoices = (String[]) in.readObject();
            String[] items = (String[]) in.readObject();
            boolean[] nonProduct = (boolean[]) in.readObject();
            String[] channels = (String[]) in.readObject();
            String[] categories = (String[]) in.readObject();
            int[] customer = (int[]) in.readObject();
            int[] invoice = (int[]) in.readObject();
            int[] item = (int[]) in.readObject();
            int[] channel = (int[]) in.readObject();
            int[] category = (int[]) in.readObject();
            long[] epochSecond = (long[]) in.readObject();
            double[] quantity = (double[]) in.readObject();
            double[] amount = (double[]) in.readObject();
            // the log from its columns and dictionaries as they were: no line's ids interned again (issue 21: the
            // builder's interning was two thirds of the read-back, run by every job that read a spilled log)
            log = TransactionLog.ofColumns(customers, invoices, items, nonProduct, channels, categories, customer,
                    invoice, item, channel, category, epochSecond, quantity, amount);
        }

        /** A dictionary's ids by index. */
        private static String[] ids(int count, java.util.function.IntFunction<String> id) {
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = id.apply(i);
            }
            return out;
        }
    }

    /**
     * The partitions' logs in partition order (null for a partition without lines), sent to the driver in the form
     * a spilled log is written to disk: for tests.
     */
    List<TransactionLog> collect() {
        List<PartitionLog> parts = logs.collect();
        List<TransactionLog> out = new ArrayList<>();
        for (PartitionLog p : parts) {
            out.add(p.log);
        }
        return out;
    }
}
