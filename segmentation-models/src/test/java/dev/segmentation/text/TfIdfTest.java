package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import org.junit.jupiter.api.Test;

/** scikit-learn user guide, "Tf-idf term weighting": counts [[3,0,1],[2,0,0],[3,0,0],[4,0,0],[3,2,0],[3,0,2]]. */
class TfIdfTest {

    private static SparseMatrix counts() {
        return new SparseMatrix(3, new int[] {0, 2, 3, 4, 5, 7, 9}, new int[] {0, 2, 0, 0, 0, 0, 1, 0, 2},
                new double[] {3, 1, 2, 3, 4, 3, 2, 3, 2});
    }

    @Test
    void smoothIdfMatchesTheUserGuide() {
        TfIdfModel m = TfIdf.builder().build().fit(counts());
        // published idf_ = [1., 2.25276297, 1.84729786]; rows 0, 4, 5 of tfidf.toarray(), 8 decimals
        assertArrayEquals(new double[] {1.0, 2.25276297, 1.84729786}, m.idf(), 5e-9);
        SparseMatrix w = m.transform(counts());
        assertArrayEquals(new double[] {0.85151335, 0.52433293}, w.rowValues(0), 5e-9);
        assertArrayEquals(new double[] {0.55422893, 0.83236428}, w.rowValues(4), 5e-9);
        assertArrayEquals(new double[] {0.63035731, 0.77630514}, w.rowValues(5), 5e-9);
        assertArrayEquals(new double[] {1.0}, w.rowValues(1), 1e-15);
    }

    @Test
    void unsmoothedMatchesTheUserGuide() {
        SparseMatrix w = TfIdf.builder().smoothIdf(false).build().fit(counts()).transform(counts());
        assertArrayEquals(new double[] {0.81940995, 0.57320793}, w.rowValues(0), 5e-9);
        assertArrayEquals(new double[] {0.47330339, 0.88089948}, w.rowValues(4), 5e-9);
        assertArrayEquals(new double[] {0.58149261, 0.81355169}, w.rowValues(5), 5e-9);
    }

    @Test
    void sublinearTfAndSettings() {
        TfIdf t = TfIdf.builder().sublinearTf(true).l2Normalize(false).build();
        assertEquals("TfIdf{smoothIdf=true, sublinearTf=true, l2Normalize=false}", t.toString());
        SparseMatrix w = t.fit(counts()).transform(counts());
        assertArrayEquals(new double[] {1 + Math.log(3), 1.84729786}, w.rowValues(0), 5e-9);
        assertEquals("counts must have 3 columns, found 2", assertThrows(InvalidDataException.class,
                () -> t.fit(counts()).transform(new SparseMatrix(2, new int[] {0}, new int[0], new double[0])))
                .getMessage());
    }
}
