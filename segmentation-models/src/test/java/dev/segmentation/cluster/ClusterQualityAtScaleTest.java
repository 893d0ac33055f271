package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Pair counts and table sizes of the clustering measures past 2^31 rows and pairs (issue 19 audit). */
class ClusterQualityAtScaleTest {
    /** Exact ARI of a dense contingency table (Hubert and Arabie 1985) in BigInteger, rounded once. */
    static double exactAri(long[][] table) {
        BigInteger n = BigInteger.ZERO;
        BigInteger sumCells = BigInteger.ZERO;
        BigInteger sumRows = BigInteger.ZERO;
        BigInteger sumCols = BigInteger.ZERO;
        int rows = table.length;
        int cols = table[0].length;
        for (int i = 0; i < rows; i++) {
            BigInteger r = BigInteger.ZERO;
            for (int j = 0; j < cols; j++) {
                BigInteger c = BigInteger.valueOf(table[i][j]);
                r = r.add(c);
                sumCells = sumCells.add(choose2(c));
            }
            n = n.add(r);
            sumRows = sumRows.add(choose2(r));
        }
        for (int j = 0; j < cols; j++) {
            BigInteger c = BigInteger.ZERO;
            for (long[] row : table) {
                c = c.add(BigInteger.valueOf(row[j]));
            }
            sumCols = sumCols.add(choose2(c));
        }
        // ARI = (index - expected) / (max - expected), expected = sumRows sumCols / C(n, 2), times C(n, 2)
        BigInteger pairs = choose2(n);
        BigInteger num = sumCells.multiply(pairs).subtract(sumRows.multiply(sumCols));
        // max index is (sumRows + sumCols) / 2, so den is twice (max - expected) C(n, 2), as num below
        BigInteger den = sumRows.add(sumCols).multiply(pairs).subtract(sumRows.multiply(sumCols).shiftLeft(1));
        return new BigDecimal(num.shiftLeft(1)).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
    }

    private static BigInteger choose2(BigInteger c) {
        return c.multiply(c.subtract(BigInteger.ONE)).shiftRight(1);
    }

    static double ari(long[][] table) {
        int rows = table.length;
        int cols = table[0].length;
        long[] cells = new long[rows * cols];
        int[] cellRow = new int[rows * cols];
        int[] cellCol = new int[rows * cols];
        long[] rowSum = new long[rows];
        long[] colSum = new long[cols];
        long n = 0;
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cells[k] = table[i][j];
                cellRow[k] = i;
                cellCol[k] = j;
                rowSum[i] += table[i][j];
                colSum[j] += table[i][j];
                n += table[i][j];
                k++;
            }
        }
        return ClusterQuality.adjustedRandIndex(n, cells, cellRow, cellCol, rowSum, colSum);
    }

    @Property(tries = 200)
    void ariFromThreeBillionRowTablesMatchesTheBigIntegerCount(
            @ForAll @LongRange(min = 1, max = 700_000_000L) long a, @ForAll @LongRange(min = 0, max = 700_000_000L)
            long b, @ForAll @LongRange(min = 0, max = 700_000_000L) long c,
            @ForAll @LongRange(min = 1, max = 700_000_000L) long d, @ForAll @IntRange(min = 0, max = 3) int odd) {
        // up to 2.8e9 rows: past Integer.MAX_VALUE, n^2 past 2^53 (about 9.5e7 rows), still below 2^62
        long[][] table = {{a + odd, b}, {c, d + odd}};
        double expected = exactAri(table);
        // the counts are exact longs; the final ratio in double loses a few ulps of the products
        assertEquals(expected, ari(table), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void ariOfIdenticalPartitionsOverTwoBillionRowsIsOne() {
        long[][] table = {{1_500_000_001L, 0}, {0, 1_499_999_999L}};
        assertEquals(1.0, ari(table));
        assertEquals(1.0, exactAri(table));
    }

    @Test
    void ariMatchesTheReferenceOnSmallRandomLabels() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 5000;
        int[] t = new int[n];
        int[] p = new int[n];
        long[][] table = new long[4][5];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(4);
            p[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(5) : t[i];
            table[t[i]][p[i]]++;
        }
        assertEquals(exactAri(table), ClusterQuality.adjustedRandIndex(t, p), 1e-14);
    }

    @Test
    void silhouetteTablePastTwoToTheThirtyOneIsRefusedBeforeAllocating() {
        int n = 50_000;
        double[][] rows = new double[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i][0] = i;
            labels[i] = Math.max(0, i - 1); // 49,999 distinct labels
        }
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("a"), rows);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> ClusterQuality.silhouette(x,
                labels));
        assertEquals("labels: rows x distinct labels must be <= 2147483639, found 50000 x 49999 = 2499950000; pass"
                + " a smaller sampleSize", e.getMessage());
    }
}
