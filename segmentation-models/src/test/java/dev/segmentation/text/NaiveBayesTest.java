package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.math.LogSpace;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    @Test
    void vocabularyIsSortedAndCountsAreCsr() {
        CountVectorizerModel v = CountVectorizer.builder().build().fit(List.of("b a b cc", "", "dd cc"));
        assertArrayEquals(new String[] {"cc", "dd"}, v.vocabulary());
        SparseMatrix x = v.transform(List.of("cc cc dd zz", "", "dd"));
        assertArrayEquals(new int[] {0, 2, 2, 3}, x.rowStart());
        assertArrayEquals(new int[] {0, 1, 1}, x.indices());
        assertArrayEquals(new double[] {2, 1, 1}, x.values());
        assertEquals(2.0, x.get(0, 0));
        assertEquals(0.0, x.get(1, 1));
        assertEquals(1, v.indexOf("dd"));
        assertEquals(-1, v.indexOf("zz"));
    }

    @Test
    void handComputedProbabilities() {
        // class 0: "aa aa bb", class 1: "bb cc"; alpha 1, V = 3
        CountVectorizerModel v = CountVectorizer.builder().build().fit(List.of("aa aa bb", "bb cc"));
        SparseMatrix x = v.transform(List.of("aa aa bb", "bb cc"));
        MultinomialNaiveBayesModel m = MultinomialNaiveBayes.builder().build().fit(x, new int[] {0, 1});
        double[][] lt = m.featureLogProbabilities();
        assertArrayEquals(new double[] {Math.log(3 / 6.0), Math.log(2 / 6.0), Math.log(1 / 6.0)}, lt[0], 1e-15);
        assertArrayEquals(new double[] {Math.log(1 / 5.0), Math.log(2 / 5.0), Math.log(2 / 5.0)}, lt[1], 1e-15);
        double[] odds = m.predictLogOdds(v.transform(List.of("aa cc")));
        assertEquals(Math.log(1 / 5.0) + Math.log(2 / 5.0) - Math.log(3 / 6.0) - Math.log(1 / 6.0), odds[0], 1e-14);
        assertArrayEquals(new int[] {0, 1}, m.predict(x));
        // an empty row ties on equal priors: the first class wins, as in scikit-learn
        assertArrayEquals(new int[] {0}, m.predict(v.transform(List.of(""))));
    }

    @Test
    void badInput() {
        assertEquals("alpha must be finite and > 0, found 0.0", assertThrows(IllegalArgumentException.class,
                () -> MultinomialNaiveBayes.builder().alpha(0)).getMessage());
        assertEquals("alpha must be finite and > 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> MultinomialNaiveBayes.builder().alpha(-1)).getMessage());
        assertEquals("alpha must be finite and > 0, found NaN", assertThrows(IllegalArgumentException.class,
                () -> MultinomialNaiveBayes.builder().alpha(Double.NaN)).getMessage());
        assertEquals("MultinomialNaiveBayes{alpha=0.1}",
                MultinomialNaiveBayes.builder().alpha(0.1).build().toString());
        assertEquals("empty vocabulary: none of the 2 texts contains a token", assertThrows(
                InvalidDataException.class, () -> CountVectorizer.builder().build().fit(List.of("", "a !"))).getMessage());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> CountVectorizer.builder().build().fit(Arrays.asList("ok go", null)));
        assertEquals("row 1, column text: value must be a string, found null", e.getMessage());
        assertEquals(1, e.row());
        SparseMatrix neg = new SparseMatrix(3, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, -2});
        assertEquals("row 1, column 2: value must be finite and >= 0, found -2.0", assertThrows(
                InvalidDataException.class, () -> MultinomialNaiveBayes.builder().build().fit(neg, new int[] {0, 1}))
                .getMessage());
        SparseMatrix ok = new SparseMatrix(3, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, 2});
        assertEquals("y must have one label per row of x (2), found 1", assertThrows(InvalidDataException.class,
                () -> MultinomialNaiveBayes.builder().build().fit(ok, new int[] {0})).getMessage());
        MultinomialNaiveBayesModel m = MultinomialNaiveBayes.builder().build().fit(ok, new int[] {0, 1});
        assertEquals("x must have 3 columns, found 2", assertThrows(InvalidDataException.class,
                () -> m.predict(new SparseMatrix(2, new int[] {0}, new int[0], new double[0]))).getMessage());
        SparseMatrix three = new SparseMatrix(3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new double[] {1, 1, 1});
        MultinomialNaiveBayesModel m3 = MultinomialNaiveBayes.builder().build().fit(three, new int[] {4, 7, 9});
        assertArrayEquals(new int[] {4, 7, 9}, m3.predict(three));
        assertEquals("log-odds need exactly 2 classes, found 3",
                assertThrows(IllegalStateException.class, () -> m3.predictLogOdds(three)).getMessage());
    }

    @Property(tries = 100)
    void logProbabilitiesNormalize(@ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 1, max = 40) int d, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll @DoubleRange(min = 0.01, max = 5) double alpha, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] start = new int[n + 1];
        int[] idx = new int[n * d];
        double[] val = new double[n * d];
        int nnz = 0;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                if (r.nextInt(3) == 0) {
                    idx[nnz] = j;
                    val[nnz++] = 1 + r.nextInt(5);
                }
            }
            start[i + 1] = nnz;
        }
        SparseMatrix x = new SparseMatrix(d, start, Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
        MultinomialNaiveBayesModel m = MultinomialNaiveBayes.builder().alpha(alpha).build().fit(x, y);
        for (double[] row : m.featureLogProbabilities()) {
            assertEquals(0.0, LogSpace.logSumExp(row), 1e-12);
        }
        assertEquals(0.0, LogSpace.logSumExp(m.logPriors()), 1e-12);
        double[][] lp = m.predictLogProbabilities(x);
        int[] pred = m.predict(x);
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, LogSpace.logSumExp(lp[i]), 1e-12);
            int best = 0;
            for (int c = 1; c < lp[i].length; c++) {
                best = lp[i][c] > lp[i][best] ? c : best;
            }
            assertEquals(m.classes()[best], pred[i]);
        }
    }
}
