package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComplementNaiveBayesTest {

    @Test
    void handComputedWeights() {
        // class 0: "aa aa bb", class 1: "bb cc"; complement counts + 1: class 0 [1, 2, 2] / 5, class 1 [3, 2, 1] / 6
        CountVectorizerModel v = CountVectorizer.builder().build().fit(List.of("aa aa bb", "bb cc"));
        MultinomialNaiveBayesModel m = ComplementNaiveBayes.builder().build()
                .fit(v.transform(List.of("aa aa bb", "bb cc")), new int[] {0, 1});
        double[][] w = m.featureLogProbabilities();
        assertArrayEquals(new double[] {-Math.log(0.2), -Math.log(0.4), -Math.log(0.4)}, w[0], 1e-15);
        assertArrayEquals(new double[] {-Math.log(0.5), -Math.log(2 / 6.0), -Math.log(1 / 6.0)}, w[1], 1e-15);
        SparseMatrix q = v.transform(List.of("aa", "cc"));
        assertArrayEquals(new int[] {0, 1}, m.predict(q));
        assertEquals(-Math.log(0.5) + Math.log(0.2), m.predictLogOdds(q)[0], 1e-15);
        assertEquals("ComplementNaiveBayes{alpha=1.0}", m.trainer());
        assertEquals("alpha must be finite and > 0, found 0.0", assertThrows(IllegalArgumentException.class,
                () -> ComplementNaiveBayes.builder().alpha(0)).getMessage());
    }
}
