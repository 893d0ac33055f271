package dev.segmentation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThemesTest {
    /**
     * Hand-computed eq. 22 and eq. 20 of Monroe, Colaresi and Quinn (2008): group a = "good good bad",
     * group b = "bad fine"; corpus counts good 2, bad 2, fine 1 (n = 5), prior weight 1 so a_w = y_w, a_0 = 5.
     * For "good" in a: y_i = 2, n_i = 3, y_r = 0, n_r = 2:
     * delta = log(4 / (3 + 5 - 4)) - log(2 / (2 + 5 - 2)) = log(1) - log(0.4), var = 1/4 + 1/2.
     */
    @Test
    void weightedLogOddsByHand() {
        Themes t = Themes.builder().tokenizer(Tokenizer.defaults()).priorWeight(1).top(3).build();
        List<GroupThemes> g = t.fit(List.of("good good bad", "bad fine"), List.of("a", "b"), new int[] {1, 0});
        ThemeTerm good = g.get(0).terms().get(0);
        assertEquals("good", good.term());
        assertEquals(2, good.count());
        double delta = Math.log(1) - Math.log(0.4);
        assertEquals(delta, good.delta(), 1e-15);
        assertEquals(delta / Math.sqrt(0.25 + 0.5), good.z(), 1e-15);
        // "fine" in b: y_i = 1, n_i = 2, y_r = 0, n_r = 3, a = 1
        ThemeTerm fine = g.get(1).terms().get(0);
        assertEquals("fine", fine.term());
        double d2 = Math.log(2 / (2 + 5 - 2.0)) - Math.log(1 / (3 + 5 - 1.0));
        assertEquals(d2 / Math.sqrt(0.5 + 1), fine.z(), 1e-15);
        assertEquals(0.0, g.get(0).negativeShare(), 0.0);
        assertEquals(1.0, g.get(1).negativeShare(), 0.0);
        assertEquals(3, g.get(0).tokens());
        assertTrue(Double.isNaN(t.fit(List.of("x y", "y z"), List.of("a", "b")).get(0).negativeShare()));
    }

    @Test
    void badInputIsNamed() {
        Themes t = Themes.builder().build();
        assertEquals("groups: must hold at least 2 distinct values, found 1", assertThrows(InvalidDataException.class,
                () -> t.fit(List.of("a b", "c d"), List.of("x", "x"))).getMessage());
        assertEquals("row 1: label must be 0 or 1, found 2", assertThrows(InvalidDataException.class,
                () -> t.fit(List.of("a b", "c d"), List.of("x", "y"), new int[] {0, 2})).getMessage());
        assertEquals("groups and labels: length must be texts.size() = 2, found 1", assertThrows(
                InvalidDataException.class, () -> t.fit(List.of("a b", "c d"), List.of("x"))).getMessage());
        assertEquals("priorWeight must be finite and > 0, found 0.0", assertThrows(IllegalArgumentException.class,
                () -> Themes.builder().priorWeight(0)).getMessage());
        assertEquals("top must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Themes.builder().top(0)).getMessage());
        assertEquals("Themes{tokenizer=Tokenizer{normalize=true, lowercase=true, tokenPattern=(?u)\\b\\w\\w+\\b,"
                + " ngrams=2, negation=false}, priorWeight=0.01, top=10}", t.toString());
    }
}
