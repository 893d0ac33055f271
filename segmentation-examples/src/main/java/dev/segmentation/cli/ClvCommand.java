package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.clv.TimeUnits;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.CsvSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clv fit} and {@code clv score}: BG/NBD, MBG/NBD and Pareto/NBD from a BTYD summary CSV. */
@Command(name = "clv", mixinStandardHelpOptions = true,
        description = "Customer lifetime value: fit and score BG/NBD, MBG/NBD and Pareto/NBD transaction models.",
        subcommands = {ClvCommand.Fit.class, ClvCommand.Score.class})
final class ClvCommand implements Runnable {
    static final List<String> MODELS = List.of("bgnbd", "mbgnbd", "paretonbd");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fit or score");
    }

    static String model(String name) {
        String m = name.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(m)) {
            throw new IllegalArgumentException("--model must be one of " + String.join(", ", MODELS) + ", found "
                    + name);
        }
        return m;
    }

    static BtydSummary readSummary(Path file, String columns, String unit) {
        String[] c = SummaryFiles.columns(columns, 4, "id,frequency,recency,T");
        return SummaryFiles.read(file, SummaryFiles.unit(unit), c[0], c[1], c[2], c[3], null);
    }

    /** {@code clv fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fits a transaction model by maximum likelihood and prints JSON: model, params, "
                    + "logLikelihood, converged, iterations, standardErrors, gradientNorm, customers, unit.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, description = "bgnbd, mbgnbd or paretonbd")
        String model;

        @Option(names = "--summary", required = true, description = "BTYD summary CSV with a header line")
        Path summary;

        @Option(names = "--columns", defaultValue = "customer_id,frequency,recency,T",
                description = "id, frequency, recency and T column names (default: ${DEFAULT-VALUE}; the CDNOW "
                        + "file uses ID,frequency,recency,T)")
        String columns;

        @Option(names = "--unit", defaultValue = "week",
                description = "time unit of recency and T: day or week (default: ${DEFAULT-VALUE}, as in the "
                        + "CDNOW summaries); alpha and beta are reported in this unit")
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
            String m = model(model);
            return OutputFiles.writeThenPrint(spec.commandLine(), new OutputFiles().input("--summary", summary),
                    "--save", save, saveTmp -> fit(m, saveTmp));
        }

        private Map<String, Object> fit(String m, Path saveTmp) {
            Warnings warnings = new Warnings(spec.commandLine().getErr());
            BtydSummary s = readSummary(summary, columns, unit);
            BtydModel fitted;
            switch (m) {
                case "bgnbd":
                    fitted = BgNbd.builder().penalty(penalty).build().fit(s);
                    break;
                case "mbgnbd":
                    fitted = ModifiedBgNbd.builder().penalty(penalty).build().fit(s);
                    break;
                default:
                    fitted = ParetoNbd.builder().penalty(penalty).build().fit(s);
                    break;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", m);
            out.put("params", fitted.params());
            out.put("logLikelihood", Json.finiteOrNull(fitted.logLikelihood()));
            out.put("converged", fitted.converged());
            out.put("convergenceReason", fitted.convergenceReason());
            out.put("iterations", fitted.iterations());
            Map<String, Double> se = new LinkedHashMap<>();
            double[] errors = fitted.standardErrors();
            int k = 0;
            for (String name : fitted.params().keySet()) {
                se.put(name, Json.finiteOrNull(errors[k++]));
            }
            out.put("standardErrors", se);
            out.put("gradientNorm", Json.finiteOrNull(fitted.gradientNorm()));
            out.put("customers", s.size());
            out.put("unit", SummaryFiles.unitName(s.unit()));
            if (saveTmp != null) {
                Convergence.checkSave(fitted.converged(), allowNonConverged, m, fitted.iterations());
                ModelFiles.write(saveTmp, fitted);
            }
            if (!fitted.converged()) {
                warnings.add(Convergence.warning(m, fitted.iterations()));
            }
            warnings.putInto(out);
            return out;
        }
    }

    /** {@code clv score}. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Scores each customer with given parameters and writes CSV "
                    + "customer_id,p_alive,expected_purchases; prints a JSON summary.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", description = "bgnbd, mbgnbd or paretonbd (or give --model-file)")
        String model;

        @Option(names = "--model-file", paramLabel = "FILE",
                description = "a model saved by clv fit --save, instead of --model and --params")
        Path modelFile;

        @Option(names = "--params",
                description = "parameters as k=v,...: r,alpha,a,b (bgnbd, mbgnbd) or r,alpha,s,beta (paretonbd), "
                        + "alpha and beta in --unit")
        String params;

        @Option(names = "--summary", required = true, description = "BTYD summary CSV with a header line")
        Path summary;

        @Option(names = "--columns", defaultValue = "customer_id,frequency,recency,T",
                description = "id, frequency, recency and T column names (default: ${DEFAULT-VALUE})")
        String columns;

        @Option(names = "--unit", defaultValue = "week",
                description = "time unit of recency, T and the parameters: day or week (default: ${DEFAULT-VALUE})")
        String unit;

        @Option(names = "--horizon", required = true,
                description = "the horizon: a number in --unit (e.g. 39), or an ISO-8601 period (P6M, P1Y, P2W; "
                        + "a month is 30.436875 days, a year 365.2425 days)")
        String horizon;

        @Option(names = "--out", required = true, description = "the CSV file to write")
        Path out;

        @Override
        public Integer call() {
            return OutputFiles.writeThenPrint(spec.commandLine(),
                    new OutputFiles().input("--summary", summary).input("--model-file", modelFile), "--out", out,
                    this::score);
        }

        private Map<String, Object> score(Path tmp) {
            Warnings warnings = new Warnings(spec.commandLine().getErr());
            String m;
            Duration u;
            BtydModel fitted;
            if (modelFile != null) {
                if (model != null || params != null) {
                    throw new IllegalArgumentException("--model-file replaces --model and --params; give one or "
                            + "the other");
                }
                fitted = ModelFiles.read(modelFile, BtydModel.class);
                m = fitted.name();
                u = fitted.unit();
                if (ModelFiles.recordsNonConvergedFit(modelFile)) {
                    warnings.add("--model-file " + modelFile + " holds a " + m + " fit that did not converge "
                            + "(saved with --allow-non-converged); its scores may be far from the maximum-likelihood"
                            + " model's");
                }
            } else {
                if (model == null || params == null) {
                    throw new IllegalArgumentException("give --model and --params, or --model-file");
                }
                m = model(model);
                u = SummaryFiles.unit(unit);
                Map<String, Double> p = parseParams(params, m);
                if (m.equals("paretonbd")) {
                    fitted = ParetoNbdModel.of(need(p, "r", m), need(p, "alpha", m), need(p, "s", m),
                            need(p, "beta", m), u);
                } else {
                    double r = need(p, "r", m);
                    double alpha = need(p, "alpha", m);
                    double a = need(p, "a", m);
                    double b = need(p, "b", m);
                    fitted = m.equals("bgnbd") ? BgNbdModel.of(r, alpha, a, b, u)
                            : ModifiedBgNbdModel.of(r, alpha, a, b, u);
                }
            }
            Duration summaryUnit = SummaryFiles.unit(unit);
            // --horizon is in --unit (the summary's unit); the model scores in its own unit.
            double t = horizon(horizon, summaryUnit) * summaryUnit.toNanos() / (double) u.toNanos();
            BtydSummary s = readSummary(summary, columns, unit);
            double[] pAlive = new double[s.size()];
            double[] expected = new double[s.size()];
            fitted.score(s, t, pAlive, expected);
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isFinite(pAlive[i]) || !Double.isFinite(expected[i])) {
                    throw new InvalidDataException(summary + ": customer " + s.id(i) + ": p_alive and"
                            + " expected_purchases must be finite, found " + pAlive[i] + " and " + expected[i]
                            + " with " + m + " parameters " + fitted.params() + "; nothing written", -1, null, null);
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("customer_id,p_alive,expected_purchases\n");
                for (int i = 0; i < s.size(); i++) {
                    w.write(csv(s.id(i)) + "," + pAlive[i] + "," + expected[i] + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + CsvSource.reason(tmp, e), e);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", m);
            json.put("customers", s.size());
            json.put("horizon", t);
            json.put("unit", SummaryFiles.unitName(u));
            json.put("out", out.toString());
            warnings.putInto(json);
            return json;
        }

        static double horizon(String text, Duration unit) {
            String h = text.strip();
            if (h.startsWith("P") || h.startsWith("p")) {
                try {
                    return TimeUnits.inUnits(Period.parse(h), unit);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--horizon must be a number or an ISO-8601 period such as "
                            + "P6M, found " + text);
                }
            }
            double t;
            try {
                t = Double.parseDouble(h);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--horizon must be a number or an ISO-8601 period such as P6M, "
                        + "found " + text);
            }
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("--horizon must be a finite number >= 0, found " + text);
            }
            return t;
        }

        /**
         * Parses {@code k=v,...}; every key must be one of the model's parameters and appear once.
         */
        static Map<String, Double> parseParams(String text, String model) {
            List<String> known = model.equals("paretonbd") ? List.of("r", "alpha", "s", "beta")
                    : List.of("r", "alpha", "a", "b");
            Map<String, Double> p = new LinkedHashMap<>();
            for (String part : text.split(",", -1)) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--params must be k=v pairs separated by commas, found "
                            + text);
                }
                String key = kv[0].strip();
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("--params key must be one of " + known + " for " + model
                            + ", found \"" + key + "\"");
                }
                if (p.containsKey(key)) {
                    throw new IllegalArgumentException("--params must give " + key + " once, found it twice in "
                            + text);
                }
                double v;
                try {
                    v = Double.parseDouble(kv[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--params value of " + key + " must be a number, found "
                            + kv[1].strip());
                }
                p.put(key, v);
            }
            return p;
        }

        static double need(Map<String, Double> p, String key, String model) {
            Double v = p.get(key);
            if (v == null) {
                throw new IllegalArgumentException("--params must give " + key + " for " + model + ", found "
                        + p.keySet());
            }
            return v;
        }

        static String csv(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}
