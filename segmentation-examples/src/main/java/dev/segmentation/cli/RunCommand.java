package dev.segmentation.cli;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.internal.cli.RunOptions;
import dev.segmentation.internal.cli.SegmentAlgorithm;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.pipeline.ChurnValidation;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.pipeline.TruthRecovery;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation run}: the end-to-end example on {@link Segmentation}. From a transaction log (the built-in
 * simulator by default, or {@code --input} with a preset) it computes customer features (RFM, behaviour, and
 * category and channel shares where the log has them), k-means segments on log1p + standardized features (or
 * a Gaussian mixture with {@code --algorithm gmm}, {@code --covariance}, each customer to its most probable
 * component; {@code --n-init} runs, default 4),
 * lifetime value over one year (the transaction model chosen among BG/NBD, MBG/NBD and Pareto/NBD on a holdout,
 * Gamma-Gamma spend, {@code --currency}), a logistic churn model over {@code --churn-horizon-days} (default 90)
 * checked out of sample, and recommendations
 * ({@code --recommender itemknn|als|popularity}, default item kNN); stages that cannot run on the data are
 * skipped with a warning ({@code warning: ...} on stderr, {@code warnings} in the JSON); writes
 * {@code customers.csv} (numbers rounded for people unless {@code --precision full}),
 * {@code segments.csv} and {@code report.html} to {@code --out-dir}, and with {@code --save-models FILE} every
 * fitted model in one versioned JSON bundle ({@link SegmentationResult#models()}); and prints JSON
 * ({@code customers}, {@code segments}, {@code warnings}, {@code lifetimeValue}, {@code churn},
 * {@code reportPath}, {@code modelsPath} when saved, {@code timingsMillis},
 * and with the simulator {@code truth}: how well the run recovers the known truth).
 * Progress goes to stderr: a bar on a terminal, plain lines otherwise, then the stage timings.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline: features, segments, lifetime value, churn and recommendations per "
                + "customer, with an HTML report.",
            "Default input: the built-in simulator (about 1 million transactions with known truth).",
            "Lifetime value: expected purchases and CLV over one year, discounted at 10%% a year, in the currency "
                + "of --currency; the transaction model (BG/NBD, MBG/NBD or Pareto/NBD) is chosen on a holdout of "
                + "the last quarter of the data.",
            "Churn: no purchase in the --churn-horizon-days days after a cut-off. A stage that cannot run on the "
                + "data is skipped with a warning on stderr (warning: ...) and in the JSON."})
final class RunCommand implements Callable<Integer> {
    private static final int AUTO_K_MIN = 3;
    private static final int AUTO_K_MAX = 10;
    private static final double AUTO_MIN_SHARE = 0.05;

    @Spec
    CommandSpec spec;

    /**
     * The input options of {@code ingest}: {@code --input} (optional here: the simulator without it), a
     * {@code --preset} or the column options, formats and cleaning switches.
     */
    @Mixin
    TransactionInput source;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "segmentation-output",
            description = "Where customers.csv, segments.csv and report.html go. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Option(names = "--k", paramLabel = "K", defaultValue = "5",
            description = "Number of segments, or auto (kmeans only): the best silhouette among k = 3..10 whose "
                    + "smallest segment holds at least 5%% of the customers (k = 2 is left out: two segments rarely "
                    + "make two campaigns). Default: ${DEFAULT-VALUE}.")
    String kOption;

    /** {@code --algorithm}, {@code --covariance} and {@code --n-init}, as the Spark {@code run}'s. */
    @Mixin
    RunOptions.Segments segmentOptions;

    @Option(names = "--previous-models", paramLabel = "FILE",
            description = "A bundle saved by an earlier run (--save-models): the new segments are matched to its "
                    + "segments by centre and keep their ids and names while they still fit; the JSON reports "
                    + "the movement.")
    Path previousModels;

    /** The parsed --k (0 for auto), the gmm builder (null for kmeans) and the loaded --previous-models; by call(). */
    private int k;
    private GaussianMixture.Builder mixture;
    private ModelBundle previous;

    @Option(names = "--top-n", paramLabel = "N", defaultValue = "10",
            description = "Recommended items per customer. Default: ${DEFAULT-VALUE}.")
    int topN;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "37000",
            description = "Simulated customers (without --input). Default: ${DEFAULT-VALUE} (about 1M rows).")
    int customers;

    /** {@code --seed}, as the Spark {@code run}'s. */
    @Mixin
    RunOptions.Seed seedOption;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads for the simulator, k-means, logistic regression, item kNN, the "
                    + "lifetime-value fits, the recommendation lists and the segment summaries. "
                    + "Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--recommender", paramLabel = "NAME", defaultValue = "itemknn",
            description = "Recommendations: itemknn (50 neighbours), als (64 factors, 15 iterations, l2 1, alpha 3, "
                    + "conjugate-gradient row solves) or popularity. Default: ${DEFAULT-VALUE}.")
    String recommender;

    /** {@code --churn-horizon-days}, as the Spark {@code run}'s. */
    @Mixin
    RunOptions.ChurnHorizon churnOption;

    @Option(names = "--currency", paramLabel = "CODE",
            description = "The currency of the amounts (ISO 4217, e.g. GBP), stated in the JSON and the report. "
                    + "Default: GBP with the online-retail preset, USD with cdnow, none for the simulator.")
    String currency;

    @Option(names = "--precision", paramLabel = "MODE", defaultValue = "rounded",
            description = "Numbers in customers.csv and segments.csv: rounded (money 2 decimals, probabilities 6 "
                    + "significant digits, counts as integers) or full (full double precision). "
                    + "Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--save-models", paramLabel = "FILE",
            description = "Also write every fitted model of the run as one JSON bundle (names: encoder, rfm, "
                    + "segments, churn, transactions, spend, recommender, catalog, baseline), for score and "
                    + "--previous-models.")
    Path saveModels;

    @Override
    public Integer call() {
        SegmentAlgorithm segments = segmentOptions.algorithm();
        boolean kmeans = segments.kMeans();
        int nInit = segmentOptions.nInit();
        long seed = seedOption.seed();
        if (!List.of("itemknn", "als", "popularity").contains(recommender)) {
            throw new ParameterException(spec.commandLine(), "--recommender must be itemknn, als or popularity, "
                    + "found \"" + recommender + "\"");
        }
        if (kOption.equals("auto")) {
            k = 0;
        } else {
            try {
                k = Integer.parseInt(kOption);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--k must be an integer >= 1 or auto, found \""
                        + kOption + "\"");
            }
            ParamChecks.atLeast("--k", k, 1);
        }
        if (k == 0 && !kmeans) {
            throw new IllegalArgumentException("--k auto applies only with --algorithm kmeans, found --algorithm "
                    + segmentOptions.algorithmName());
        }
        mixture = kmeans ? null : GaussianMixture.builder().covariance(segments.covariance()).nInit(nInit).seed(seed).threads(threads);
        previous = previousModels == null ? null : ModelFiles.read(previousModels, ModelBundle.class);
        ParamChecks.atLeast("--top-n", topN, 1);
        Path input = source.input;
        if (input != null && spec.commandLine().getParseResult().hasMatchedOption("--customers")) {
            throw new ParameterException(spec.commandLine(), "--customers sizes the simulator; it cannot be combined "
                    + "with --input");
        }
        churnOption.days(); // checked with the other options, before anything runs
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new ParameterException(spec.commandLine(), "--currency must be a three-letter code such as GBP, "
                    + "found \"" + currency + "\"");
        }
        if (!List.of("rounded", "full").contains(precision)) {
            throw new ParameterException(spec.commandLine(), "--precision must be rounded or full, found \""
                    + precision + "\"");
        }
        if (input == null) {
            for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
                if (spec.mixins().get("source").options().contains(o) && !o.longestName().equals("--charset")
                        && !o.longestName().equals("--examples")) {
                    throw new ParameterException(spec.commandLine(), o.longestName() + " needs --input FILE "
                            + "(without --input, run uses the built-in simulator)");
                }
            }
        }
        // the mapping, formats and switches are checked before anything runs (usage errors, exit 2)
        TransactionCsv.Options readOptions = input == null ? null : source.runOptions();
        try (OutputFiles outputs = new OutputFiles().input("--input", input)
                .input("--previous-models", previousModels)) {
            return run(outputs, input, readOptions);
        }
    }

    private Integer run(OutputFiles outputs, Path input, TransactionCsv.Options readOptions) {
        long seed = seedOption.seed();
        int nInit = segmentOptions.nInit();
        int churnHorizonDays = churnOption.days();
        String money = currency != null ? currency : defaultCurrency(source.preset);
        // every output is declared before the pipeline runs: a bad path fails at once, and a failed run
        // leaves no new file (customers.csv, segments.csv, report.html and the bundle move in together)
        outputs.directory("--out-dir", outDir);
        Path customersTmp = outputs.target("--out-dir", outDir.resolve("customers.csv"));
        Path segmentsTmp = outputs.target("--out-dir", outDir.resolve("segments.csv"));
        Path report = outDir.resolve("report.html");
        Path reportTmp = outputs.target("--out-dir", report);
        Path modelsTmp = saveModels == null ? null : outputs.target("--save-models", saveModels);
        PrintWriter err = spec.commandLine().getErr();
        ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
        long t0 = System.nanoTime();
        SimulatedRetail sim = null;
        TransactionLog log;
        progress.progress("load", 0.0);
        if (input == null) {
            sim = RetailSimulator.builder().customers(customers).seed(seed).threads(threads).build().generate();
            log = sim.log();
        } else {
            log = TransactionCsv.read(input, readOptions).log();
        }
        progress.progress("load", 1.0);
        List<String> loadNotes = new ArrayList<>();
        if (input != null && log.itemCount() == 0) {
            loadNotes.add("no item column: no recommendations (give --item COLUMN to get them)");
        }
        if (input != null && log.invoiceCount() == 0) {
            loadNotes.add("no invoice column: one order per customer and day");
        }
        loadNotes.forEach(note -> err.println("warning: " + note));
        Duration load = Duration.ofNanos(System.nanoTime() - t0);

        boolean categories = log.hasCategory();
        boolean channels = log.hasChannel();
        Segmentation pipeline = Segmentation.of(log)
                .features(f -> {
                    f.behaviour();
                    if (categories) {
                        f.categoryShares();
                    }
                    if (channels) {
                        f.channelShares();
                    }
                    return f;
                })
                .lifetimeValue(LifetimeValue.chosenByHoldout().horizon(Period.ofYears(1))
                        .annualDiscountRate(0.10).unit(Duration.ofDays(7)).currency(money).threads(threads))
                .churn(churnHorizonDays, LogisticRegression.builder().l2(1.0).threads(threads))
                .skipStagesThatCannotRun(true)
                .threads(threads)
                .progress(progress);
        KMeans.Builder kMeans = KMeans.builder().nInit(nInit).seed(seed).threads(threads);
        if (mixture != null) {
            pipeline.segments(mixture.k(k));
        } else if (k == 0) {
            pipeline.segmentsAuto(kMeans, AUTO_K_MIN, Math.min(AUTO_K_MAX, Math.max(AUTO_K_MIN,
                    log.activeCustomerCount() - 1)), AUTO_MIN_SHARE);
        } else {
            pipeline.segments(kMeans.k(k));
        }
        if (previous != null) {
            pipeline.previous(previous);
        }
        if (log.itemCount() > 0) { // without items the load already said why there are no recommendations
            switch (recommender) {
                case "als":
                    // the default solver (WOODBURY): exact for customers with at most 64 items, conjugate gradient
                    // for the rest; the same recall as the exact solves on Online Retail at CG's speed or better
                    pipeline.recommend(ImplicitAls.builder().factors(64).iterations(15).l2(1).alpha(3).seed(seed)
                            .threads(threads), topN);
                    break;
                case "popularity":
                    pipeline.recommend(Popularity.builder(), topN);
                    break;
                default:
                    pipeline.recommend(ItemKnn.builder().neighbors(50).threads(threads), topN);
            }
        }
        SegmentationResult result = pipeline.run();

        long w0 = System.nanoTime();
        progress.progress("write", 0.0);
        SegmentationResult.Precision csvPrecision = precision.equals("full") ? SegmentationResult.Precision.FULL
                : SegmentationResult.Precision.ROUNDED;
        result.writeCustomersCsv(customersTmp, csvPrecision);
        result.writeSegmentsCsv(segmentsTmp, csvPrecision);
        String title = "Customer segmentation: " + (input == null ? "simulated retailer" : input.getFileName());
        HtmlReport.write(result, title, reportTmp);
        if (saveModels != null) {
            ModelFiles.write(modelsTmp, result.models());
        }
        outputs.commit();
        progress.progress("write", 1.0);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("load", load.toMillis());
        result.timings().forEach((stage, d) -> timings.put(stage, d.toMillis()));
        timings.put("write", Duration.ofNanos(System.nanoTime() - w0).toMillis());
        timings.put("total", Duration.ofNanos(System.nanoTime() - t0).toMillis());
        progress.timings(timings);
        for (String w : result.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", input == null ? "simulator" : input.toString());
        json.put("customers", result.size());
        json.put("transactions", log.size());
        json.put("asOf", result.asOf().toString());
        json.put("segments", SegmentJson.segments(result));
        result.kSweep().ifPresent(sweep -> json.put("kSweep", SegmentJson.kSweep(sweep)));
        result.movement().ifPresent(m -> json.put("movement", m.toMap()));
        json.put("lifetimeValue", lifetimeValue(result, money));
        json.put("churn", churn(result, churnHorizonDays));
        // kept for scripts: the parameters of the transaction model actually used (see lifetimeValue.model)
        json.put("bgNbd", result.transactionModel().map(m -> m.params()).orElse(null));
        json.put("gammaGamma", result.lifetimeValueModel(BtydLifetimeValueModel.class).map(m -> m.spend().params())
                .orElse(null));
        json.put("customersCsv", outDir.resolve("customers.csv").toString());
        json.put("segmentsCsv", outDir.resolve("segments.csv").toString());
        json.put("reportPath", report.toString());
        if (saveModels != null) {
            json.put("modelsPath", saveModels.toString());
        }
        if (sim != null) {
            Map<String, Object> truth = new LinkedHashMap<>(TruthRecovery.of(result, sim).toMap());
            truth.put("trueSegments", sim.segments().size());
            json.put("truth", truth);
        }
        List<String> warnings = new ArrayList<>(loadNotes);
        warnings.addAll(result.warnings());
        json.put("warnings", warnings);
        json.put("timingsMillis", timings);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    static String defaultCurrency(String preset) {
        if (preset == null) {
            return "";
        }
        switch (preset) {
            case "online-retail":
                return "GBP";
            case "cdnow":
                return "USD";
            default:
                return "";
        }
    }

    private static Map<String, Object> lifetimeValue(SegmentationResult result, String currency) {
        if (result.lifetimeValueReport().isPresent()) {
            return result.lifetimeValueReport().orElseThrow().toMap();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", null);
        m.put("horizon", Period.ofYears(1).toString());
        m.put("discountRate", 0.10);
        m.put("currency", currency.isEmpty() ? null : currency);
        m.put("validation", List.of());
        return m;
    }

    private static Map<String, Object> churn(SegmentationResult result, int horizonDays) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("horizonDays", horizonDays);
        m.put("ran", result.churn().isPresent());
        m.put("definition", ChurnValidation.definition(horizonDays));
        m.put("validation", result.churnValidation().map(v -> v.toMap()).orElse(null));
        return m;
    }

}
