package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation run}: the end-to-end example. From a transaction log (the built-in simulator by default,
 * or {@code --input} with a preset) it computes RFM features, k-means segments on log1p + standardized RFM,
 * BG/NBD + Gamma-Gamma lifetime value, and a logistic churn model, then writes {@code customers.csv} and
 * {@code segments.csv} to {@code --out-dir} and prints JSON ({@code customers}, {@code segments},
 * {@code reportPath}, {@code timingsMillis}, and with the simulator {@code truth}: how well segments and churn
 * recover the known ground truth). The HTML report ({@code reportPath}) comes with the report work; until then
 * the field is null.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline: features, segments, lifetime value and churn per customer.",
            "Default input: the built-in simulator (about 1 million transactions with known truth)."})
final class RunCommand implements Callable<Integer> {
    private static final int HORIZON_DAYS = 90;
    private static final Duration WEEK = Duration.ofDays(7);

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "A transaction file read with --preset.")
    Path input;

    @Option(names = "--preset", paramLabel = "NAME", description = "The file's preset: online-retail or cdnow.")
    String preset;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "segmentation-output",
            description = "Where customers.csv and segments.csv go. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Option(names = "--k", paramLabel = "K", defaultValue = "4",
            description = "Number of k-means segments. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "37000",
            description = "Simulated customers (without --input). Default: ${DEFAULT-VALUE} (about 1M rows).")
    int customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the simulator and of k-means. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads for k-means and the simulator. Default: ${DEFAULT-VALUE}.")
    int threads;

    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long lap;

    @Override
    public Integer call() {
        if (k < 1) {
            throw new ParameterException(spec.commandLine(), "--k must be >= 1, found " + k);
        }
        if ((input == null) != (preset == null)) {
            throw new ParameterException(spec.commandLine(), "--input and --preset go together");
        }
        lap = System.nanoTime();
        SimulatedRetail sim = null;
        TransactionLog log;
        if (input == null) {
            sim = RetailSimulator.builder().customers(customers).seed(seed).threads(threads).build().generate();
            log = sim.log();
        } else {
            CsvPreset.named(preset);
            log = TransactionCsv.readPreset(input, preset).log();
        }
        time("load");
        LocalDate last = log.lastDateTime().toLocalDate();
        LocalDate asOf = last.plusDays(1);

        CustomerFeatureTable rfm = CustomerFeatures.builder().asOf(asOf).rfm().build().compute(log);
        EncoderPipelineModel encoder = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).build().fit(rfm.matrix());
        FeatureMatrix x = encoder.transform(rfm.matrix());
        time("features");

        KMeansModel kmeans = KMeans.builder().k(k).nInit(4).seed(seed).threads(threads).build().fit(x);
        int[] segment = kmeans.predict(x);
        time("segments");

        BtydSummary summary = BtydSummarizer.builder().end(last).unit(WEEK).build().summarize(log);
        BgNbdModel bgnbd = BgNbd.builder().build().fit(summary);
        GammaGammaModel spend = GammaGamma.builder().build().fit(summary);
        double[] pAlive = new double[summary.size()];
        double[] expected = new double[summary.size()];
        bgnbd.score(summary, Period.ofYears(1), pAlive, expected);
        double[] clv = Clv.builder().horizon(Period.ofYears(1)).annualDiscountRate(0.10).build()
                .compute(bgnbd, spend, summary);
        time("lifetimeValue");

        ChurnDataset train = ChurnLabeler.builder().cutoff(last.minusDays(HORIZON_DAYS)).horizonDays(HORIZON_DAYS)
                .build().label(log);
        LogisticRegressionModel churn = LogisticRegression.builder().l2(1.0).build()
                .fit(train.features(), train.labels());
        ChurnFeatures churnFeatures = ChurnFeatures.standard();
        double[] row = new double[churnFeatures.names().size()];
        double[] pChurn = new double[log.customerCount()];
        for (int c = 0; c < pChurn.length; c++) {
            if (!log.rowsOf(c).isEmpty()) {
                churnFeatures.compute(log, c, last, row);
                pChurn[c] = churn.predictProbability(row);
            }
        }
        time("churn");

        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --out-dir " + outDir + ": " + e.getMessage(), e);
        }
        Path customersCsv = outDir.resolve("customers.csv");
        Path segmentsCsv = outDir.resolve("segments.csv");
        List<Map<String, Object>> segments = segmentRows(rfm, segment, summary, clv, pChurn, log);
        writeCustomers(customersCsv, log, rfm, segment, summary, pAlive, expected, clv, pChurn);
        writeSegments(segmentsCsv, segments);
        time("write");

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", input == null ? "simulator" : input.toString());
        json.put("customers", rfm.size());
        json.put("transactions", log.size());
        json.put("asOf", asOf.toString());
        json.put("segments", segments);
        json.put("bgNbd", bgnbd.params());
        json.put("gammaGamma", spend.params());
        json.put("customersCsv", customersCsv.toString());
        json.put("segmentsCsv", segmentsCsv.toString());
        json.put("reportPath", null);
        if (sim != null) {
            json.put("truth", truth(sim, log, rfm, segment, summary, pChurn));
        }
        json.put("timingsMillis", timings);
        PrintWriter out = spec.commandLine().getOut();
        Json.print(out, json);
        return 0;
    }

    private void time(String stage) {
        long now = System.nanoTime();
        timings.put(stage, (now - lap) / 1_000_000);
        lap = now;
    }

    /** How well the run recovers the simulator's truth: segment ARI, churn AUC on repeat buyers. */
    private static Map<String, Object> truth(SimulatedRetail sim, TransactionLog log, CustomerFeatureTable rfm,
            int[] segment, BtydSummary summary, double[] pChurn) {
        int[] trueSegment = new int[rfm.size()];
        for (int i = 0; i < rfm.size(); i++) {
            trueSegment[i] = sim.segment(log.customerIndex(rfm.id(i)));
        }
        DoubleArrayList score = new DoubleArrayList();
        IntArrayList dead = new IntArrayList();
        for (int c = 0; c < log.customerCount(); c++) {
            if (sim.repeatPurchases(c) > 0) {
                score.add(pChurn[c]);
                dead.add(sim.alive(c) ? 0 : 1);
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("segmentAdjustedRandIndex", ClusterQuality.adjustedRandIndex(trueSegment, segment));
        t.put("churnAucDeadVsAliveRepeatBuyers", BinaryMetrics.rocAuc(score.toDoubleArray(), dead.toIntArray()));
        t.put("trueSegments", sim.segments().size());
        t.put("repeatBuyers", dead.size());
        return t;
    }

    private static List<Map<String, Object>> segmentRows(CustomerFeatureTable rfm, int[] segment,
            BtydSummary summary, double[] clv, double[] pChurn, TransactionLog log) {
        int k = 0;
        for (int s : segment) {
            k = Math.max(k, s + 1);
        }
        double[] r = rfm.column(CustomerFeatures.RECENCY);
        double[] f = rfm.column(CustomerFeatures.FREQUENCY);
        double[] m = rfm.column(CustomerFeatures.MONETARY);
        Map<String, Integer> summaryRow = new LinkedHashMap<>();
        for (int i = 0; i < summary.size(); i++) {
            summaryRow.put(summary.id(i), i);
        }
        double[][] sums = new double[k][6];
        for (int i = 0; i < segment.length; i++) {
            double[] s = sums[segment[i]];
            Integer j = summaryRow.get(rfm.id(i));
            s[0]++;
            s[1] += r[i];
            s[2] += f[i];
            s[3] += m[i];
            s[4] += j == null ? 0 : clv[j];
            s[5] += pChurn[log.customerIndex(rfm.id(i))];
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            double n = sums[s][0];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("segment", s);
            row.put("size", (long) n);
            row.put("share", n / segment.length);
            row.put("meanRecencyDays", sums[s][1] / n);
            row.put("meanFrequency", sums[s][2] / n);
            row.put("meanMonetary", sums[s][3] / n);
            row.put("meanClv", sums[s][4] / n);
            row.put("meanPChurn", sums[s][5] / n);
            rows.add(row);
        }
        return rows;
    }

    private static void writeCustomers(Path file, TransactionLog log, CustomerFeatureTable rfm, int[] segment,
            BtydSummary summary, double[] pAlive, double[] expected, double[] clv, double[] pChurn) {
        Map<String, Integer> summaryRow = new LinkedHashMap<>();
        for (int i = 0; i < summary.size(); i++) {
            summaryRow.put(summary.id(i), i);
        }
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            w.writeRecord("customer_id", "segment", "recency", "frequency", "monetary", "p_alive",
                    "expected_purchases_1y", "clv_1y", "p_churn");
            for (int i = 0; i < rfm.size(); i++) {
                String id = rfm.id(i);
                int j = summaryRow.getOrDefault(id, -1);
                w.writeRecord(id, Integer.toString(segment[i]),
                        Double.toString(rfm.get(i, CustomerFeatures.RECENCY)),
                        Double.toString(rfm.get(i, CustomerFeatures.FREQUENCY)),
                        Double.toString(rfm.get(i, CustomerFeatures.MONETARY)),
                        j < 0 ? "" : Double.toString(pAlive[j]), j < 0 ? "" : Double.toString(expected[j]),
                        j < 0 ? "" : Double.toString(clv[j]),
                        Double.toString(pChurn[log.customerIndex(id)]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void writeSegments(Path file, List<Map<String, Object>> segments) {
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            w.writeRecord(new ArrayList<>(segments.get(0).keySet()));
            for (Map<String, Object> s : segments) {
                List<String> values = new ArrayList<>();
                s.values().forEach(v -> values.add(String.valueOf(v)));
                w.writeRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
