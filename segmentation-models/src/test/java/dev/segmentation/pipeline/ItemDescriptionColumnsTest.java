package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.Popularity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: "Items appear as stock codes only, though the data has descriptions". When the log has item
 * descriptions, customers.csv ends with {@code top_item_descriptions} and segments.csv with
 * {@code top_item_descriptions, distinctive_item_descriptions}: the descriptions of the codes beside them, in
 * order; without descriptions the headers are unchanged.
 */
class ItemDescriptionColumnsTest {
    @TempDir
    Path dir;

    private static final Map<String, String> DESCRIPTIONS = Map.of("A1", "WHITE HANGING HEART T-LIGHT HOLDER",
            "B2", "JUMBO BAG RED RETROSPOT", "C3", "REGENCY CAKESTAND 3 TIER, PINK");

    private static TransactionLog log(boolean described) {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2023, 1, 2, 10, 0);
        String[] items = {"A1", "B2", "C3", "D4"};
        for (int c = 0; c < 40; c++) {
            for (int k = 0; k < 1 + c % 5; k++) {
                b.add("c" + c, "i" + c + "-" + k, items[(c + k) % items.length], t.plusDays(c * 4L + 30L * k), 1,
                        5.0 + c % 7 * 10);
            }
        }
        if (described) {
            DESCRIPTIONS.forEach(b::describeItem); // D4 has none
        }
        return b.build();
    }

    private static SegmentationResult run(boolean described) {
        return Segmentation.of(log(described)).segments(KMeans.builder().k(2).seed(1)).recommend(Popularity.builder(), 3)
                .run();
    }

    private static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord rec : r) {
                if (header == null) {
                    header = rec.getFields();
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), rec.getField(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String expected(String codes) {
        List<String> out = new ArrayList<>();
        for (String code : codes.split(" ", -1)) {
            out.add(code.isEmpty() ? "" : DESCRIPTIONS.getOrDefault(code, ""));
        }
        return String.join(SegmentationResult.DESCRIPTION_SEPARATOR, out);
    }

    @Test
    void descriptionsFollowTheCodesInOrder() throws IOException {
        SegmentationResult r = run(true);
        r.writeCsv(dir);
        List<String> header = List.of(java.nio.file.Files.readAllLines(dir.resolve("customers.csv")).get(0).split(","));
        List<String> expectedHeader = new ArrayList<>(SegmentationResult.CUSTOMER_COLUMNS);
        expectedHeader.add("top_item_descriptions");
        assertEquals(expectedHeader, header);
        int described = 0;
        for (Map<String, String> row : read(dir.resolve("customers.csv"))) {
            assertEquals(expected(row.get("top_items")), row.get("top_item_descriptions"), row.toString());
            described += row.get("top_item_descriptions").isEmpty() ? 0 : 1;
        }
        assertTrue(described > 10, "customers with a described recommendation: " + described);
        List<Map<String, String>> segments = read(dir.resolve("segments.csv"));
        assertEquals(2, segments.size());
        for (Map<String, String> row : segments) {
            assertEquals(expected(row.get("top_items")), row.get("top_item_descriptions"), row.toString());
            assertEquals(expected(row.get("distinctive_items")), row.get("distinctive_item_descriptions"),
                    row.toString());
            assertFalse(row.get("top_item_descriptions").isEmpty());
        }
    }

    @Test
    void withoutDescriptionsTheHeadersAreUnchanged() throws IOException {
        run(false).writeCsv(dir);
        assertEquals(String.join(",", SegmentationResult.CUSTOMER_COLUMNS),
                java.nio.file.Files.readAllLines(dir.resolve("customers.csv")).get(0));
        String segments = java.nio.file.Files.readAllLines(dir.resolve("segments.csv")).get(0);
        assertFalse(segments.contains("description"), segments);
        assertEquals(true, segments.endsWith(",distinctive_items"), segments);
    }
}
