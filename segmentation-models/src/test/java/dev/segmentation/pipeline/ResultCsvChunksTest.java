package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.recommend.Popularity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code customers.csv} formatted in chunks of {@link Segmentation#CHUNK} customers on the run's threads and written
 * in order (issue 19: the write stage's largest part, on one thread before) must be the file one FastCSV file writer
 * wrote before, byte for byte ({@link #reference}, the code of commit 02bc3ce), for any thread count, both
 * precisions, and with item descriptions (quoted fields).
 */
class ResultCsvChunksTest {
    @TempDir
    Path dir;

    /** The writer of commit 02bc3ce: one FastCSV file writer, one record per customer. */
    static void reference(SegmentationResult result, Path file, SegmentationResult.Precision precision) {
        TransactionLog log = result.log();
        CustomerFeatureTable features = result.features();
        double[] rec = features.column(CustomerFeatures.RECENCY);
        double[] freq = features.column(CustomerFeatures.FREQUENCY);
        double[] mon = features.column(CustomerFeatures.MONETARY);
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            boolean described = log.hasItemDescriptions();
            List<String> header = new ArrayList<>(SegmentationResult.CUSTOMER_COLUMNS);
            if (described) {
                header.add(SegmentationResult.ITEM_DESCRIPTION_COLUMN);
            }
            w.writeRecord(header);
            List<String> row = new ArrayList<>(header.size());
            for (int i = 0; i < result.size(); i++) {
                CustomerProfile p = result.profile(i);
                row.clear();
                row.add(p.id());
                row.add(p.segment() < 0 ? "" : Integer.toString(p.segment()));
                row.add(p.segmentName());
                row.add(Integer.toString(p.recencyScore()));
                row.add(Integer.toString(p.frequencyScore()));
                row.add(Integer.toString(p.monetaryScore()));
                row.add(CsvNumbers.format("recency", rec[i], precision));
                row.add(CsvNumbers.format("frequency", freq[i], precision));
                row.add(CsvNumbers.format("monetary", mon[i], precision));
                row.add(CsvNumbers.format("p_churn", p.churnProbability(), precision));
                row.add(CsvNumbers.format("p_alive", p.aliveProbability(), precision));
                row.add(CsvNumbers.format("expected_purchases", p.expectedPurchases(), precision));
                row.add(CsvNumbers.format("clv", p.clv(), precision));
                row.add(String.join(" ", p.topItems()));
                if (described) {
                    row.add(SegmentItems.descriptions(p.topItems(), id -> {
                        int index = log.itemIndex(id);
                        return index < 0 ? null : log.itemDescription(index).orElse(null);
                    }));
                }
                w.writeRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertSameFile(SegmentationResult result, String name) throws IOException {
        for (SegmentationResult.Precision precision : SegmentationResult.Precision.values()) {
            Path expected = dir.resolve(name + "-" + precision + "-reference.csv");
            Path actual = dir.resolve(name + "-" + precision + ".csv");
            reference(result, expected, precision);
            result.writeCustomersCsv(actual, precision);
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), name + ", " + precision);
        }
    }

    /** 9,001 customers: two full chunks and a short one, in one batch (one thread) or several. */
    @Test
    void customersCsvIsTheSingleWritersFileForOneToThreeThreads() throws IOException {
        TransactionLog log = RetailSimulator.builder().customers(9001).seed(8).build().generate().log();
        for (int threads = 1; threads <= 3; threads++) {
            SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(3).nInit(1).seed(1))
                    .recommend(Popularity.builder(), 5).threads(threads).run();
            assertSameFile(r, "sim-" + threads);
        }
    }

    /** Descriptions with commas and quotes: FastCSV quotes the same fields in the chunks as in one file. */
    @Test
    void quotedDescriptionsAreWrittenAsBefore() throws IOException {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2023, 1, 2, 10, 0);
        String[] items = {"A1", "B2", "C3", "D4"};
        for (int c = 0; c < 5000; c++) {
            for (int k = 0; k < 1 + c % 3; k++) {
                b.add("c\"" + c + ",x", "i" + c + "-" + k, items[(c + k) % items.length], t.plusDays(c % 300 + 30L * k),
                        1, 5.0 + c % 7 * 10);
            }
        }
        b.describeItem("A1", "HEART, \"WHITE\"").describeItem("B2", "BAG\nRED").describeItem("C3", "plain");
        TransactionLog log = b.build();
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(2).seed(1))
                .recommend(Popularity.builder(), 3).threads(2).run();
        assertSameFile(r, "described");
    }
}
