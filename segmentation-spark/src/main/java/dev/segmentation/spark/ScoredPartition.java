package dev.segmentation.spark;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.BundleScorer;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's scores ({@link SparkScoring#scoreKept}) as one binary value: what the rows of
 * {@link SparkScoring#CUSTOMER_SCHEMA} need (about 100 bytes a customer, where Spark's columnar cache of the rows
 * held about 200 and took as long to build as the scoring), and the partition's (segment, item) tallies.
 *
 * <p>Layout (big-endian, {@link ByteBuffer}'s default): a header of four ints (customers {@code n}, segments
 * {@code k}, items {@code m} or -1 without tallies, the tallies' offset); per customer the id's UTF-8 length and
 * bytes, the segment and the three RFM scores (ints), recency, frequency, monetary, P(churn), P(alive), expected
 * purchases and CLV (doubles, NaN for a stage that did not run), the number of top items and their indices into
 * the bundle's recommender items (ints); then, with tallies, the lines and buyers per segment and item
 * ({@code 2 x k x m} longs). The rows are made from it with the words of a {@link Dictionary}: every value is the one
 * {@link BundleScorer.CustomerScores} gave, written and read as its bits.
 */
final class ScoredPartition {
    /** The column of the binary values. */
    static final String COLUMN = "scores";
    /** One binary value per partition. */
    static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField(COLUMN, DataTypes.BinaryType, false, Metadata.empty())});

    private static final int HEADER = 4 * Integer.BYTES;
    /** Per customer besides the id's bytes and the top items: id length, segment, R, F, M, count; 7 doubles. */
    private static final int FIXED = 6 * Integer.BYTES + 7 * Double.BYTES;

    private ScoredPartition() {
    }

    /** The text the rows need beside the binary values: the segment names and the recommender's item ids. */
    static final class Dictionary implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String[] segmentNames;
        private final String[] items;

        Dictionary(List<String> segmentNames, List<String> items) {
            this.segmentNames = segmentNames.toArray(new String[0]);
            this.items = items.toArray(new String[0]);
        }
    }

    /**
     * Writes one partition's scores, the extra line's customer ({@link LineLogs#SENTINEL}) left out, and with
     * {@code itemIndex} its tallies: for each customer's lines in the log with an item that is not a non-product,
     * one line, and one buyer per distinct item, at (the customer's segment, the item's index).
     *
     * @param log the log the scores were made from
     * @param k the number of segments
     * @param itemIndex every item id of the log's lines to its index in {@code [0, items)}, or null for no tallies
     * @param items the number of items (ignored without {@code itemIndex})
     * @throws IllegalStateException if an item of the log is not in {@code itemIndex}
     */
    static byte[] write(BundleScorer.CustomerScores scores, TransactionLog log, int k, Map<String, Integer> itemIndex,
            int items) {
        int n = scores.size();
        byte[][] ids = new byte[n][];
        int kept = 0;
        long size = HEADER;
        for (int i = 0; i < n; i++) {
            String id = scores.id(i);
            if (id.equals(LineLogs.SENTINEL)) {
                continue;
            }
            ids[i] = id.getBytes(StandardCharsets.UTF_8);
            size += FIXED + ids[i].length + (long) Integer.BYTES * scores.topItemCount(i);
            kept++;
        }
        long talliesAt = size;
        if (itemIndex != null) {
            size += 2L * k * items * Long.BYTES;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a partition's scores must take less than 2 GB, found " + size
                    + " bytes: use more partitions");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(kept).putInt(k).putInt(itemIndex == null ? -1 : items).putInt((int) talliesAt);
        for (int i = 0; i < n; i++) {
            if (ids[i] == null) {
                continue;
            }
            out.putInt(ids[i].length).put(ids[i]);
            out.putInt(scores.segment(i)).putInt(scores.recencyScore(i)).putInt(scores.frequencyScore(i))
                    .putInt(scores.monetaryScore(i));
            out.putDouble(scores.recency(i)).putDouble(scores.frequency(i)).putDouble(scores.monetary(i))
                    .putDouble(scores.churnProbability(i)).putDouble(scores.aliveProbability(i))
                    .putDouble(scores.expectedPurchases(i)).putDouble(scores.clv(i));
            int top = scores.topItemCount(i);
            out.putInt(top);
            for (int q = 0; q < top; q++) {
                out.putInt(scores.topItem(i, q));
            }
        }
        if (itemIndex != null) {
            long[][][] t = tally(scores, log, k, itemIndex, items);
            for (long[][] a : t) {
                for (long[] b : a) {
                    for (long v : b) {
                        out.putLong(v);
                    }
                }
            }
        }
        return out.array();
    }

    /** The lines and buyers per (segment, item) of the scored customers' lines in their log. */
    private static long[][][] tally(BundleScorer.CustomerScores scores, TransactionLog log, int k,
            Map<String, Integer> itemIndex, int items) {
        int[] global = new int[log.itemCount()];
        for (int j = 0; j < global.length; j++) {
            Integer g = itemIndex.get(log.itemId(j));
            if (g == null) {
                throw new IllegalStateException("itemIndex must have every item of the lines, found none for \""
                        + log.itemId(j) + "\"");
            }
            global[j] = g;
        }
        long[][][] t = new long[2][k][items];
        int[] lastBuyer = new int[global.length];
        Arrays.fill(lastBuyer, -1);
        for (int i = 0; i < scores.size(); i++) {
            String id = scores.id(i);
            if (id.equals(LineLogs.SENTINEL)) {
                continue;
            }
            int c = log.customerIndex(id);
            long[] lines = t[0][scores.segment(i)];
            long[] buyers = t[1][scores.segment(i)];
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            for (int q = 0; q < rows.size(); q++) {
                int j = log.item(rows.row(q));
                if (j < 0 || log.isNonProduct(j)) {
                    continue;
                }
                lines[global[j]]++;
                if (lastBuyer[j] != c) {
                    lastBuyer[j] = c;
                    buyers[global[j]]++;
                }
            }
        }
        return t;
    }

    /** The tallies of one binary value (all zero without customers), {@code [2][k][m]}. */
    static long[][][] tallies(byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        int k = in.getInt(4);
        int m = in.getInt(8);
        if (m < 0) {
            throw new IllegalStateException("tallies must have been written, found none");
        }
        in.position(in.getInt(12));
        long[][][] t = new long[2][k][m];
        for (long[][] a : t) {
            for (long[] b : a) {
                for (int j = 0; j < m; j++) {
                    b[j] = in.getLong();
                }
            }
        }
        return t;
    }

    /** The element-wise sum of two tallies, into the first. */
    static long[][][] add(long[][][] a, long[][][] b) {
        for (int x = 0; x < a.length; x++) {
            for (int s = 0; s < a[x].length; s++) {
                for (int j = 0; j < a[x][s].length; j++) {
                    a[x][s][j] += b[x][s][j];
                }
            }
        }
        return a;
    }

    /**
     * The rows of {@link SparkScoring#CUSTOMER_SCHEMA} of the binary values (rows of {@link #SCHEMA}), in order: a
     * NaN value is null ({@code customers.csv}'s empty field), the top items their ids joined by one space. One row
     * object is reused: each row is valid until the next call of {@code next()}, as Spark's scans read them.
     */
    static Iterator<InternalRow> rows(Iterator<InternalRow> blobs, Dictionary words) {
        UTF8String[] names = new UTF8String[words.segmentNames.length];
        for (int c = 0; c < names.length; c++) {
            names[c] = UTF8String.fromString(words.segmentNames[c]);
        }
        byte[][] items = new byte[words.items.length][];
        SpecificInternalRow row = new SpecificInternalRow(SparkScoring.CUSTOMER_SCHEMA);
        return new Iterator<>() {
            private ByteBuffer in;
            private byte[] blob;
            private int left;
            private byte[] top = new byte[64];

            @Override
            public boolean hasNext() {
                while (left == 0 && blobs.hasNext()) {
                    blob = blobs.next().getBinary(0);
                    in = ByteBuffer.wrap(blob);
                    left = in.getInt();
                    in.position(HEADER);
                }
                return left > 0;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                int length = in.getInt();
                row.update(0, UTF8String.fromBytes(blob, in.position(), length));
                in.position(in.position() + length);
                int segment = in.getInt();
                row.setInt(1, segment);
                row.update(2, names[segment]);
                row.setInt(3, in.getInt());
                row.setInt(4, in.getInt());
                row.setInt(5, in.getInt());
                for (int f = 6; f <= 8; f++) {
                    row.setDouble(f, in.getDouble());
                }
                for (int f = 9; f <= 12; f++) {
                    double v = in.getDouble();
                    if (Double.isNaN(v)) {
                        row.setNullAt(f);
                    } else {
                        row.setDouble(f, v);
                    }
                }
                int count = in.getInt();
                int used = 0;
                for (int q = 0; q < count; q++) {
                    int j = in.getInt();
                    if (items[j] == null) {
                        items[j] = words.items[j].getBytes(StandardCharsets.UTF_8);
                    }
                    int need = used + items[j].length + 1;
                    if (need > top.length) {
                        top = Arrays.copyOf(top, Math.max(need, 2 * top.length));
                    }
                    if (q > 0) {
                        top[used++] = ' ';
                    }
                    System.arraycopy(items[j], 0, top, used, items[j].length);
                    used += items[j].length;
                }
                row.update(13, UTF8String.fromBytes(top, 0, used));
                return row;
            }
        };
    }
}
