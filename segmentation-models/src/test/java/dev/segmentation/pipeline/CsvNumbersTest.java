package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.segmentation.pipeline.SegmentationResult.Precision;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Issue 15: numbers in customers.csv and segments.csv for people. */
class CsvNumbersTest {
    @Test
    void theValuesFromTheIssueReadAsPeopleExpect() {
        assertEquals("5391.21", CsvNumbers.format("monetary", 5391.210000000009, Precision.ROUNDED));
        assertEquals("0.000000000000000000000188375",
                CsvNumbers.format("p_alive", 1.8837525339060077E-22, Precision.ROUNDED));
        assertEquals("34", CsvNumbers.format("frequency", 34.0, Precision.ROUNDED));
        assertEquals("0.123457", CsvNumbers.format("p_churn", 0.1234567890, Precision.ROUNDED));
        assertEquals("1", CsvNumbers.format("p_alive", 1.0, Precision.ROUNDED));
        assertEquals("0", CsvNumbers.format("p_churn", 0.0, Precision.ROUNDED));
        assertEquals("271.00", CsvNumbers.format("clv", 271.0, Precision.ROUNDED));
        assertEquals("180331.40", CsvNumbers.format("clv", 180331.4, Precision.ROUNDED));
        assertEquals("0.00", CsvNumbers.format("clv", -1e-9, Precision.ROUNDED));
        assertEquals("12.5", CsvNumbers.format("recency", 12.5, Precision.ROUNDED));
        assertEquals("3.28571", CsvNumbers.format("centre_frequency", 3.285714285714, Precision.ROUNDED));
        assertEquals("", CsvNumbers.format("clv", Double.NaN, Precision.ROUNDED));
        assertEquals("5391.210000000009", CsvNumbers.format("monetary", 5391.210000000009, Precision.FULL));
        assertEquals("1.8837525339060077E-22", CsvNumbers.format("p_alive", 1.8837525339060077E-22, Precision.FULL));
    }

    @Property
    void roundedNumbersNeverUseExponentsAndStayClose(@ForAll double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        for (String column : new String[] {"monetary", "p_alive", "frequency", "expected_purchases"}) {
            String s = CsvNumbers.format(column, v, Precision.ROUNDED);
            assertFalse(s.contains("E") || s.contains("e"), column + " " + v + " -> " + s);
            double back = Double.parseDouble(s);
            double tolerance = column.equals("monetary") ? 0.005 : Math.abs(v) * 5e-6;
            assertEquals(v, back, tolerance + Math.ulp(v) * 4, column + " " + v + " -> " + s);
        }
    }
}
