package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RfmSegmenterTest {
    private static final List<String> RFM = List.of("recency", "frequency", "monetary");

    /** 25 customers: recency 1..25 days, frequency 1..25 and monetary 10..250, in opposite orders. */
    private static FeatureMatrix grid() {
        double[][] v = new double[25][];
        for (int i = 0; i < 25; i++) {
            v[i] = new double[] {i + 1, 25 - i, 10.0 * (i % 5 + 1) + i};
        }
        return FeatureMatrix.ofRows(RFM, v);
    }

    @Test
    void theStandardMapNamesEveryCellExactlyOnce() {
        List<RfmRule> rules = RfmRule.standard();
        Set<String> names = new HashSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int fm = 1; fm <= 5; fm++) {
                List<String> matching = new ArrayList<>();
                for (RfmRule rule : rules) {
                    if (rule.matches(r, fm)) {
                        matching.add(rule.name());
                    }
                }
                // Lost is carved out of Hibernating (first match wins); every other cell has exactly one rule
                if (r == 1 && fm == 1) {
                    assertEquals(List.of(RfmRule.LOST, RfmRule.HIBERNATING), matching);
                } else {
                    assertEquals(1, matching.size(), r + "," + fm + ": " + matching);
                }
                names.add(matching.get(0));
            }
        }
        assertEquals(11, names.size(), "all eleven customary segments are reachable");
    }

    @Test
    void theModelAppliesTheDocumentedGrid() {
        RfmSegmenterModel m = RfmSegmenter.builder().build().fit(grid());
        assertEquals(RfmRule.LOST, m.name(1, 1));
        assertEquals(RfmRule.HIBERNATING, m.name(2, 1));
        assertEquals(RfmRule.HIBERNATING, m.name(1, 2));
        assertEquals(RfmRule.AT_RISK, m.name(2, 4));
        assertEquals(RfmRule.CANT_LOSE_THEM, m.name(1, 5));
        assertEquals(RfmRule.ABOUT_TO_SLEEP, m.name(3, 2));
        assertEquals(RfmRule.NEED_ATTENTION, m.name(3, 3));
        assertEquals(RfmRule.LOYAL, m.name(3, 5));
        assertEquals(RfmRule.LOYAL, m.name(4, 4));
        assertEquals(RfmRule.PROMISING, m.name(4, 1));
        assertEquals(RfmRule.NEW, m.name(5, 1));
        assertEquals(RfmRule.POTENTIAL_LOYALIST, m.name(4, 3));
        assertEquals(RfmRule.POTENTIAL_LOYALIST, m.name(5, 2));
        assertEquals(RfmRule.CHAMPIONS, m.name(5, 5));
        assertEquals(List.of(RfmRule.LOST, RfmRule.HIBERNATING, RfmRule.AT_RISK, RfmRule.CANT_LOSE_THEM,
                RfmRule.ABOUT_TO_SLEEP, RfmRule.NEED_ATTENTION, RfmRule.LOYAL, RfmRule.PROMISING,
                RfmRule.POTENTIAL_LOYALIST, RfmRule.NEW, RfmRule.CHAMPIONS), m.names());
    }

    @Test
    void fmIsTheMeanRoundedHalfUp() {
        assertEquals(1, RfmSegmenterModel.fm(1, 1));
        assertEquals(2, RfmSegmenterModel.fm(1, 2));
        assertEquals(2, RfmSegmenterModel.fm(1, 3));
        assertEquals(3, RfmSegmenterModel.fm(2, 3));
        assertEquals(5, RfmSegmenterModel.fm(4, 5));
        assertEquals(3, RfmSegmenterModel.fm(5, 1));
    }

    @Test
    void scoresAreQuintilesWithRecencyDescending() {
        RfmSegments s = RfmSegmenter.builder().build().fit(grid()).segment(grid());
        for (int i = 0; i < 25; i++) {
            assertEquals(5 - i / 5, s.r(i), "recency " + (i + 1));
            assertEquals(5 - i / 5, s.f(i), "frequency " + (25 - i));
            assertEquals(s.fm(i), RfmSegmenterModel.fm(s.f(i), s.m(i)));
        }
        // the most recent, most frequent customer: R = 5, F = 5, monetary 10 + 0 = lowest, M = 1, FM = 3
        assertEquals(1, s.m(0));
        assertEquals(RfmRule.POTENTIAL_LOYALIST, s.name(0));
        Map<String, Integer> counts = s.counts();
        assertEquals(25, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(11, counts.size());
    }

    @Test
    void aCustomMapReplacesTheStandardOne() {
        List<RfmRule> rules = List.of(RfmRule.of("[4-5].", "active"), RfmRule.of("..", "inactive"));
        RfmSegmenter t = RfmSegmenter.builder().rules(rules).build();
        RfmSegmenterModel m = t.fit(grid());
        assertEquals(List.of("inactive", "active"), m.names());
        assertEquals("active", m.segment(1, 1, 10));
        assertEquals("inactive", m.segment(25, 25, 250));
        assertEquals("RfmSegmenter{columns=[recency, frequency, monetary], scores=5, fm=round half up, rules=["
                + "[4-5]. -> active, .. -> inactive]}", t.toString());
        assertEquals(rules, t.rules());
        assertEquals(t.toString(), t.toBuilder().build().toString());
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("RfmSegmenter{columns=[recency, frequency, monetary], scores=5, fm=round half up,"
                + " rules=standard}", RfmSegmenter.builder().build().toString());
        assertEquals("RfmSegmenter{columns=[r, f, m], scores=5, fm=round half up, rules=standard}",
                RfmSegmenter.builder().columns("r", "f", "m").build().toString());
    }

    @Test
    void badSettingsAreRejectedWithExactMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RfmSegmenter.builder().rules(List.of(RfmRule.of("[1-5][1-4]", "x"))).build());
        assertEquals("rules must name every (R, FM) cell, found none for R=1, FM=5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmenter.builder()
                .rules(List.of(RfmRule.of("..", "all"), RfmRule.of("6[1-5]", "Ghost"))).build());
        assertEquals("rules must each match a cell, found 6[1-5] -> Ghost", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmenter.builder().rules(List.of()));
        assertEquals("rules must be non-empty, found []", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmenter.builder().columns("a", "a", "m"));
        assertEquals("columns must be distinct, found [a, a, m]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmRule.of("[1-", "x"));
        assertEquals("pattern must be a regular expression, found \"[1-\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmRule.of("..", " "));
        assertEquals("name must be non-blank, found \" \"", e.getMessage());
        RfmSegmenterModel m = RfmSegmenter.builder().build().fit(grid());
        e = assertThrows(IllegalArgumentException.class, () -> m.name(0, 3));
        assertEquals("r must be in [1, 5], found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmenterModel.fm(3, 6));
        assertEquals("m must be in [1, 5], found 6", e.getMessage());
    }

    @Test
    void badDataNamesRowColumnAndValue() {
        FeatureMatrix nan = FeatureMatrix.ofRows(RFM, new double[][] {{1, 2, 3}, {4, Double.NaN, 6}});
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> RfmSegmenter.builder().build().fit(nan));
        assertEquals("row 1, column frequency: value must be finite, found NaN", e.getMessage());
        FeatureMatrix noMonetary = FeatureMatrix.ofRows(List.of("recency", "frequency"), new double[][] {{1, 2}});
        e = assertThrows(InvalidDataException.class, () -> RfmSegmenter.builder().build().fit(noMonetary));
        assertTrue(e.getMessage().contains("monetary"), e.getMessage());
        RfmSegmenterModel m = RfmSegmenter.builder().build().fit(grid());
        e = assertThrows(InvalidDataException.class, () -> m.segment(nan));
        assertEquals("row 1, column frequency: value must be finite, found NaN", e.getMessage());
    }

    /** Any data: every row gets exactly the name of its (R, FM) cell, and the counts add up. */
    @Property(tries = 60)
    void everyRowIsNamedByItsCell(@ForAll @IntRange(min = 1, max = 80) int n, @ForAll long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            // small integer ranges force ties, as in real RFM data
            v[i] = new double[] {rnd.nextInt(1, 30), rnd.nextInt(1, 4), rnd.nextInt(0, 50) * 10.0};
        }
        FeatureMatrix x = FeatureMatrix.ofRows(RFM, v);
        RfmSegmenterModel m = RfmSegmenter.builder().build().fit(x);
        RfmSegments s = m.segment(x);
        int total = 0;
        for (int c : s.counts().values()) {
            total += c;
        }
        assertEquals(n, total);
        for (int i = 0; i < n; i++) {
            assertEquals(m.name(s.r(i), s.fm(i)), s.name(i));
            assertEquals(s.name(i), m.segment(v[i][0], v[i][1], v[i][2]));
            assertEquals(s.names().get(s.labels()[i]), s.name(i));
        }
    }
}
