package dev.segmentation.pipeline;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.pipeline.SegmentationResult.Precision;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV files of a {@link SegmentationResult} ({@code customers.csv}, {@code segments.csv}; columns in its class
 * comment): one row per customer or segment, numbers through {@link CsvNumbers}. Not API.
 */
final class ResultCsv {
    private ResultCsv() {
    }

    /**
     * Writes one line per customer with the header {@link SegmentationResult#CUSTOMER_COLUMNS}: the lines of each
     * chunk of {@link Segmentation#CHUNK} customers are formatted to UTF-8 bytes on the run's threads, a batch of
     * chunks at a time, and the chunks written in order (each line depends on its customer only, so the file is the
     * same for every thread count and the same as one writer's).
     */
    static void writeCustomers(SegmentationResult result, Path file, Precision precision) {
        TransactionLog log = result.log();
        CustomerFeatureTable features = result.features();
        double[] rec = features.column(CustomerFeatures.RECENCY);
        double[] freq = features.column(CustomerFeatures.FREQUENCY);
        double[] mon = features.column(CustomerFeatures.MONETARY);
        boolean described = log.hasItemDescriptions();
        List<String> header = new ArrayList<>(SegmentationResult.CUSTOMER_COLUMNS);
        if (described) {
            header.add(SegmentationResult.ITEM_DESCRIPTION_COLUMN);
        }
        int n = result.size();
        int threads = Math.max(1, result.threads());
        int batch = Segmentation.CHUNK * 8 * threads;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                ChunkRunner runner = new ChunkRunner(threads, "write")) {
            out.write(lines(w -> w.writeRecord(header)));
            for (int lo = 0; lo < n; lo += batch) {
                int first = lo;
                List<byte[]> parts = runner.map(Math.min(n, lo + batch) - lo, Segmentation.CHUNK,
                        (from, to) -> lines(w -> {
                            List<String> row = new ArrayList<>(header.size());
                            for (int i = first + from; i < first + to; i++) {
                                customerRow(result, i, rec, freq, mon, described, precision, row);
                                w.writeRecord(row);
                            }
                        }));
                for (byte[] part : parts) {
                    out.write(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Records written by one CSV writer, as the UTF-8 bytes a file writer would have written. */
    private interface Records {
        void write(CsvWriter w) throws IOException;
    }

    private static byte[] lines(Records records) {
        StringWriter text = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text)) {
            records.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Fills {@code row} with customer {@code i}'s fields, in the order of the header. */
    private static void customerRow(SegmentationResult result, int i, double[] rec, double[] freq, double[] mon,
            boolean described, Precision precision, List<String> row) {
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
            row.add(descriptions(result.log(), p.topItems(), Map.of()));
        }
    }

    /** Writes one line per segment; see {@link SegmentationResult#writeSegmentsCsv(Path)}. */
    static void writeSegments(SegmentationResult result, Path file, Precision precision) {
        TransactionLog log = result.log();
        List<String> header = new ArrayList<>(List.of("segment", "name", "size", "share"));
        for (String name : result.modelFeatures().names()) {
            header.add("centre_" + name);
        }
        header.addAll(List.of("mean_clv", "churn_rate", "top_items"));
        header.addAll(SegmentationResult.SEGMENT_PROFILE_COLUMNS);
        boolean described = log.hasItemDescriptions();
        if (described) {
            header.addAll(SegmentationResult.SEGMENT_DESCRIPTION_COLUMNS);
        }
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            w.writeRecord(header);
            for (SegmentSummary s : result.segments()) {
                List<String> row = new ArrayList<>(header.size());
                row.add(Integer.toString(s.segment()));
                row.add(s.name());
                row.add(Integer.toString(s.size()));
                row.add(CsvNumbers.format("share", s.share(), precision));
                for (Map.Entry<String, Double> c : s.centre().entrySet()) {
                    row.add(CsvNumbers.format("centre_" + c.getKey(), c.getValue(), precision));
                }
                row.add(CsvNumbers.format("mean_clv", s.meanClv(), precision));
                row.add(CsvNumbers.format("churn_rate", s.churnRate(), precision));
                row.add(String.join(" ", s.topItems()));
                addProfileColumns(row, s, precision);
                if (described) {
                    row.add(descriptions(log, s.topItems(), s.itemDescriptions()));
                    row.add(descriptions(log, s.distinctiveItems(), s.itemDescriptions()));
                }
                w.writeRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The descriptions of items, in order, joined by {@link SegmentationResult#DESCRIPTION_SEPARATOR}: from
     * {@code known} (the segment's), else from the log, else empty.
     */
    private static String descriptions(TransactionLog log, List<String> items, Map<String, String> known) {
        return SegmentItems.descriptions(items, id -> {
            String d = known.get(id);
            if (d == null) {
                int index = log.itemIndex(id);
                d = index < 0 ? null : log.itemDescription(index).orElse(null);
            }
            return d;
        });
    }

    /** The {@link SegmentationResult#SEGMENT_PROFILE_COLUMNS} of one segment. */
    private static void addProfileColumns(List<String> row, SegmentSummary s, Precision precision) {
        Map<String, Double> medians = s.medians();
        row.add(CsvNumbers.format("median_recency", medians.getOrDefault(CustomerFeatures.RECENCY, Double.NaN),
                precision));
        row.add(CsvNumbers.format("median_frequency", medians.getOrDefault(CustomerFeatures.FREQUENCY, Double.NaN),
                precision));
        row.add(CsvNumbers.format("median_monetary", medians.getOrDefault(CustomerFeatures.MONETARY, Double.NaN),
                precision));
        row.add(CsvNumbers.format("revenue", s.revenue(), precision));
        row.add(CsvNumbers.format("revenue_share", s.revenueShare(), precision));
        row.add(CsvNumbers.format("clv_total", s.clvTotal(), precision));
        row.add(CsvNumbers.format("value_at_risk", s.valueAtRisk(), precision));
        row.add(s.action() == null ? "" : s.action().label());
        row.add(String.join(" ", s.distinctiveItems()));
    }
}
