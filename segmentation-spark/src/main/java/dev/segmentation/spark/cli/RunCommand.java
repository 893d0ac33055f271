package dev.segmentation.spark.cli;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.internal.cli.RunOptions;
import dev.segmentation.internal.cli.SegmentAlgorithm;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.ChurnValidation;
import dev.segmentation.pipeline.CustomerCsvNumbers;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.SegmentItems;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.spark.SparkIngest;
import dev.segmentation.spark.SparkIngestResult;
import dev.segmentation.spark.SparkSegmentation;
import dev.segmentation.spark.SparkSegmentationResult;
import dev.segmentation.spark.SparkSimulator;
import dev.segmentation.features.CustomerFeatures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the whole pipeline in Spark ({@link SparkSegmentation}) on transaction lines ({@code --input} with
 * {@code --format} and {@code --preset}, the cleaning rules of the single-JVM {@code run}) or on the built-in
 * simulator ({@code --customers N --seed S}, generated inside partitions). Writes {@code customers/} (Parquet, the
 * columns of {@code customers.csv}), {@code segments.csv}, {@code report.html} and, with {@code --single-csv}, one {@code customers.csv}
 * with exactly the single-JVM file's columns and number format; {@code --save-models FILE} writes the bundle the
 * single-JVM {@code score} reads. JSON on stdout with the single-JVM {@code run}'s fields. All outputs are written
 * beside their targets first and moved in at the end: a failed run leaves no new file.
 *
 * <p>As in the single JVM: k-means ({@code --k}, {@code --n-init} restarts (default 4), {@code --seed}), or with
 * {@code --algorithm gmm} a Gaussian mixture ({@code --covariance full|diag|spherical}, {@code --n-init} EM runs
 * each from k-means), on log1p + standardized RFM and
 * behaviour features (and category and channel shares when the lines have them), the transaction model chosen
 * among BG/NBD, MBG/NBD and Pareto/NBD on a holdout with the single JVM's dropout-weight grid (its code, from
 * histograms built in Spark: {@code --transaction-model auto}, the default) and Gamma-Gamma over one year
 * discounted at 10 % a year in weeks, logistic churn ({@code l2 1}) over {@code --churn-horizon-days}; the JSON's
 * {@code lifetimeValue} (candidates, criterion, model, dropout prior) and {@code warnings} as the single JVM's.
 * {@code --transaction-model bgnbd|mbgnbd|paretonbd} forces one model (at {@code --dropout-weight}, default 0);
 * {@code --dropout-weight W} with {@code auto} replaces the grid by W alone. The top {@code --top-n} items per
 * customer by item kNN with 50 neighbours (binary weights, non-products left out; in {@code customers.csv}
 * {@code top_items} as the single JVM's, customers with more than
 * {@link dev.segmentation.spark.SparkItemKnn#DEFAULT_CAP} distinct items adding no co-occurrence). Unlike the
 * single JVM: a stage that cannot run fails the run and only item kNN recommends. The segments' item columns
 * ({@code top_items}, {@code distinctive_items}), {@code value_at_risk} and, when the input has item descriptions,
 * the description columns are the single JVM's rules on aggregates computed in Spark
 * ({@link dev.segmentation.pipeline.SegmentItems}). {@code report.html} is drawn from Spark aggregates
 * ({@link dev.segmentation.spark.SparkReportData}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline in Spark: features, segments, lifetime value, churn and recommendations per "
                + "customer.",
            "Input: --input PATH (--format csv|parquet, --preset NAME) or the built-in simulator "
                + "(--customers N --seed S)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Sessions session;

    @Option(names = "--input", paramLabel = "PATH",
            description = "Transaction lines: a CSV file (a .gz name is gunzipped), a directory, or Parquet. "
                    + "Default: the built-in simulator.")
    String input;

    @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv",
            description = "Format of --input. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A known data set: online-retail or cdnow (mapping and the run's cleaning rules).")
    String preset;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "Charset of a CSV input. Default: ${DEFAULT-VALUE}.")
    String charset;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "37000",
            description = "Simulated customers (without --input). Default: ${DEFAULT-VALUE}.")
    int customers;

    /** {@code --seed}, as the single-JVM {@code run}'s. */
    @Mixin
    RunOptions.Seed seedOption;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of the simulated lines. Default: Spark's default parallelism, or one per "
                    + "40,000 customers if that is more.")
    Integer partitions;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "segmentation-output",
            description = "Where customers/, segments.csv (and customers.csv) go. Default: ${DEFAULT-VALUE}.")
    String outDir;

    @Option(names = "--top-n", paramLabel = "N", defaultValue = "10",
            description = "Recommended items per customer (item kNN, 50 neighbours). Default: ${DEFAULT-VALUE}.")
    int topN;

    /** {@code --single-csv}, as {@code score}'s. */
    @Mixin
    CsvOutput csvOutput;

    @Option(names = "--k", paramLabel = "K", defaultValue = "5",
            description = "Number of segments. Default: ${DEFAULT-VALUE}.")
    int k;

    /** {@code --algorithm}, {@code --covariance} and {@code --n-init}, as the single-JVM {@code run}'s. */
    @Mixin
    RunOptions.Segments segmentOptions;

    /** {@code --churn-horizon-days}, as the single-JVM {@code run}'s. */
    @Mixin
    RunOptions.ChurnHorizon churnOption;

    @Option(names = "--currency", paramLabel = "CODE",
            description = "The currency of the amounts (ISO 4217). Default: GBP with online-retail, USD with cdnow.")
    String currency;

    @Option(names = "--precision", paramLabel = "MODE", defaultValue = "rounded",
            description = "Numbers in customers.csv and segments.csv: rounded or full. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--transaction-model", paramLabel = "NAME", defaultValue = "auto",
            description = "The transaction model of lifetime value: auto (chosen among bgnbd, mbgnbd and paretonbd "
                    + "on a holdout, as the single JVM's run does; reported in lifetimeValue), or bgnbd, mbgnbd or "
                    + "paretonbd to force one. Default: ${DEFAULT-VALUE}.")
    String transactionModel;

    @Option(names = "--dropout-weight", paramLabel = "W",
            description = "Weight of the transaction model's prior on dropout: with a forced model its weight "
                    + "(default 0); with auto the only weight tried (default: the grid 0, 1e-4, 1e-3, 1e-2, the one "
                    + "chosen reported as dropoutPrior.used).")
    Double dropoutWeight;

    @Option(names = "--save-models", paramLabel = "FILE",
            description = "Also write the fitted models as one JSON bundle, for the single-JVM or Spark score.")
    java.nio.file.Path saveModels;

    @Override
    public Integer call() {
        // usage checks, before any Spark work (exit 2)
        SegmentAlgorithm segments = segmentOptions.algorithm();
        boolean kmeans = segments.kMeans();
        CovarianceType cov = segments.covariance();
        ParamChecks.atLeast("--k", k, 1);
        int nInit = segmentOptions.nInit();
        int churnHorizonDays = churnOption.days();
        long seed = seedOption.seed();
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("--currency must be a three-letter code such as GBP, found \""
                    + currency + "\"");
        }
        SegmentationResult.Precision csvPrecision = CsvOutput.precision(precision);
        if (!List.of("auto", "bgnbd", "mbgnbd", "paretonbd").contains(transactionModel)) {
            throw new IllegalArgumentException("--transaction-model must be auto, bgnbd, mbgnbd or paretonbd, found "
                    + "\"" + transactionModel + "\"");
        }
        if (dropoutWeight != null && (!(dropoutWeight >= 0) || Double.isInfinite(dropoutWeight))) {
            throw new IllegalArgumentException("--dropout-weight must be finite and >= 0, found " + dropoutWeight);
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("parquet")) {
            throw new IllegalArgumentException("--format must be csv or parquet, found \"" + format + "\"");
        }
        boolean simulated = input == null;
        if (simulated) {
            if (preset != null) {
                throw new IllegalArgumentException("--preset needs --input PATH (without --input, run uses the "
                        + "built-in simulator)");
            }
            ParamChecks.atLeast("--customers", customers, 1);
        } else {
            if (spec.commandLine().getParseResult().hasMatchedOption("--customers")) {
                throw new IllegalArgumentException("--customers sizes the simulator; it cannot be combined with "
                        + "--input");
            }
            if (preset == null) {
                throw new IllegalArgumentException("--preset must be given with --input (online-retail or cdnow), "
                        + "found none");
            }
            CsvPreset.named(preset);
            CsvOutput.requireApart(input, outDir);
        }
        if (partitions != null) {
            ParamChecks.atLeast("--partitions", partitions, 1);
        }
        ParamChecks.atLeast("--top-n", topN, 1);
        String money = currency != null ? currency : preset == null ? "" : preset.equals("online-retail") ? "GBP"
                : preset.equals("cdnow") ? "USD" : "";

        long t0 = System.nanoTime();
        SparkSession spark = session.start("run");
        Sessions.requireDirectory(spark, outDir); // before any job, as the single JVM
        Dataset<Row> lines;
        SparkIngestResult ingested = null;
        SparkSimulator.CachedLines simulatedLines = null;
        if (simulated) {
            int p = partitions != null ? partitions : SparkSimulator.partitions(spark, customers);
            // kept as compact arrays, not in Spark's columnar cache (whose compression cost most of the load stage)
            simulatedLines = SparkSimulator.cachedLines(spark,
                    RetailSimulator.builder().customers(customers).seed(seed).build(), p);
            lines = simulatedLines.lines();
        } else {
            InputOptions in = new InputOptions();
            in.input = input;
            in.format = f;
            in.preset = preset;
            in.charset = charset;
            TransactionCsv.Options options = CsvPreset.named(preset).tableRunOptions();
            ingested = readForRun(spark, in, options);
            lines = ingested.lines();
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Path> temporaries = new ArrayList<>();
        try {
            long transactions;
            boolean categories;
            boolean channels;
            if (simulatedLines != null) {
                // counted while generated, and every simulated line has a channel and a category: no pass over the
                // lines (it was about 8 s of task CPU at 1 M customers)
                transactions = simulatedLines.lineCount();
                categories = true;
                channels = true;
            } else {
                Row kinds = lines.agg(functions.count(functions.lit(1)),
                        functions.max(functions.col(SparkIngest.CATEGORY).isNotNull()),
                        functions.max(functions.col(SparkIngest.CHANNEL).isNotNull())).first();
                transactions = kinds.getLong(0);
                categories = !kinds.isNullAt(1) && kinds.getBoolean(1);
                channels = !kinds.isNullAt(2) && kinds.getBoolean(2);
            }
            if (transactions == 0) {
                throw new dev.segmentation.InvalidDataException("log must have at least one row, found 0");
            }
            Duration load = Duration.ofNanos(System.nanoTime() - t0);
            SparkSegmentation pipeline = SparkSegmentation.of(lines)
                    .features(b -> {
                        CustomerFeatures.Builder x = b.behaviour();
                        if (categories) {
                            x.categoryShares();
                        }
                        if (channels) {
                            x.channelShares();
                        }
                        return x;
                    })
                    .churn(churnHorizonDays, LogisticRegression.builder().l2(1.0))
                    .recommend(ItemKnn.builder().neighbors(50), topN);
            if (kmeans) {
                pipeline.segments(KMeans.builder().k(k).nInit(nInit).seed(seed));
            } else {
                pipeline.segments(GaussianMixture.builder().k(k).covariance(cov).nInit(nInit).seed(seed));
            }
            if (simulated) { // the single JVM's simulated log numbers its whole catalogue in order
                pipeline.itemOrder(SparkSimulator.itemIds(RetailSimulator.builder().customers(customers).seed(seed)
                        .build()));
            }
            // the fits on the merged histograms run on the driver while no job runs: on its cores, as the single
            // JVM's run uses its --threads (bit for bit the same results)
            pipeline.lifetimeValue(lifetimeValue(money, Sessions.driverThreads(spark)));
            SparkSegmentationResult result = pipeline.run();
            for (String w : result.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
            spec.commandLine().getErr().flush();

            long w0 = System.nanoTime();
            Path out = new Path(outDir);
            FileSystem fs = out.getFileSystem(conf);
            fs.mkdirs(out);
            String customersDir = new Path(out, "customers").toString();
            Path customersTmp = Sessions.temporary(conf, customersDir);
            temporaries.add(customersTmp);
            Sessions.writeCustomersParquet(result.customers(), customersTmp.toString());
            String segmentsCsv = new Path(out, "segments.csv").toString();
            Path segmentsTmp = Sessions.temporary(conf, segmentsCsv);
            temporaries.add(segmentsTmp);
            writeSegments(fs, segmentsTmp, result, csvPrecision);
            String customersCsv = new Path(out, "customers.csv").toString();
            Path customersCsvTmp = csvOutput.stageCustomersCsv(fs, conf, customersCsv, result.customers(),
                    csvPrecision, result.hasItemDescriptions(), temporaries);
            String reportPath = new Path(out, "report.html").toString();
            Path reportTmp = Sessions.temporary(conf, reportPath);
            temporaries.add(reportTmp);
            String html = dev.segmentation.report.HtmlReport.render(dev.segmentation.spark.SparkReportData.of(result,
                    lines, churnHorizonDays, money, List.of()), "Customer segmentation: "
                    + (simulated ? "simulated retailer" : new Path(input).getName()));
            try (OutputStream o = Sessions.createPlain(fs, reportTmp)) {
                o.write(html.getBytes(StandardCharsets.UTF_8));
            }
            java.nio.file.Path modelsTmp = null;
            if (saveModels != null) {
                java.nio.file.Path target = saveModels.toAbsolutePath();
                modelsTmp = target.resolveSibling("." + target.getFileName() + ".tmp-"
                        + Long.toHexString(System.nanoTime()));
                ModelJson.write(result.models(), modelsTmp);
            }
            // everything is written: move it in
            Sessions.commit(conf, customersTmp, customersDir);
            Sessions.commit(conf, segmentsTmp, segmentsCsv);
            Sessions.commit(conf, reportTmp, reportPath);
            if (customersCsvTmp != null) {
                Sessions.commit(conf, customersCsvTmp, customersCsv);
            }
            if (modelsTmp != null) {
                java.nio.file.Files.move(modelsTmp, saveModels.toAbsolutePath(),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("load", load.toMillis());
            result.timings().forEach((stage, d) -> timings.put(stage, d.toMillis()));
            timings.put("write", Duration.ofNanos(System.nanoTime() - w0).toMillis());
            timings.put("total", Duration.ofNanos(System.nanoTime() - t0).toMillis());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("input", simulated ? "simulator" : input);
            json.put("customers", result.size());
            json.put("transactions", transactions);
            json.put("asOf", result.asOf().toString());
            json.put("segments", segments(result));
            json.put("lifetimeValue", result.lifetimeValueReport().orElseThrow().toMap());
            Map<String, Object> churn = new LinkedHashMap<>();
            churn.put("horizonDays", churnHorizonDays);
            churn.put("ran", true);
            churn.put("definition", ChurnValidation.definition(churnHorizonDays));
            churn.put("validation", null);
            json.put("churn", churn);
            json.put("bgNbd", result.models().models().get("transactions") instanceof dev.segmentation.clv.BtydModel m
                    ? m.params() : null);
            json.put("gammaGamma", result.models().models().get("spend") instanceof
                    dev.segmentation.clv.GammaGammaModel g ? g.params() : null);
            json.put("customersParquet", customersDir);
            json.put("customersCsv", csvOutput.singleCsv ? customersCsv : null);
            json.put("segmentsCsv", segmentsCsv);
            json.put("reportPath", reportPath);
            if (saveModels != null) {
                json.put("modelsPath", saveModels.toString());
            }
            json.put("warnings", result.warnings());
            json.put("timingsMillis", timings);
            result.unpersist();
            Sessions.print(spec.commandLine().getOut(), json);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("--out-dir cannot be written: " + e.getMessage(), e);
        } finally {
            for (Path t : temporaries) {
                Sessions.discard(conf, t);
            }
            if (saveModels != null) {
                discardModelTemporaries();
            }
            if (ingested != null) {
                ingested.unpersist();
            } else {
                simulatedLines.unpersist();
            }
        }
    }

    /**
     * The lifetime-value stage: the single JVM's run configuration (the choice on a holdout, one year at 10 % in
     * weeks), or --transaction-model at --dropout-weight; its fits on {@code threads} driver threads.
     */
    private LifetimeValue lifetimeValue(String money, int threads) {
        double w = dropoutWeight == null ? 0 : dropoutWeight;
        LifetimeValue ltv;
        switch (transactionModel) {
            case "mbgnbd":
                ltv = LifetimeValue.modifiedBgNbd(ModifiedBgNbd.builder().dropoutPenalty(w).threads(threads));
                break;
            case "paretonbd":
                ltv = LifetimeValue.paretoNbd(ParetoNbd.builder().dropoutPenalty(w).threads(threads));
                break;
            case "bgnbd":
                ltv = LifetimeValue.bgNbd(BgNbd.builder().dropoutPenalty(w).threads(threads));
                break;
            default:
                ltv = LifetimeValue.chosenByHoldout().threads(threads);
                if (dropoutWeight != null) {
                    ltv.dropoutWeights(dropoutWeight);
                }
        }
        return ltv.spend(GammaGamma.builder()).horizon(Period.ofYears(1)).annualDiscountRate(0.10)
                .unit(Duration.ofDays(7)).currency(money);
    }

    /** Reads with the run's cleaning rules (the preset's {@code tableRunOptions}). */
    private static SparkIngestResult readForRun(SparkSession spark, InputOptions in, TransactionCsv.Options options) {
        Sessions.requireExists(spark, "--input", in.input);
        Dataset<Row> raw = in.format.equals("parquet") ? spark.read().parquet(in.input)
                : InputOptions.withoutByteOrderMark(spark.read().option("header", "true")
                        .option("encoding", in.charset).option("escape", "\"").csv(in.input));
        return SparkIngest.builder(options).source(in.input).partitions(InputOptions.partitions(spark, raw)).build()
                .read(raw);
    }

    private void discardModelTemporaries() {
        java.nio.file.Path target = saveModels.toAbsolutePath();
        java.nio.file.Path dir = target.getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var s = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) s::iterator) {
                if (p.getFileName().toString().startsWith("." + target.getFileName() + ".tmp-")) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // a leftover temporary file's name starts with a dot and says what it is
        }
    }

    private static List<Map<String, Object>> segments(SparkSegmentationResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SparkSegmentationResult.Segment s : result.segments()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("segment", s.segment());
            row.put("name", s.name());
            row.put("archetype", s.archetype());
            row.put("size", s.size());
            row.put("share", s.share());
            List<Double> centre = new ArrayList<>();
            for (double v : s.centre()) {
                centre.add(Sessions.finiteOrNull(v));
            }
            row.put("centre", centre);
            row.put("revenue", Sessions.finiteOrNull(s.revenue()));
            row.put("meanClv", Sessions.finiteOrNull(s.meanClv()));
            row.put("clvTotal", Sessions.finiteOrNull(s.clvTotal()));
            row.put("churnRate", Sessions.finiteOrNull(s.churnRate()));
            row.put("action", s.action());
            rows.add(row);
        }
        return rows;
    }

    /**
     * The single-JVM segments.csv, every column filled from the Spark summaries (the description columns at the
     * end when the lines have item descriptions).
     */
    private static void writeSegments(FileSystem fs, Path target, SparkSegmentationResult result,
            SegmentationResult.Precision p) throws IOException {
        List<String> features = ((dev.segmentation.pipeline.SegmentCatalog) result.models().models().get("catalog"))
                .features();
        double totalRevenue = 0;
        for (SparkSegmentationResult.Segment s : result.segments()) {
            totalRevenue += s.revenue();
        }
        StringBuilder b = new StringBuilder("segment,name,size,share");
        for (String f : features) {
            b.append(",centre_").append(f);
        }
        b.append(",mean_clv,churn_rate,top_items");
        for (String c : SegmentationResult.SEGMENT_PROFILE_COLUMNS) {
            b.append(',').append(c);
        }
        boolean described = result.hasItemDescriptions();
        if (described) {
            for (String c : SegmentationResult.SEGMENT_DESCRIPTION_COLUMNS) {
                b.append(',').append(c);
            }
        }
        b.append('\n');
        for (SparkSegmentationResult.Segment s : result.segments()) {
            b.append(s.segment()).append(',').append(CsvOutput.csv(s.name())).append(',').append(s.size())
                    .append(',').append(CustomerCsvNumbers.format("share", s.share(), p));
            double[] c = s.centre();
            for (int j = 0; j < c.length; j++) {
                b.append(',').append(CustomerCsvNumbers.format("centre_" + features.get(j), c[j], p));
            }
            b.append(',').append(CustomerCsvNumbers.format("mean_clv", s.meanClv(), p)).append(',')
                    .append(CustomerCsvNumbers.format("churn_rate", s.churnRate(), p)).append(',')
                    .append(CsvOutput.csv(String.join(" ", s.topItems())))
                    .append(',').append(CustomerCsvNumbers.format("median_recency", s.medians().recencyDays(), p))
                    .append(',').append(CustomerCsvNumbers.format("median_frequency", s.medians().orders(), p))
                    .append(',').append(CustomerCsvNumbers.format("median_monetary", s.medians().monetary(), p))
                    .append(',').append(CustomerCsvNumbers.format("revenue", s.revenue(), p))
                    .append(',').append(CustomerCsvNumbers.format("revenue_share",
                            totalRevenue > 0 ? s.revenue() / totalRevenue : 0, p))
                    .append(',').append(CustomerCsvNumbers.format("clv_total", s.clvTotal(), p))
                    .append(',').append(CustomerCsvNumbers.format("value_at_risk", s.valueAtRisk(), p))
                    .append(',').append(CsvOutput.csv(s.action()))
                    .append(',').append(CsvOutput.csv(String.join(" ", s.distinctiveItems())));
            if (described) {
                b.append(',').append(CsvOutput.csv(SegmentItems.descriptions(s.topItems(),
                        s.itemDescriptions()::get)))
                        .append(',').append(CsvOutput.csv(SegmentItems.descriptions(s.distinctiveItems(),
                                s.itemDescriptions()::get)));
            }
            b.append('\n');
        }
        try (OutputStream o = Sessions.createPlain(fs, target)) {
            o.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
