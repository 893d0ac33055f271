package dev.segmentation.spark.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.ScoreDrift;
import dev.segmentation.pipeline.SegmentMovement;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.spark.SparkIngest;
import dev.segmentation.spark.SparkIngestResult;
import dev.segmentation.spark.SparkScoring;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code score}: applies a bundle saved by {@code run --save-models} (single-JVM or Spark) to new lines in Spark
 * ({@link SparkScoring}), without refitting. Writes {@code customers/} (Parquet, the columns of
 * {@code customers.csv}), {@code segments.csv} (segment, name, size, share) and with {@code --single-csv} one
 * {@code customers.csv}; JSON {@code customers}, {@code drift} (the single JVM's: PSI and verdict per feature and of
 * the segment shares, from counts summed over partitions, {@link SparkScoring#drift}), {@code movement} (the single
 * JVM's: the bundle's training customers per old and new segment, {@link SparkScoring#movement}; null for a bundle
 * fitted in Spark, which keeps no training customers), {@code warnings} (a significant drift, as the single JVM
 * warns). The bundle is checked before any Spark job: a file that is not a bundle exits 1 with one line.
 * {@code --as-of} is the last day observed, as in the single JVM; a date outside the lines' dates exits 1.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores new transaction lines with a bundle saved by run --save-models, without refitting.")
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Sessions session;

    @Mixin
    InputOptions input;

    @Option(names = {"--models", "--model-file"}, required = true, paramLabel = "FILE",
            description = "A bundle written by run --save-models.")
    java.nio.file.Path models;

    @Option(names = "--as-of", required = true, paramLabel = "DATE",
            description = "The last day observed (yyyy-MM-dd), as in the single JVM: lines after it are ignored.")
    LocalDate asOf;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "Where customers/, segments.csv (and customers.csv) go.")
    String outDir;

    /** {@code --single-csv}, as {@code run}'s. */
    @Mixin
    CsvOutput csvOutput;

    @Option(names = "--precision", paramLabel = "MODE", defaultValue = "rounded",
            description = "Numbers in customers.csv: rounded or full. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Override
    public Integer call() {
        SegmentationResult.Precision p = CsvOutput.precision(precision);
        var options = input.runOptions(); // as run reads it, as the single JVM's score
        CsvOutput.requireApart(input.input, outDir);
        // the bundle is read and checked before Spark starts: a wrong file is one line, exit 1
        ModelBundle bundle = ModelJson.read(models, ModelBundle.class);
        BundleScorer scorer;
        try {
            scorer = BundleScorer.of(bundle);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(models + ": " + e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        SparkSession spark = session.start("score");
        Sessions.requireDirectory(spark, outDir); // before any job, as the single JVM
        SparkIngestResult lines = input.read(spark, options);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Path> temporaries = new ArrayList<>();
        List<Dataset<Row>> temporaryData = new ArrayList<>();
        try {
            checkAsOf(lines.lines());
            // scored once, with each customer's baseline bins for the drift, then written without them
            Dataset<Row> scored = SparkScoring.scoreWithDriftBins(lines.lines(), bundle, asOf.plusDays(1)).cache();
            temporaryData.add(scored);
            ScoreDrift drift = SparkScoring.drift(scored, bundle);
            Optional<SegmentMovement> movement = SparkScoring.movement(scored, bundle);
            List<String> warnings = new ArrayList<>();
            scorer.topItemsWarning(SparkScoring.customersWithoutItems(scored)).ifPresent(warnings::add);
            drift.warning().ifPresent(warnings::add);
            Dataset<Row> customers = SparkScoring.withItemDescriptions(scored.drop(SparkScoring.DRIFT_BINS),
                    lines.lines());
            if (customers.columns().length > SparkScoring.CUSTOMER_SCHEMA.size()) {
                // the descriptions' join, read by every write below, kept once; without it the customers are read
                // from the scores' cache above, not cached a second time
                customers = customers.cache();
                temporaryData.add(customers);
            }
            Path out = new Path(outDir);
            FileSystem fs = out.getFileSystem(conf);
            fs.mkdirs(out);
            String customersDir = new Path(out, "customers").toString();
            Path customersTmp = Sessions.temporary(conf, customersDir);
            temporaries.add(customersTmp);
            Sessions.writeCustomersParquet(customers, customersTmp.toString());
            SegmentCatalog catalog = (SegmentCatalog) bundle.models().get("catalog");
            List<Row> sizes = customers.groupBy("segment").count().orderBy("segment").collectAsList();
            long total = 0;
            long[] size = new long[catalog.segments().size()];
            for (Row r : sizes) {
                size[r.getInt(0)] = r.getLong(1);
                total += r.getLong(1);
            }
            StringBuilder b = new StringBuilder("segment,name,size,share\n");
            for (SegmentCatalog.Entry e : catalog.segments()) {
                b.append(e.id()).append(',').append(CsvOutput.csv(e.name())).append(',').append(size[e.id()])
                        .append(',').append(dev.segmentation.pipeline.CustomerCsvNumbers.format("share",
                                total == 0 ? 0 : (double) size[e.id()] / total, p)).append('\n');
            }
            String segmentsCsv = new Path(out, "segments.csv").toString();
            Path segmentsTmp = Sessions.temporary(conf, segmentsCsv);
            temporaries.add(segmentsTmp);
            try (OutputStream o = Sessions.createPlain(fs, segmentsTmp)) {
                o.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
            String customersCsv = new Path(out, "customers.csv").toString();
            Path customersCsvTmp = csvOutput.stageCustomersCsv(fs, conf, customersCsv, customers, p,
                    options.mapping().description().isPresent(), temporaries);
            Sessions.commit(conf, customersTmp, customersDir);
            Sessions.commit(conf, segmentsTmp, segmentsCsv);
            if (customersCsvTmp != null) {
                Sessions.commit(conf, customersCsvTmp, customersCsv);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("customers", total);
            json.put("asOf", asOf.toString());
            json.put("drift", drift.toMap());
            json.put("movement", movement.map(SegmentMovement::toMap).orElse(null));
            json.put("customersParquet", customersDir);
            json.put("customersCsv", csvOutput.singleCsv ? customersCsv : null);
            json.put("segmentsCsv", segmentsCsv);
            PrintWriter err = spec.commandLine().getErr();
            for (String w : warnings) {
                err.println("warning: " + w);
            }
            err.flush();
            json.put("warnings", warnings);
            json.put("timingsMillis", Map.of("total", Duration.ofNanos(System.nanoTime() - t0).toMillis()));
            Sessions.print(spec.commandLine().getOut(), json);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("--out-dir cannot be written: " + e.getMessage(), e);
        } finally {
            for (Path t : temporaries) {
                Sessions.discard(conf, t);
            }
            for (Dataset<Row> d : temporaryData) {
                d.unpersist();
            }
            lines.unpersist();
        }
    }

    /**
     * The single JVM's checks of the lines and of {@code --as-of} (the last day observed), with its messages; they
     * depend on the data, so they exit 1.
     */
    private void checkAsOf(Dataset<Row> lines) {
        Row range = lines.agg(functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND),
                functions.count(functions.lit(1))).first();
        if (range.getLong(2) == 0) {
            throw new InvalidDataException(input.input + ": --input must have at least one transaction line, found 0");
        }
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(range.getLong(0), 86_400L));
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(range.getLong(1), 86_400L));
        if (asOf.isBefore(first)) {
            throw new InvalidDataException("--as-of must be on or after the first purchase date " + first
                    + ", found " + asOf);
        }
        if (asOf.isAfter(last)) {
            throw new InvalidDataException("--as-of must be on or before the last purchase date " + last
                    + ", found " + asOf);
        }
    }
}
