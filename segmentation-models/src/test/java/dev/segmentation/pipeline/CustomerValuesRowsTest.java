package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomerValues#profileRows} maps the values of a summary's rows to the profile rows once for all columns
 * (issue 19), and gives what hashing the profile ids for each column gives ({@link #byId}), exactly: when the summary
 * lists the profiles in their order (the pipeline's case, no hashing) and when it does not (a summary of a shorter
 * window, rows in another order).
 */
class CustomerValuesRowsTest {
    private static TransactionLog log() {
        TransactionLog.Builder b = TransactionLog.builder();
        String[] ids = {"c", "a", "e", "b", "d"};
        for (int i = 0; i < ids.length; i++) {
            b.add(ids[i], LocalDate.of(2020, 1, 1 + 3 * i).atStartOfDay(), 1 + i);
            b.add(ids[i], LocalDate.of(2020, 2, 1 + i).atStartOfDay(), 2 + i);
        }
        return b.build();
    }

    private static double[] values(int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = 0.1 * (j + 1) / 3;
        }
        return v;
    }

    /** The reference: per-summary-row values placed at the profile row of the same customer id; NaN elsewhere. */
    private static double[] byId(CustomerFeatureTable table, BtydSummary summary, double[] values) {
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            row.put(table.id(i), i);
        }
        double[] out = new double[table.size()];
        Arrays.fill(out, Double.NaN);
        for (int j = 0; j < summary.size(); j++) {
            Integer i = row.get(summary.id(j));
            if (i != null) {
                out[i] = values[j];
            }
        }
        return out;
    }

    private static void assertSameMapping(CustomerFeatureTable table, BtydSummary summary) {
        int[] rows = CustomerValues.profileRows(table, summary);
        double[] v = values(summary.size());
        assertArrayEquals(byId(table, summary, v), CustomerValues.byRow(rows, table.size(), v));
    }

    @Test
    void theSummaryOfTheProfilesLogMapsRowForRow() {
        TransactionLog log = log();
        LocalDate lastDay = LocalDate.of(2020, 2, 10);
        CustomerFeatureTable table = CustomerFeatures.builder().asOf(lastDay.plusDays(1)).rfm().build().compute(log);
        BtydSummary summary = BtydSummarizer.builder().end(lastDay).unit(Duration.ofDays(7)).build().summarize(log);
        int[] rows = CustomerValues.profileRows(table, summary);
        for (int j = 0; j < rows.length; j++) {
            assertEquals(table.id(rows[j]), summary.id(j));
        }
        assertSameMapping(table, summary);
    }

    @Test
    void aSummaryOfOtherCustomersMapsByIdWithNaNForProfilesItLacks() {
        TransactionLog log = log();
        CustomerFeatureTable table = CustomerFeatures.builder().asOf(LocalDate.of(2020, 2, 11)).rfm().build()
                .compute(log);
        // up to 2020-01-08: only the first three customers have a row
        BtydSummary shorter = BtydSummarizer.builder().end(LocalDate.of(2020, 1, 8)).build().summarize(log);
        assertEquals(3, shorter.size());
        assertSameMapping(table, shorter);
        // the same customers in another order, and one the profiles do not have
        BtydSummary reordered = BtydSummary.of(new String[] {"d", "zz", "c", "b"}, new double[4], new double[4],
                new double[] {1, 2, 3, 4}, null, Duration.ofDays(1));
        int[] rows = CustomerValues.profileRows(table, reordered);
        assertEquals(-1, rows[1]);
        assertSameMapping(table, reordered);
        double[] mapped = CustomerValues.byRow(rows, table.size(), values(4));
        int nan = 0;
        for (double m : mapped) {
            nan += Double.isNaN(m) ? 1 : 0;
        }
        assertEquals(table.size() - 3, nan);
    }
}
