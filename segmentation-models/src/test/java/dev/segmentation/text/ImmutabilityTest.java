package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Models and matrices copy arrays in and out (style G5); fitting is pure. */
class ImmutabilityTest {

    @Test
    void arraysAreCopiedInAndOut() {
        int[] start = {0, 2};
        int[] idx = {0, 1};
        double[] val = {1, 2};
        SparseMatrix x = new SparseMatrix(2, start, idx, val);
        idx[0] = 1;
        val[0] = 99;
        x.values()[1] = 42;
        x.indices()[0] = 1;
        assertArrayEquals(new int[] {0, 1}, x.indices());
        assertArrayEquals(new double[] {1, 2}, x.values());

        CountVectorizerModel v = CountVectorizer.builder().build().fit(List.of("aa bb", "bb cc"));
        v.vocabulary()[0] = "zz";
        assertEquals("aa", v.vocabulary()[0]);

        SparseMatrix counts = v.transform(List.of("aa bb", "bb cc"));
        MultinomialNaiveBayes nb = MultinomialNaiveBayes.builder().alpha(0.5).build();
        MultinomialNaiveBayesModel m = nb.fit(counts, new int[] {0, 1});
        double before = m.featureLogProbabilities()[0][0];
        m.featureLogProbabilities()[0][0] = 0;
        m.logPriors()[0] = 0;
        m.classes()[0] = 5;
        assertEquals(before, m.featureLogProbabilities()[0][0]);
        assertArrayEquals(new int[] {0, 1}, m.classes());
        assertEquals(Math.log(0.5), m.logPriors()[0]);
        assertEquals("MultinomialNaiveBayes{alpha=0.5}", m.trainer());
        assertArrayEquals(m.predictLogOdds(counts), nb.fit(counts, new int[] {0, 1}).predictLogOdds(counts));

        TfIdfModel t = TfIdf.builder().build().fit(counts);
        t.idf()[0] = 0;
        assertEquals(Math.log(3 / 2.0) + 1, t.idf()[0], 1e-15);
    }
}
