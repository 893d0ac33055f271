package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.ScoreDrift;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation score}: applies a bundle saved by {@code run --save-models} to new or updated transaction
 * lines without refitting ({@link BundleScorer}): every customer with a line on or before {@code --as-of} gets
 * the bundle's segment (ids and names kept), RFM scores, P(churn), P(alive), expected purchases and CLV. Writes
 * {@code customers.csv} (the columns of {@code run}; {@code top_items} from the bundle's recommender, empty for
 * customers it does not know), {@code segments.csv} and {@code report.html} to {@code --out-dir}, and prints JSON:
 * {@code customers}, {@code segments}, {@code drift} (PSI per feature and of the segment shares against the
 * bundle's training data, with STABLE / MODERATE / SIGNIFICANT verdicts), {@code movement} (the bundle's
 * training customers per old -> new segment), {@code warnings}.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a saved bundle (run --save-models) to new or updated lines, without refitting: "
                + "segments keep their ids and names.",
            "Reports drift against the bundle's training data and movement between segments."},
        footer = {"", "A bundle of the wrong type or lacking an entry, or bad data, stops the command with exit "
                + "code 1; a bad option value with exit code 2."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", required = true, paramLabel = "BUNDLE",
            description = "A bundle written by run --save-models.")
    Path modelFile;

    @Mixin
    TransactionInput input;

    @Option(names = "--as-of", required = true, paramLabel = "DATE",
            description = "The last day observed (yyyy-MM-dd): lines after it are ignored.")
    String asOf;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "Where customers.csv, segments.csv and report.html go.")
    Path outDir;

    @Override
    public Integer call() {
        LocalDate lastDay;
        try {
            lastDay = LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--as-of must be a date yyyy-MM-dd, found \"" + asOf
                    + "\"");
        }
        ModelBundle bundle = ModelFiles.read(modelFile, ModelBundle.class);
        BundleScorer scorer;
        try {
            scorer = BundleScorer.of(bundle);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(modelFile + ": " + e.getMessage(), e);
        }
        IngestResult ingest = TransactionCsv.read(input.input, input.runOptions()); // as run reads it
        TransactionLog log = ingest.log();
        if (log.size() == 0) {
            throw new InvalidDataException(input.input + ": --input must have at least one transaction line, found 0");
        }
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate last = log.lastDateTime().toLocalDate();
        if (lastDay.isBefore(first)) {
            throw new ParameterException(spec.commandLine(), "--as-of must be on or after the first purchase date "
                    + first + ", found " + lastDay);
        }
        if (lastDay.isAfter(last)) {
            throw new ParameterException(spec.commandLine(), "--as-of must be on or before the last purchase date "
                    + last + ", found " + lastDay);
        }
        SegmentationResult result = scorer.score(log, lastDay.plusDays(1));

        List<String> warnings = new ArrayList<>();
        scorer.topItemsWarning(result.customers().stream().filter(p -> p.topItems().isEmpty()).count())
                .ifPresent(warnings::add);
        ScoreDrift drift = result.drift().orElseThrow();
        drift.warning().ifPresent(warnings::add);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        err.flush();

        Path report = outDir.resolve("report.html");
        // all or nothing, as run: customers.csv, segments.csv and report.html move into place together
        try (OutputFiles outputs = new OutputFiles().input("--input", input.input).input("--model-file", modelFile)) {
            outputs.directory("--out-dir", outDir);
            Path customersTmp = outputs.target("--out-dir", outDir.resolve("customers.csv"));
            Path segmentsTmp = outputs.target("--out-dir", outDir.resolve("segments.csv"));
            Path reportTmp = outputs.target("--out-dir", report);
            result.writeCustomersCsv(customersTmp, SegmentationResult.Precision.ROUNDED);
            result.writeSegmentsCsv(segmentsTmp, SegmentationResult.Precision.ROUNDED);
            HtmlReport.write(result, "Customer scoring: " + input.input.getFileName() + " with "
                    + modelFile.getFileName(), reportTmp);
            outputs.commit();
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", input.input.toString());
        json.put("modelFile", modelFile.toString());
        json.put("asOf", lastDay.toString());
        json.put("customers", result.size());
        json.put("transactions", log.size());
        json.put("segments", SegmentJson.segments(result));
        json.put("drift", drift.toMap());
        json.put("movement", result.movement().orElseThrow().toMap());
        json.put("warnings", warnings);
        json.put("customersCsv", outDir.resolve("customers.csv").toString());
        json.put("segmentsCsv", outDir.resolve("segments.csv").toString());
        json.put("reportPath", report.toString());
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
