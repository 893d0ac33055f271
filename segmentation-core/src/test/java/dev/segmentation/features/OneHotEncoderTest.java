package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneHotEncoderTest {
    private static final String[] CONTRACT = {"Two year", "Month-to-month", "One year", "Month-to-month"};

    @Test
    void sortedCategoriesAndColumnNames() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("Contract").build().fit(CONTRACT);
        assertEquals(List.of("Month-to-month", "One year", "Two year"), m.categories());
        assertEquals(List.of("Contract=Month-to-month", "Contract=One year", "Contract=Two year"), m.encodedNames());
        FeatureMatrix y = m.transform(CONTRACT);
        assertEquals(m.encodedNames(), y.names());
        assertArrayEquals(new double[] {
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
            1, 0, 0}, y.toArray());
        assertEquals("Contract", m.column());
        assertEquals(2, m.indexOf("Two year"));
        assertEquals(-1, m.indexOf("Three year"));
    }

    @Test
    void firstAppearanceOrder() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("Contract")
                .order(OneHotEncoder.CategoryOrder.FIRST_APPEARANCE).build().fit(CONTRACT);
        assertEquals(List.of("Two year", "Month-to-month", "One year"), m.categories());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0}, m.transform(CONTRACT).toArray());
    }

    @Test
    void dropFirstMakesTheFirstCategoryTheBaseline() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("Contract").dropFirst(true).build().fit(CONTRACT);
        assertEquals(List.of("Contract=One year", "Contract=Two year"), m.encodedNames());
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0, 0, 0}, m.transform(CONTRACT).toArray());
        assertArrayEquals(CONTRACT, m.inverseTransform(m.transform(CONTRACT)));
    }

    @Test
    void fixedCategoriesChooseTheBaseline() {
        // The Telco reference coding: InternetService with baseline "No".
        OneHotEncoderModel m = OneHotEncoder.builder().column("InternetService").categories("No", "DSL", "Fiber optic")
                .dropFirst(true).build().fit(new String[] {"DSL", "No", "Fiber optic", "DSL"});
        assertEquals(List.of("InternetService=DSL", "InternetService=Fiber optic"), m.encodedNames());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 1, 0},
                m.transform(new String[] {"DSL", "No", "Fiber optic", "DSL"}).toArray());
        // fixed categories need not all occur in training
        assertEquals(List.of("No", "DSL", "Fiber optic"), OneHotEncoder.builder().column("s")
                .categories("No", "DSL", "Fiber optic").build().fit(new String[] {"DSL"}).categories());
    }

    @Test
    void unknownCategoryPolicies() {
        String[] fresh = {"One year", "Three year"};
        OneHotEncoderModel strict = OneHotEncoder.builder().column("Contract").build().fit(CONTRACT);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> strict.transform(fresh));
        assertEquals("row 1, column Contract: value must be one of [Month-to-month, One year, Two year], "
                + "found \"Three year\"", e.getMessage());
        assertEquals(1, e.row());
        assertEquals("Contract", e.column());
        OneHotEncoderModel lenient = OneHotEncoder.builder().column("Contract")
                .unknownPolicy(OneHotEncoder.UnknownPolicy.IGNORE).build().fit(CONTRACT);
        assertEquals(OneHotEncoder.UnknownPolicy.IGNORE, lenient.unknownPolicy());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, lenient.transform(fresh).toArray());
        assertArrayEquals(new String[] {"One year", null}, lenient.inverseTransform(lenient.transform(fresh)),
                "an all-zero row has no category");
    }

    @Test
    void fixedCategoriesApplyThePolicyToTrainingValues() {
        OneHotEncoder.Builder b = OneHotEncoder.builder().column("c").categories("a", "b");
        assertEquals("row 2, column c: value must be one of [a, b], found \"z\"", assertThrows(
                InvalidDataException.class, () -> b.build().fit(new String[] {"a", "b", "z"})).getMessage());
        OneHotEncoderModel m = b.unknownPolicy(OneHotEncoder.UnknownPolicy.IGNORE).build()
                .fit(new String[] {"a", "b", "z"});
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, m.transform(new String[] {"a", "b", "z"}).toArray());
    }

    @Test
    void inverseTakesTheLargestShareSoCentresMapToTheirModalCategory() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("c").build().fit(new String[] {"a", "b", "c"});
        FeatureMatrix centres = FeatureMatrix.ofRows(List.of("x", "c=a", "c=b", "c=c"), new double[][] {
            {9.0, 0.2, 0.5, 0.3},
            {9.0, 0.4, 0.2, 0.4},
            {9.0, 0.0, 0.0, 0.0}});
        assertArrayEquals(new String[] {"b", "a", null}, m.inverseTransform(centres));
        OneHotEncoderModel dropped = OneHotEncoder.builder().column("c").dropFirst(true).build()
                .fit(new String[] {"a", "b", "c"});
        FeatureMatrix shares = FeatureMatrix.ofRows(List.of("c=b", "c=c"), new double[][] {
            {0.3, 0.3}, {0.5, 0.1}, {0.2, 0.6}, {0.25, 0.5}});
        // implicit share of "a" = 1 - sum: 0.4, 0.4, 0.2, 0.25 (a tie with "b" goes to the first category)
        assertArrayEquals(new String[] {"a", "b", "c", "c"}, dropped.inverseTransform(shares));
        FeatureMatrix tie = FeatureMatrix.ofRows(List.of("c=b", "c=c"), new double[][] {{0.25, 0.5}, {0.5, 0.0}});
        assertArrayEquals(new String[] {"c", "a"}, dropped.inverseTransform(tie));
    }

    @Test
    void singleCategoryWithDropFirstHasNoColumns() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("c").dropFirst(true).build()
                .fit(new String[] {"x", "x"});
        FeatureMatrix y = m.transform(new String[] {"x", "x"});
        assertEquals(2, y.rows());
        assertEquals(0, y.columns());
        assertArrayEquals(new String[] {"x", "x"}, m.inverseTransform(y));
    }

    @Test
    void emptyStringIsACategory() {
        OneHotEncoderModel m = OneHotEncoder.builder().column("c").build().fit(new String[] {"", "a"});
        assertEquals(List.of("c=", "c=a"), m.encodedNames());
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("OneHotEncoder{column=Contract, order=SORTED, categories=learned, dropFirst=false, "
                + "unknownPolicy=ERROR}", OneHotEncoder.builder().column("Contract").build().toString());
        assertEquals("OneHotEncoder{column=s, order=FIRST_APPEARANCE, categories=[No, DSL], dropFirst=true, "
                + "unknownPolicy=IGNORE}", OneHotEncoder.builder().column("s")
                .order(OneHotEncoder.CategoryOrder.FIRST_APPEARANCE).categories("No", "DSL").dropFirst(true)
                .unknownPolicy(OneHotEncoder.UnknownPolicy.IGNORE).build().toString());
        OneHotEncoder.Builder b = OneHotEncoder.builder().column("a");
        OneHotEncoder first = b.build();
        b.dropFirst(true);
        assertFalse(first.fit(new String[] {"x"}).dropFirst());
        assertEquals("OneHotEncoder{column=b, order=SORTED, categories=learned, dropFirst=false, unknownPolicy=ERROR}",
                first.toBuilder().column("b").build().toString());
    }

    @Test
    void modelToStringListsAtMostTenCategories() {
        String[] many = new String[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = "k" + (char) ('a' + i);
        }
        OneHotEncoderModel m = OneHotEncoder.builder().column("c").build().fit(many);
        assertEquals("OneHotEncoderModel{column=c, categories=[ka, kb, kc, kd, ke, kf, kg, kh, ki, kj, ... (12 in all)]"
                + ", dropFirst=false, unknownPolicy=ERROR}", m.toString());
        assertEquals("row 0, column c: value must be one of [ka, kb, kc, kd, ke, kf, kg, kh, ki, kj, ... (12 in all)]"
                + ", found \"zz\"", assertThrows(InvalidDataException.class,
                        () -> m.transform(new String[] {"zz"})).getMessage());
    }

    @Test
    void badBuilderArguments() {
        assertEquals("column must be a non-empty name, found null",
                assertThrows(IllegalArgumentException.class, () -> OneHotEncoder.builder().build()).getMessage());
        assertEquals("column must be a non-empty name, found \"\"",
                assertThrows(IllegalArgumentException.class, () -> OneHotEncoder.builder().column("")).getMessage());
        assertEquals("categories must be distinct, found \"a\" twice", assertThrows(IllegalArgumentException.class,
                () -> OneHotEncoder.builder().categories("a", "b", "a")).getMessage());
        assertEquals("categories must be non-empty, found []", assertThrows(IllegalArgumentException.class,
                () -> OneHotEncoder.builder().categories()).getMessage());
        assertEquals("column", assertThrows(NullPointerException.class,
                () -> OneHotEncoder.builder().column(null)).getMessage());
        assertEquals("unknownPolicy", assertThrows(NullPointerException.class,
                () -> OneHotEncoder.builder().unknownPolicy(null)).getMessage());
    }

    @Test
    void badData() {
        OneHotEncoder e = OneHotEncoder.builder().column("Contract").build();
        assertEquals("rows must be >= 1, found 0",
                assertThrows(InvalidDataException.class, () -> e.fit(new String[0])).getMessage());
        assertEquals("row 1, column Contract: value must be non-null, found null",
                assertThrows(InvalidDataException.class, () -> e.fit(new String[] {"a", null})).getMessage());
        OneHotEncoderModel m = e.fit(CONTRACT);
        assertEquals("row 0, column Contract: value must be non-null, found null",
                assertThrows(InvalidDataException.class, () -> m.transform(new String[] {null})).getMessage());
        FeatureMatrix missing = FeatureMatrix.ofRows(List.of("Contract=One year"), new double[][] {{1}});
        assertEquals("column must be one of [Contract=One year], found \"Contract=Month-to-month\"",
                assertThrows(InvalidDataException.class, () -> m.inverseTransform(missing)).getMessage());
        FeatureMatrix nan = FeatureMatrix.ofRows(m.encodedNames(), new double[][] {{0, Double.NaN, 0}});
        assertEquals("row 0, column Contract=One year: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> m.inverseTransform(nan)).getMessage());
    }
}
