package dev.segmentation.pipeline;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.pipeline.SegmentationResult.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** Writes one line per customer with the header {@link SegmentationResult#CUSTOMER_COLUMNS}. */
    static void writeCustomers(SegmentationResult result, Path file, Precision precision) {
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
                    row.add(descriptions(log, p.topItems(), Map.of()));
                }
                w.writeRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
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
