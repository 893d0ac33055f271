package dev.segmentation.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The item columns of the segment summaries ({@link SegmentSummary#topItems()},
 * {@link SegmentSummary#distinctiveItems()} and the descriptions beside them in {@code segments.csv} and
 * {@code customers.csv}) from per-segment item counts, shared by every engine that runs the pipeline (the single-JVM
 * {@link Segmentation}, which counts over the log, and {@code dev.segmentation.spark.SparkSegmentation}, which
 * counts in Spark), so that the same counts give the same lists wherever they were counted.
 *
 * <p>Items are given by their ids in the log's item order ({@link dev.segmentation.data.TransactionLog#itemId(int)}:
 * the order of first appearance in the lines); that order decides ties between equal counts. Counts of non-product
 * items must be 0: the callers leave their lines out.
 *
 * <p>All methods are pure and safe for concurrent use. Null is never accepted or returned.
 */
public final class SegmentItems {
    /** The number of most bought items kept per segment ({@link SegmentSummary#topItems()}). */
    public static final int TOP_ITEMS = 5;

    private SegmentItems() {
    }

    /**
     * Each segment's most bought items: the {@value #TOP_ITEMS} items with the most purchase lines, most first, ties
     * by the item order; items with no line are left out. O(k x items).
     *
     * @param itemIds the item ids in the log's item order; not null. Not modified.
     * @param lines {@code lines[s][item]}: the segment's purchase lines of the item, one row per segment, each as
     *     long as {@code itemIds}; not null. Not modified.
     * @return per segment an unmodifiable list of item ids
     * @throws IllegalArgumentException if a row's length is not the number of items
     */
    public static List<List<String>> topItems(List<String> itemIds, long[][] lines) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(lines, "lines");
        int items = itemIds.size();
        List<List<String>> out = new ArrayList<>(lines.length);
        for (int s = 0; s < lines.length; s++) {
            long[] c = lines[s];
            checkLength("lines[" + s + "]", c, items);
            List<String> top = new ArrayList<>(TOP_ITEMS);
            boolean[] taken = new boolean[items];
            for (int t = 0; t < TOP_ITEMS; t++) {
                int best = -1;
                for (int i = 0; i < items; i++) {
                    if (!taken[i] && c[i] > 0 && (best < 0 || c[i] > c[best])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                taken[best] = true;
                top.add(itemIds.get(best));
            }
            out.add(Collections.unmodifiableList(top));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Each segment's distinctive items: by lift, the share of the segment's customers who bought the item over the
     * share of all customers who did, among items bought by at least {@link SegmentSummary#MIN_ITEM_CUSTOMERS} of
     * the segment's customers and at least {@link SegmentSummary#MIN_ITEM_SUPPORT} of them; ties by more segment
     * buyers, then item id; the top {@link SegmentSummary#DISTINCTIVE_ITEMS} kept. O(k x items log items).
     *
     * @param itemIds the item ids in the log's item order; not null. Not modified.
     * @param buyers {@code buyers[s][item]}: the segment's customers who bought the item; not null. Not modified.
     * @param all {@code all[item]}: the customers of all segments who bought the item; not null. Not modified.
     * @param size {@code size[s]}: the segment's customers, one per row of {@code buyers}; not null. Not modified.
     * @param customers the customers of all segments
     * @return per segment an unmodifiable list of item ids, most distinctive first
     * @throws IllegalArgumentException if the lengths disagree
     */
    public static List<List<String>> distinctiveItems(List<String> itemIds, long[][] buyers, long[] all, long[] size,
            long customers) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(buyers, "buyers");
        Objects.requireNonNull(all, "all");
        Objects.requireNonNull(size, "size");
        int items = itemIds.size();
        checkLength("all", all, items);
        if (size.length != buyers.length) {
            throw new IllegalArgumentException("size must have length " + buyers.length + " (one entry per segment), "
                    + "found " + size.length);
        }
        List<List<String>> out = new ArrayList<>(buyers.length);
        for (int s = 0; s < buyers.length; s++) {
            long[] b = buyers[s];
            checkLength("buyers[" + s + "]", b, items);
            long seg = size[s];
            List<Integer> candidates = new ArrayList<>();
            double[] lift = new double[items];
            for (int item = 0; item < items; item++) {
                if (seg > 0 && b[item] >= SegmentSummary.MIN_ITEM_CUSTOMERS
                        && b[item] >= SegmentSummary.MIN_ITEM_SUPPORT * seg) {
                    lift[item] = ((double) b[item] / seg) / ((double) all[item] / customers);
                    candidates.add(item);
                }
            }
            candidates.sort((x, y) -> {
                int c = Double.compare(lift[y], lift[x]);
                if (c != 0) {
                    return c;
                }
                c = Long.compare(b[y], b[x]);
                return c != 0 ? c : itemIds.get(x).compareTo(itemIds.get(y));
            });
            List<String> top = new ArrayList<>();
            for (int t = 0; t < Math.min(SegmentSummary.DISTINCTIVE_ITEMS, candidates.size()); t++) {
                top.add(itemIds.get(candidates.get(t)));
            }
            out.add(List.copyOf(top));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The descriptions of items, in order, each stripped of surrounding white space, empty for an item without
     * one, joined by {@link SegmentationResult#DESCRIPTION_SEPARATOR}: the {@code top_item_descriptions} and
     * {@code distinctive_item_descriptions} fields.
     *
     * @param items the item ids; not null. Not modified.
     * @param description an item's description, or null for none; not null
     * @return the field, empty for no items
     */
    public static String descriptions(List<String> items, Function<String, String> description) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(description, "description");
        List<String> out = new ArrayList<>(items.size());
        for (String id : items) {
            String d = description.apply(id);
            out.add(d == null ? "" : d.strip());
        }
        return String.join(SegmentationResult.DESCRIPTION_SEPARATOR, out);
    }

    private static void checkLength(String name, long[] row, int items) {
        Objects.requireNonNull(row, name);
        if (row.length != items) {
            throw new IllegalArgumentException(name + " must have length " + items + " (one count per item), found "
                    + row.length);
        }
    }
}
