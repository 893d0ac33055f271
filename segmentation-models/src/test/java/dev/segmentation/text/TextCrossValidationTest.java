package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCrossValidationTest {
    /** Six rows, one column holding a fixed score: the "learner" returns it, so the metrics are hand-countable. */
    private static final SparseMatrix X = new SparseMatrix(1, new int[] {0, 1, 2, 3, 4, 5, 6},
            new int[] {0, 0, 0, 0, 0, 0}, new double[] {2, -1, 0.5, -3, 1, -0.5});
    private static final int[] Y = {1, 1, 0, 0, 1, 0};
    private static final TextCrossValidation.Learner ECHO = (x, y, test) -> {
        double[] s = new double[test.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = test.get(i, 0);
        }
        return s;
    };

    @Test
    void metricsByHand() {
        int[] folds = TextCrossValidation.foldsByKey(new long[] {0, 1, 2, 3, 4, -1}, 2);
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, folds);
        TextCrossValidationResult r = TextCrossValidation.crossValidate(X, Y, folds, 2, ECHO);
        // predicted (score > 0): 1 0 1 0 1 0; truth 1 1 0 0 1 0 -> TP 2, FN 1, FP 1, TN 2
        assertEquals(4 / 6.0, r.accuracy(), 1e-15);
        assertEquals(2 * 2 / 6.0, r.f1(1), 1e-15);
        assertEquals(2 * 2 / 6.0, r.f1(0), 1e-15);
        assertEquals(4 / 6.0, r.macroF1(), 1e-15);
        // positives score 2, 1, -1 and negatives 0.5, -0.5, -3: 2 beats all 3, 1 beats 3, -1 beats 1: 7 of 9
        assertEquals(7 / 9.0, r.auc(), 1e-15);
        // fold 0 = rows 0, 2, 4 (right, wrong, right); fold 1 = rows 1, 3, 5 (wrong, right, right)
        assertArrayEquals(new int[] {2, 2}, r.foldCorrect());
        assertArrayEquals(new int[] {3, 3}, r.foldSizes());
        assertArrayEquals(new double[] {2, -1, 0.5, -3, 1, -0.5}, r.scores());
    }

    @Test
    void tiesGoToTheFirstClass() {
        SparseMatrix zero = new SparseMatrix(1, new int[] {0, 0, 0, 0, 0}, new int[0], new double[0]);
        TextCrossValidationResult r = TextCrossValidation.crossValidate(zero, new int[] {0, 1, 0, 1},
                new int[] {0, 0, 1, 1}, 2, ECHO);
        assertEquals(0.5, r.accuracy(), 0.0);
        assertEquals(0.0, r.f1(1), 0.0);
    }

    @Test
    void badInputIsNamed() {
        assertEquals("folds must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> TextCrossValidation.foldsByKey(new long[] {1}, 1)).getMessage());
        assertEquals("row 2: label must be 0 or 1, found 3", assertThrows(InvalidDataException.class,
                () -> TextCrossValidation.crossValidate(X, new int[] {1, 0, 3, 0, 1, 0}, new int[6], 2, ECHO))
                .getMessage());
        assertEquals("row 0: fold must be in [0, 2), found 2", assertThrows(InvalidDataException.class,
                () -> TextCrossValidation.crossValidate(X, Y, new int[] {2, 0, 0, 0, 0, 1}, 2, ECHO)).getMessage());
        assertEquals("fold 1: must hold at least one row, found 0 of 6", assertThrows(InvalidDataException.class,
                () -> TextCrossValidation.crossValidate(X, Y, new int[6], 2, ECHO)).getMessage());
        assertEquals("y and folds: length must be the row count 2, found 2 and 1",
                assertThrows(InvalidDataException.class, () -> TextCrossValidation.crossValidateTexts(
                        List.of("a", "b"), new int[] {0, 1}, new int[] {0}, 2, (a, b, c) -> new double[0]))
                        .getMessage());
        assertEquals("learner must return 3 scores for fold 0, found 0", assertThrows(InvalidDataException.class,
                () -> TextCrossValidation.crossValidate(X, Y, new int[] {0, 1, 0, 1, 0, 1}, 2,
                        (x, y, t) -> new double[0])).getMessage());
    }
}
