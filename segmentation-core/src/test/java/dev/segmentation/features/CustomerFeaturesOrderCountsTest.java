package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomerFeatures#orderCounts}: the per-order sort used when orders come in runs gives exactly the
 * counts of one sort of all keys, whatever the layout.
 */
class CustomerFeaturesOrderCountsTest {

    /** The reference: sort every key, count distinct orders and distinct (order, item) pairs with an item. */
    private static long reference(long[] keys) {
        long[] k = keys.clone();
        Arrays.sort(k);
        long orders = 0;
        long items = 0;
        for (int j = 0; j < k.length; j++) {
            if (j == 0 || (k[j] >> 32) != (k[j - 1] >> 32)) {
                orders++;
            }
            if ((j == 0 || k[j] != k[j - 1]) && (k[j] & 0xffff_ffffL) != 0) {
                items++;
            }
        }
        return (orders << 32) | items;
    }

    private static long key(long order, long item) {
        return (order << 32) | item;
    }

    @Test
    void countsOrdersInRunsAndOutOfRuns() {
        // increasing invoices in runs, an item repeated within an order, a row without an item
        long[] runs = {key(3, 5), key(3, 2), key(3, 5), key(7, 0), key(7, 1), key(9, 4)};
        assertEquals((3L << 32) | 4, CustomerFeatures.orderCounts(runs.clone(), runs.length));
        // rows without an invoice: per-day negative keys, decreasing with the day
        long[] days = {key(-1, 2), key(-1, 2), key(-2, 3), key(-3, 0)};
        assertEquals((3L << 32) | 2, CustomerFeatures.orderCounts(days.clone(), days.length));
        // an order seen again after another one: not contiguous, the full sort counts it once
        long[] back = {key(3, 1), key(4, 1), key(3, 2), key(3, 1)};
        assertEquals((2L << 32) | 3, CustomerFeatures.orderCounts(back.clone(), back.length));
    }

    @Property(tries = 500)
    void sameCountsAsOneSortOfAllKeys(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -4, max = 6) Integer> orders,
            @ForAll @Size(min = 60, max = 60) List<@IntRange(min = 0, max = 4) Integer> items,
            @ForAll boolean grouped) {
        long[] keys = new long[orders.size()];
        Integer[] o = orders.toArray(new Integer[0]);
        if (grouped) {
            Arrays.sort(o); // contiguous runs in increasing order
        }
        for (int j = 0; j < keys.length; j++) {
            keys[j] = key(o[j], items.get(j));
        }
        long expected = reference(keys);
        long[] work = Arrays.copyOf(keys, keys.length + 3); // keys past k are ignored
        assertEquals(expected, CustomerFeatures.orderCounts(work, keys.length));
    }
}
