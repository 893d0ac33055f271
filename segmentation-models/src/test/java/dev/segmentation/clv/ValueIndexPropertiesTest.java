package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.internal.sort.DoubleOrder;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The radix sort behind {@link ValueIndex} and the histogram sorts (issue 19): {@link DoubleOrder#ascending} is the
 * stable ascending order of {@link Double#compare}, and the value index by radix and by hashing equal the one by
 * comparison sort and binary search, bit for bit, whatever the values (duplicates, -0.0 and 0.0, NaN, infinities,
 * negatives).
 */
class ValueIndexPropertiesTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1.0, 1.0 / 7};

    /** Column values from the generated ints: few distinct values, specials, and spread-out doubles. */
    private static double[] column(List<Integer> codes) {
        double[] v = new double[codes.size()];
        for (int i = 0; i < v.length; i++) {
            int c = codes.get(i);
            v[i] = c % 3 == 0 ? SPECIAL[Math.floorMod(c, SPECIAL.length)]
                    : c % 3 == 1 ? Math.floorMod(c, 7) / 7.0 : c * 1.0e-3 * Math.sin(c);
        }
        return v;
    }

    @Property(tries = 200)
    void theOrderIsTheStableOrderOfDoubleCompare(@ForAll @Size(max = 300) List<@IntRange(min = -5000, max = 5000)
            Integer> codes) {
        double[] v = column(codes);
        Integer[] expected = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = i;
        }
        Arrays.sort(expected, (a, b) -> Double.compare(v[a], v[b])); // a stable merge sort
        int[] order = DoubleOrder.ascending(v);
        assertEquals(v.length, order.length);
        for (int k = 0; k < v.length; k++) {
            assertEquals(expected[k], order[k], "position " + k);
        }
    }

    @Property(tries = 200)
    void theRadixAndTheHashedIndexAreTheComparisonIndex(@ForAll @Size(max = 300) List<@IntRange(min = -5000,
            max = 5000) Integer> codes) {
        double[] v = column(codes);
        ValueIndex byRadix = ValueIndex.of(v, true);
        ValueIndex byHash = ValueIndex.of(v, false);
        assertArrayEquals(byHash.values, byRadix.values, 0.0);
        assertArrayEquals(byHash.index, byRadix.index);
        ValueIndex bySort = comparisonIndex(v);
        assertEquals(bySort.values.length, byRadix.values.length);
        for (int k = 0; k < bySort.values.length; k++) {
            assertEquals(Double.doubleToLongBits(bySort.values[k]), Double.doubleToLongBits(byRadix.values[k]));
        }
        assertArrayEquals(bySort.index, byRadix.index);
        for (int i = 0; i < v.length; i++) {
            assertEquals(0, Double.compare(v[i], byRadix.values[byRadix.index[i]]), "row " + i);
        }
    }

    /**
     * From 32,768 rows on, {@link ValueIndex#of(double[])} hashes while at most {@link ValueIndex#HASHED_VALUES} values
     * are distinct and sorts by radix past that: the same index either way, just under, at and past the limit.
     */
    @Property(tries = 40)
    void aLargeColumnHashedOrSortedIsTheRadixIndex(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5000)
            int distinct) {
        java.util.Random random = new java.util.Random(seed);
        double[] pool = new double[distinct];
        for (int k = 0; k < distinct; k++) {
            int c = random.nextInt(10_001) - 5000;
            pool[k] = k % 3 == 0 ? SPECIAL[Math.floorMod(c, SPECIAL.length)] : c * 1.0e-3 * Math.sin(c) + k;
        }
        double[] v = new double[40_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = pool[random.nextInt(distinct)];
        }
        ValueIndex expected = ValueIndex.of(v, true);
        ValueIndex actual = ValueIndex.of(v);
        assertEquals(expected.values.length, actual.values.length);
        for (int k = 0; k < expected.values.length; k++) {
            assertEquals(Double.doubleToLongBits(expected.values[k]), Double.doubleToLongBits(actual.values[k]));
        }
        assertArrayEquals(expected.index, actual.index);
    }

    /**
     * A chunk's index restricted from the whole column's, mapped as the holdout evaluation maps it (to another unit,
     * then to T + d, where a large d rounds neighbouring values together), is the index of the chunk's mapped values.
     */
    @Property(tries = 200)
    void aRestrictedMappedIndexIsTheIndexOfTheChunk(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0,
            max = 5000) Integer> codes, @ForAll @IntRange(min = 0, max = 299) int a, @ForAll @IntRange(min = 0,
            max = 299) int b, @ForAll("shifts") double d) {
        double[] v = new double[codes.size()];
        for (int i = 0; i < v.length; i++) {
            int c = codes.get(i);
            v[i] = c % 2 == 0 ? c / 7.0 : c * 1.0e-3 * (1 + Math.sin(c));
        }
        int from = Math.min(a, b) % v.length;
        int to = Math.max(from + 1, Math.max(a, b) % (v.length + 1));
        double scale = 1.0 / 7;
        double[] later = new double[to - from];
        for (int i = from; i < to; i++) {
            later[i - from] = v[i] * scale + d;
        }
        ValueIndex expected = ValueIndex.of(later);
        ValueIndex actual = ValueIndex.of(v).mapped(x -> x * scale).mapped(x -> x + d).restrict(from, to);
        assertEquals(expected.values.length, actual.values.length);
        for (int k = 0; k < expected.values.length; k++) {
            assertEquals(Double.doubleToLongBits(expected.values[k]), Double.doubleToLongBits(actual.values[k]));
        }
        assertArrayEquals(expected.index, actual.index);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> shifts() {
        return net.jqwik.api.Arbitraries.of(0.0, 13.0, 1.0e15, 1.0e18);
    }

    @Test
    void theHashIdsGiveUpPastTheirLimit() {
        long[] keys = {5, 7, 5, 9, 7};
        int[] ids = new int[keys.length];
        assertEquals(null, ValueIndex.Ids.of(keys, ids, 2));
        assertArrayEquals(new long[] {5, 7, 9}, ValueIndex.Ids.of(keys, ids, 3));
        assertArrayEquals(new int[] {0, 1, 0, 2, 1}, ids);
    }

    /** The reference: the whole column sorted, equal values (Double.compare) merged, a binary search per row. */
    private static ValueIndex comparisonIndex(double[] column) {
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (d == 0 || Double.compare(sorted[i], sorted[d - 1]) != 0) {
                sorted[d++] = sorted[i];
            }
        }
        double[] values = Arrays.copyOf(sorted, d);
        int[] index = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            index[i] = Arrays.binarySearch(values, column[i]);
        }
        return new ValueIndex(values, index);
    }

    @Test
    void negativeZeroAndZeroAreTwoValuesAndNaNIsOne() {
        ValueIndex x = ValueIndex.of(new double[] {0.0, Double.NaN, -0.0, 2.0, 0.0, Double.NaN}, true);
        assertArrayEquals(new double[] {-0.0, 0.0, 2.0, Double.NaN}, x.values, 0.0);
        assertTrue(Double.doubleToRawLongBits(x.values[0]) != Double.doubleToRawLongBits(x.values[1]));
        assertArrayEquals(new int[] {1, 3, 0, 2, 1, 3}, x.index);
    }
}
