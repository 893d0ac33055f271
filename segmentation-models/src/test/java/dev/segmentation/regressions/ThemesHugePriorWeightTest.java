package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.text.GroupThemes;
import dev.segmentation.text.ThemeTerm;
import dev.segmentation.text.Themes;
import dev.segmentation.text.Tokenizer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: "`sentiment themes --prior-weight 1e308` gives every z as `"NaN"`". Every finite prior weight c > 0
 * gives finite z-scores; where the textbook formula is accurate (moderate c) the stable evaluation agrees with it.
 */
class ThemesHugePriorWeightTest {
    private static final List<String> TEXTS = List.of("good good bad", "bad fine", "good fine fine", "bad bad");
    private static final List<String> GROUPS = List.of("a", "b", "a", "b");

    private static List<GroupThemes> fit(double c) {
        return Themes.builder().tokenizer(Tokenizer.defaults()).priorWeight(c).top(3).build().fit(TEXTS, GROUPS);
    }

    /** Eq. 22 / 20 of Monroe, Colaresi and Quinn (2008) as printed, in double precision. */
    private static double textbookZ(double yi, double yr, double ni, double nr, double yw, double n, double c) {
        double aw = c * yw;
        double a0 = c * n;
        double d = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yr + aw) / (nr + a0 - yr - aw));
        return d / Math.sqrt(1 / (yi + aw) + 1 / (yr + aw));
    }

    @Test
    void extremePriorWeightsGiveFiniteZ() {
        for (double c : new double[] {Double.MAX_VALUE, 1e308, 1e200, 1e12, Double.MIN_VALUE, 1e-300}) {
            for (GroupThemes g : fit(c)) {
                for (ThemeTerm t : g.terms()) {
                    assertTrue(Double.isFinite(t.z()) && Double.isFinite(t.delta()), c + ": " + t);
                    if (c >= 1e200) {
                        assertTrue(Math.abs(t.z()) < 1e-90, c + ": " + t);
                    }
                }
            }
        }
    }

    /**
     * Counts: a = "good good bad good fine fine" (n_a = 6: good 3, bad 1, fine 2), b = "bad fine bad bad"
     * (n_b = 4: good 0, bad 3, fine 1), n = 10.
     */
    @Property(tries = 200)
    void agreesWithTheTextbookFormulaWhereItIsAccurate(@ForAll @DoubleRange(min = 0, max = 6) double log10c) {
        double c = Math.pow(10, log10c - 3);
        GroupThemes a = fit(c).get(0);
        for (ThemeTerm t : a.terms()) {
            double[] counts = switch (t.term()) {
                case "good" -> new double[] {3, 0};
                case "bad" -> new double[] {1, 3};
                case "fine" -> new double[] {2, 1};
                default -> throw new AssertionError(t.term());
            };
            double expected = textbookZ(counts[0], counts[1], 6, 4, counts[0] + counts[1], 10, c);
            assertEquals(expected, t.z(), 1e-9 * Math.max(1, Math.abs(expected)), t.term() + " at c = " + c);
        }
    }
}
