package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link OneHotEncoderStats}: the fit from the merged statistics of any split of the values, merged in row order with
 * any grouping, is the fit on all values (categories, their order, coding and provenance) for every option; merged
 * in any order, the counts and the sorted fit are the same.
 */
class OneHotEncoderStatsTest {
    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.of("a", "b", "B", "", "ab", "é", "z z").list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> sizes() {
        return Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(5);
    }

    private static List<OneHotEncoderStats> chunks(String[] v, List<Integer> sizes) {
        List<OneHotEncoderStats> parts = new ArrayList<>();
        for (int[] r : StatsChunking.ranges(v.length, sizes)) {
            parts.add(OneHotEncoderStats.accumulate("c", Arrays.copyOfRange(v, r[0], r[1])));
        }
        return parts;
    }

    private static void assertSameModel(OneHotEncoderModel expected, OneHotEncoderModel actual, String[] v) {
        assertEquals(expected.column(), actual.column());
        assertEquals(expected.categories(), actual.categories());
        assertEquals(expected.encodedNames(), actual.encodedNames());
        assertEquals(expected.dropFirst(), actual.dropFirst());
        assertEquals(expected.unknownPolicy(), actual.unknownPolicy());
        assertEquals(expected.provenance(), actual.provenance());
        assertArrayEquals(expected.transform(v).toArray(), actual.transform(v).toArray());
    }

    private static final OneHotEncoder[] TRAINERS = {OneHotEncoder.builder().column("c").build(),
        OneHotEncoder.builder().column("c").order(OneHotEncoder.CategoryOrder.FIRST_APPEARANCE).dropFirst(true).build(),
        OneHotEncoder.builder().column("c").categories("z z", "é", "ab", "", "B", "b", "a").build(),
        OneHotEncoder.builder().column("c").categories("b", "a").unknownPolicy(OneHotEncoder.UnknownPolicy.IGNORE)
                .build()};

    @Property(tries = 300)
    void fitFromMergedChunksInRowOrderEqualsFitOnAllValues(@ForAll("values") List<String> values,
            @ForAll("sizes") List<Integer> sizes, @ForAll long seed) {
        String[] v = values.toArray(new String[0]);
        OneHotEncoderStats merged = StatsChunking.mergeInOrder(chunks(v, sizes), OneHotEncoderStats::merge,
                new Random(seed));
        assertEquals(OneHotEncoderStats.accumulate("c", v), merged);
        assertEquals(v.length, merged.rows());
        assertEquals(v.length, Arrays.stream(merged.counts()).sum());
        for (OneHotEncoder e : TRAINERS) {
            assertSameModel(e.fit(v), e.fit(merged), v);
        }
    }

    @Property(tries = 200)
    void anyMergeOrderGivesTheSameCountsAndSortedFit(@ForAll("values") List<String> values,
            @ForAll("sizes") List<Integer> sizes, @ForAll long seed) {
        String[] v = values.toArray(new String[0]);
        OneHotEncoderStats merged = StatsChunking.mergeShuffled(chunks(v, sizes), OneHotEncoderStats::merge,
                new Random(seed));
        OneHotEncoderStats all = OneHotEncoderStats.accumulate("c", v);
        for (String c : all.categories()) {
            assertEquals(all.counts()[all.categories().indexOf(c)], merged.counts()[merged.categories().indexOf(c)]);
        }
        assertEquals(all.categories().size(), merged.categories().size());
        OneHotEncoder sorted = TRAINERS[0];
        assertSameModel(sorted.fit(v), sorted.fit(merged), v);
    }

    @Test
    void countsInFirstAppearanceOrder() {
        OneHotEncoderStats s = OneHotEncoderStats.accumulate("Contract", new String[] {"Two year", "Month-to-month",
            "One year", "Month-to-month"}).merge(OneHotEncoderStats.accumulate("Contract", new String[] {"Three year",
                "Two year"}));
        assertEquals("Contract", s.column());
        assertEquals(6, s.rows());
        assertEquals(List.of("Two year", "Month-to-month", "One year", "Three year"), s.categories());
        assertArrayEquals(new long[] {2, 2, 1, 1}, s.counts());
        assertEquals("OneHotEncoderStats{column=Contract, rows=6, categories=4}", s.toString());
        assertEquals(OneHotEncoderStats.empty("Contract"), OneHotEncoderStats.accumulate("Contract", new String[0]));
        assertEquals(s, s.merge(OneHotEncoderStats.empty("Contract")));
        assertEquals(s, OneHotEncoderStats.empty("Contract").merge(s));
    }

    @Test
    void badStatisticsAreRefusedWithExactMessages() {
        OneHotEncoderStats contract = OneHotEncoderStats.accumulate("Contract", new String[] {"a", "z"});
        assertEquals("other must have the same column, found \"Contract\" and \"Tier\"", assertThrows(
                IllegalArgumentException.class, () -> contract.merge(OneHotEncoderStats.empty("Tier"))).getMessage());
        assertEquals("row 2, column Contract: value must be non-null, found null", assertThrows(
                InvalidDataException.class, () -> OneHotEncoderStats.accumulate("Contract", new String[] {"a", "b",
                    null})).getMessage());
        assertEquals("column must be a non-empty name, found \"\"", assertThrows(IllegalArgumentException.class,
                () -> OneHotEncoderStats.empty("")).getMessage());
        assertEquals("stats column must be \"Tier\", found \"Contract\"", assertThrows(IllegalArgumentException.class,
                () -> OneHotEncoder.builder().column("Tier").build().fit(contract)).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> OneHotEncoder.builder().column("Contract").build().fit(OneHotEncoderStats.empty("Contract")))
                .getMessage());
        assertEquals("column Contract: value must be one of [a, b], found \"z\"", assertThrows(
                InvalidDataException.class, () -> OneHotEncoder.builder().column("Contract").categories("a", "b")
                        .build().fit(contract)).getMessage());
        assertEquals(List.of("a", "b"), OneHotEncoder.builder().column("Contract").categories("a", "b")
                .unknownPolicy(OneHotEncoder.UnknownPolicy.IGNORE).build().fit(contract).categories());
    }
}
