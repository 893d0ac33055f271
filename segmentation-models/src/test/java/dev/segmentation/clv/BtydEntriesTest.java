package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Issue 18: the key table and sort that BtydHistogram and BtydHoldoutHistogram share. */
class BtydEntriesTest {
    @Test
    void idsFollowFirstAppearanceAndEqualKeysShareOne() {
        BtydEntries three = new BtydEntries(3, 4);
        assertEquals(0, three.add(2, 1, 5, 0));
        assertEquals(1, three.add(0, 0, 5, 0));
        assertEquals(0, three.add(2, 1, 5, 9)); // a table of three keys ignores the fourth
        assertEquals(1, three.add(-0.0, 0.0, 5, 0)); // -0.0 is 0.0
        assertEquals(2, three.size());
        BtydEntries four = new BtydEntries(4, 4);
        assertEquals(0, four.add(2, 1, 5, 0));
        assertEquals(1, four.add(2, 1, 5, 1));
        assertEquals(0, four.add(2, 1, 5, -0.0));
        assertArrayEquals(new double[][] {{2, 2}, {1, 1}, {5, 5}, {0, 1}}, four.keys());
    }

    /**
     * Against a plain map, through rehashes: each key's id is its rank of first appearance, {@code keys()} gives the
     * keys by id, and the sorted order is the lexicographic order of the keys.
     */
    @Property(tries = 200)
    void actsAsAMapFromKeysToFirstAppearance(@ForAll @IntRange(min = 3, max = 4) int keys,
            @ForAll @IntRange(min = 0, max = 3000) int adds, @ForAll @IntRange(min = 1, max = 40) int range,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BtydEntries table = new BtydEntries(keys, 1 + rnd.nextInt(64));
        Map<List<Double>, Integer> ids = new HashMap<>();
        List<List<Double>> byId = new ArrayList<>();
        for (int i = 0; i < adds; i++) {
            double x = rnd.nextInt(range);
            double r = rnd.nextInt(range) / 7.0;
            double t = rnd.nextInt(range) / 7.0;
            double h = rnd.nextInt(3);
            List<Double> key = keys == 3 ? List.of(x, r, t) : List.of(x, r, t, h);
            Integer expected = ids.get(key);
            if (expected == null) {
                expected = byId.size();
                ids.put(key, expected);
                byId.add(key);
            }
            assertEquals(expected, table.add(x, r, t, h));
        }
        assertEquals(byId.size(), table.size());
        double[][] k = table.keys();
        assertEquals(keys, k.length);
        for (int e = 0; e < byId.size(); e++) {
            for (int i = 0; i < keys; i++) {
                assertEquals(byId.get(e).get(i), k[i][e]);
            }
        }
        int[] order = BtydEntries.sortedOrder(k);
        for (int q = 1; q < order.length; q++) {
            int c = 0;
            for (int i = 0; i < keys && c == 0; i++) {
                c = Double.compare(k[i][order[q - 1]], k[i][order[q]]);
            }
            assertEquals(-1, c, "sorted at " + q);
        }
    }

    @Test
    void permuteReordersBothKindsOfValues() {
        int[] order = {2, 0, 1};
        assertArrayEquals(new double[] {3, 1, 2}, BtydEntries.permute(new double[] {1, 2, 3, 99}, order));
        assertArrayEquals(new long[] {30, 10, 20}, BtydEntries.permute(new long[] {10, 20, 30}, order));
    }

    @Test
    void checkTripleRefusesWithExactMessages() {
        BtydEntries.checkTriple(4, 2, 1.5, 3); // fine
        assertEquals("entry 4: frequency must be a non-negative integer, found -1.0", assertThrows(
                InvalidDataException.class, () -> BtydEntries.checkTriple(4, -1, 0, 3)).getMessage());
        assertEquals("entry 4: recency must be finite and >= 0, found Infinity", assertThrows(
                InvalidDataException.class, () -> BtydEntries.checkTriple(4, 1, Double.POSITIVE_INFINITY, 3))
                .getMessage());
        assertEquals("entry 4: T must be finite and >= 0, found -2.0", assertThrows(
                InvalidDataException.class, () -> BtydEntries.checkTriple(4, 1, 0, -2)).getMessage());
        InvalidDataException late = assertThrows(InvalidDataException.class,
                () -> BtydEntries.checkTriple(4, 1, 3.5, 3));
        assertEquals("entry 4: recency must be <= T = 3.0, found 3.5", late.getMessage());
        assertEquals(4, late.row());
        assertEquals("recency", late.column());
    }
}
