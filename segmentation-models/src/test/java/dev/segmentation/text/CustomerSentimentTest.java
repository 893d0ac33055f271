package dev.segmentation.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CustomerSentimentTest {
    @Test
    void aggregatesByCustomerAndAligns() {
        CustomerSentiment s = CustomerSentiment.aggregate(List.of("b", "a", "b", "b"), new double[] {1, -2, 0, 3});
        assertArrayEquals(new String[] {"b", "a"}, s.ids());
        assertEquals(List.of("review_count", "review_mean_log_odds", "review_share_negative"), s.matrix().names());
        assertArrayEquals(new double[] {3, 4 / 3.0, 1 / 3.0}, s.matrix().row(0, null), 1e-15);
        assertArrayEquals(new double[] {1, -2, 1}, s.matrix().row(1, null), 0.0);
        FeatureMatrix joined = s.alignTo(List.of("a", "c", "b"));
        assertEquals(3, joined.rows());
        assertArrayEquals(new double[] {1, -2, 1}, joined.row(0, null), 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, joined.row(1, null), 0.0);
        assertArrayEquals(new double[] {3, 4 / 3.0, 1 / 3.0}, joined.row(2, null), 1e-15);
    }

    @Property(tries = 100)
    void countsAddUpAndSharesAreShares(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 5) Integer> who,
            @ForAll @DoubleRange(min = -5, max = 5) double shift) {
        List<String> ids = new ArrayList<>();
        double[] scores = new double[who.size()];
        for (int i = 0; i < who.size(); i++) {
            ids.add("c" + who.get(i));
            scores[i] = (i % 3) - 1 + shift;
        }
        FeatureMatrix m = CustomerSentiment.aggregate(ids, scores).matrix();
        double total = 0;
        for (int r = 0; r < m.rows(); r++) {
            double[] row = m.row(r, null);
            total += row[0];
            assertEquals(Math.round(row[2] * row[0]), row[2] * row[0], 1e-9);
        }
        assertEquals(who.size(), total, 0.0);
    }

    @Test
    void badInputIsNamed() {
        assertEquals("row 1: log-odds must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> CustomerSentiment.aggregate(List.of("a", "b"), new double[] {1, Double.NaN})).getMessage());
        assertEquals("logOdds: length must be customerIds.size() = 2, found 1", assertThrows(
                InvalidDataException.class, () -> CustomerSentiment.aggregate(List.of("a", "b"), new double[] {1}))
                .getMessage());
    }
}
