package dev.segmentation.internal.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleOrder#sort(double[])}: the same array as {@link Arrays#sort(double[])}, compared bit for bit (so
 * {@code -0.0} before {@code 0.0} is checked too), for values of every kind and for columns where passes are skipped.
 */
class DoubleOrderSortTest {

    /** Ties, both zeros, the extremes, subnormals, infinities, NaN and values over the whole range. */
    @Provide
    Arbitrary<List<Double>> values() {
        Arbitrary<Double> small = Arbitraries.integers().between(-6, 6).map(i -> i / 2.0);
        Arbitrary<Double> any = Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE);
        Arbitrary<Double> bits = Arbitraries.longs().map(Double::longBitsToDouble).filter(x -> !Double.isNaN(x));
        Arbitrary<Double> special = Arbitraries.of(-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                -Double.MAX_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        return Arbitraries.frequencyOf(Tuple.of(4, small), Tuple.of(2, any), Tuple.of(2, bits), Tuple.of(2, special))
                .list().ofMaxSize(300);
    }

    @Property(tries = 500)
    void sortsAsArraysSortBitForBit(@ForAll("values") List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        assertSameAsArraysSort(v);
    }

    @Test
    void sortsAGoldenArray() {
        double[] v = {3.5, -0.0, Double.NaN, 0.0, -2, Double.NEGATIVE_INFINITY, -0.0, 1e-320, 3.5, -1e-320};
        DoubleOrder.sort(v);
        double[] expected = {Double.NEGATIVE_INFINITY, -2, -1e-320, -0.0, -0.0, 0.0, 1e-320, 3.5, 3.5, Double.NaN};
        assertArrayEquals(bits(expected), bits(v));
    }

    @Test
    void sortsEmptyAndSingleArrays() {
        double[] empty = {};
        DoubleOrder.sort(empty);
        assertArrayEquals(new double[0], empty);
        double[] one = {-0.0};
        DoubleOrder.sort(one);
        assertArrayEquals(bits(new double[] {-0.0}), bits(one));
    }

    /** Many rows: continuous values (every pass runs), integer values (low passes skipped), all equal (no pass). */
    @Test
    void sortsLargeColumnsAsArraysSort() {
        SplittableRandom rnd = new SplittableRandom(18);
        int n = 50_000;
        double[] continuous = new double[n];
        double[] integers = new double[n];
        double[] constant = new double[n];
        for (int i = 0; i < n; i++) {
            continuous[i] = Math.exp(4 + rnd.nextGaussian()) * (rnd.nextInt(10) == 0 ? -1 : 1);
            integers[i] = rnd.nextInt(-365, 366);
            constant[i] = 7.25;
        }
        assertSameAsArraysSort(continuous);
        assertSameAsArraysSort(integers);
        assertSameAsArraysSort(constant);
    }

    private static void assertSameAsArraysSort(double[] v) {
        double[] expected = v.clone();
        Arrays.sort(expected);
        DoubleOrder.sort(v);
        assertArrayEquals(bits(expected), bits(v));
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
