package dev.segmentation.spark.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.spark.SparkBtyd;
import dev.segmentation.spark.SparkBtydSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clv}: transaction models fitted in Spark from a BTYD summary ({@code fit}). */
@Command(name = "clv", mixinStandardHelpOptions = true, description = "Customer lifetime value models.",
        subcommands = {ClvCommand.Fit.class})
final class ClvCommand implements Runnable {
    static final List<String> MODELS = List.of("bgnbd", "mbgnbd", "paretonbd");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fit");
    }

    /** {@code clv fit}: the single-JVM options and JSON fields; the likelihood's histogram is merged in Spark. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fits a transaction model by maximum likelihood and prints JSON: model, params, "
                    + "logLikelihood, converged, iterations, standardErrors, gradientNorm, customers, unit.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Sessions session;

        @Option(names = "--model", required = true, description = "bgnbd, mbgnbd or paretonbd")
        String model;

        @Option(names = "--summary", required = true, paramLabel = "PATH",
                description = "BTYD summary CSV with a header line (a file or a directory of part files)")
        String summary;

        @Option(names = "--columns", defaultValue = "customer_id,frequency,recency,T",
                description = "id, frequency, recency and T column names (default: ${DEFAULT-VALUE})")
        String columns;

        @Option(names = "--unit", defaultValue = "week",
                description = "time unit of recency and T: day or week (default: ${DEFAULT-VALUE})")
        String unit;

        @Option(names = "--penalty", defaultValue = "0",
                description = "L2 penalty on the parameters, lifetimes' penalizer_coef (default: ${DEFAULT-VALUE})")
        double penalty;

        @Option(names = "--save", paramLabel = "FILE",
                description = "also write the fitted model as versioned JSON, for clv score --model-file")
        Path save;

        @Option(names = "--allow-non-converged",
                description = "let --save write a fit that did not converge (refused by default, exit 1)")
        boolean allowNonConverged;

        @Override
        public Integer call() {
            String m = model.toLowerCase(Locale.ROOT);
            if (!MODELS.contains(m)) {
                throw new IllegalArgumentException("--model must be one of " + String.join(", ", MODELS)
                        + ", found " + model);
            }
            Duration u = unit(unit);
            String[] c = columns.split(",", -1);
            if (c.length != 4) {
                throw new IllegalArgumentException("--columns must name 4 columns (id,frequency,recency,T), found "
                        + c.length + ": " + columns);
            }
            if (!(penalty >= 0.0) || Double.isInfinite(penalty)) {
                throw new IllegalArgumentException("--penalty must be finite and >= 0, found " + penalty);
            }
            SparkSession spark = session.start("clv fit");
            Sessions.requireFile(spark, summary); // the single JVM's line
            Dataset<Row> raw = InputOptions.withoutByteOrderMark(spark.read().option("header", "true").csv(summary));
            List<String> names = Arrays.asList(raw.columns());
            String[] roles = {"customer_id", "frequency", "recency", "T"};
            Column[] select = new Column[5];
            for (int k = 0; k < 4; k++) {
                String name = c[k].strip();
                if (!names.contains(name)) {
                    throw new InvalidDataException(summary + ": columns must contain the " + roles[k] + " column \""
                            + name + "\", found " + names, 0, name, null);
                }
                Column col = functions.col("`" + name.replace("`", "``") + "`");
                select[k] = (k == 0 ? col.cast(DataTypes.StringType) : col.cast(DataTypes.DoubleType)).as(roles[k]);
            }
            select[4] = names.contains("monetary_value")
                    ? functions.col("monetary_value").cast(DataTypes.DoubleType).as("monetary_value")
                    : functions.lit(0.0).as("monetary_value");
            Dataset<Row> rows = raw.select(select);
            long bad = rows.filter(functions.col("frequency").isNull().or(functions.col("recency").isNull())
                    .or(functions.col("T").isNull())).count();
            if (bad > 0) {
                throw new InvalidDataException(summary + ": frequency, recency and T must be numbers, found " + bad
                        + " rows with a missing or unparseable value");
            }
            SparkBtydSummary s = SparkBtydSummary.of(rows, u);
            BtydModel fitted;
            switch (m) {
                case "bgnbd":
                    fitted = SparkBtyd.fit(BgNbd.builder().penalty(penalty).build(), s);
                    break;
                case "mbgnbd":
                    fitted = SparkBtyd.fit(ModifiedBgNbd.builder().penalty(penalty).build(), s);
                    break;
                default:
                    fitted = SparkBtyd.fit(ParetoNbd.builder().penalty(penalty).build(), s);
                    break;
            }
            List<String> warnings = new java.util.ArrayList<>();
            if (!fitted.converged()) {
                String w = "the " + m + " fit did not converge (stopped after " + fitted.iterations()
                        + " iterations); its parameters and scores may be far from the maximum-likelihood ones";
                warnings.add(w);
                spec.commandLine().getErr().println("warning: " + w);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", m);
            out.put("params", fitted.params());
            out.put("logLikelihood", Sessions.finiteOrNull(fitted.logLikelihood()));
            out.put("converged", fitted.converged());
            out.put("convergenceReason", fitted.convergenceReason());
            out.put("iterations", fitted.iterations());
            Map<String, Double> se = new LinkedHashMap<>();
            double[] errors = fitted.standardErrors();
            int k = 0;
            for (String name : fitted.params().keySet()) {
                se.put(name, Sessions.finiteOrNull(errors[k++]));
            }
            out.put("standardErrors", se);
            out.put("gradientNorm", Sessions.finiteOrNull(fitted.gradientNorm()));
            out.put("customers", rows.count());
            out.put("unit", u.equals(Duration.ofDays(7)) ? "week" : "day");
            out.put("warnings", warnings);
            if (save != null) {
                if (!fitted.converged() && !allowNonConverged) {
                    throw new InvalidDataException("--save must be given a converged fit, found a " + m + " fit that"
                            + " did not converge after " + fitted.iterations() + " iterations; nothing written (add"
                            + " --allow-non-converged to save it anyway)");
                }
                save(fitted);
            }
            Sessions.print(spec.commandLine().getOut(), out);
            return 0;
        }

        private void save(BtydModel fitted) {
            Path target = save.toAbsolutePath();
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-"
                    + Long.toHexString(System.nanoTime()));
            try {
                ModelJson.write(fitted, tmp);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("--save cannot be written: " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temporary file's name starts with a dot and says what it is
                }
            }
        }

        private static Duration unit(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "day":
                    return Duration.ofDays(1);
                case "week":
                    return Duration.ofDays(7);
                default:
                    throw new IllegalArgumentException("--unit must be day or week, found \"" + text + "\"");
            }
        }
    }
}
