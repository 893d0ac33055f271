package dev.segmentation.cli;

import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.features.BtydSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spend fit}: the Gamma-Gamma spend model. */
@Command(name = "spend", mixinStandardHelpOptions = true, description = "Spend per transaction: the Gamma-Gamma model.",
        subcommands = {SpendCommand.Fit.class})
final class SpendCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fit");
    }

    /** {@code spend fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fits Gamma-Gamma on the customers with frequency > 0 and prints JSON: params (p, q, v), "
                    + "logLikelihood, converged, iterations, standardErrors, customers, populationMeanSpend.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--summary", required = true, description = "BTYD summary CSV with a header line")
        Path summary;

        @Option(names = "--columns", defaultValue = "customer_id,frequency,monetary_value",
                description = "id, frequency and mean repeat spend column names (default: ${DEFAULT-VALUE}; the "
                        + "CDNOW file uses ID,x,zbar)")
        String columns;

        @Option(names = "--penalty", defaultValue = "0",
                description = "L2 penalty on p, q, v, lifetimes' penalizer_coef (default: ${DEFAULT-VALUE})")
        double penalty;

        @Option(names = "--save", paramLabel = "FILE", description = "also write the fitted model as versioned JSON")
        Path save;

        @Option(names = "--allow-non-converged",
                description = "let --save write a fit that did not converge (refused by default, exit 1)")
        boolean allowNonConverged;

        @Override
        public Integer call() {
            return OutputFiles.writeThenPrint(spec.commandLine(), new OutputFiles().input("--summary", summary),
                    "--save", save, this::fit);
        }

        private Map<String, Object> fit(Path saveTmp) {
            Warnings warnings = new Warnings(spec.commandLine().getErr());
            String[] c = SummaryFiles.columns(columns, 3, "id,frequency,monetary_value");
            BtydSummary s = SummaryFiles.read(summary, Duration.ofDays(7), c[0], c[1], null, null, c[2]);
            GammaGammaModel m = GammaGamma.builder().penalty(penalty).build().fit(s);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("params", m.params());
            out.put("logLikelihood", Json.finiteOrNull(m.logLikelihood()));
            out.put("converged", m.converged());
            out.put("convergenceReason", m.convergenceReason());
            out.put("iterations", m.iterations());
            double[] se = m.standardErrors();
            Map<String, Double> errors = new LinkedHashMap<>();
            errors.put("p", Json.finiteOrNull(se[0]));
            errors.put("q", Json.finiteOrNull(se[1]));
            errors.put("v", Json.finiteOrNull(se[2]));
            out.put("standardErrors", errors);
            out.put("customers", (long) m.customers());
            out.put("populationMeanSpend", m.q() > 1 ? m.populationMeanSpend() : null);
            if (saveTmp != null) {
                Convergence.checkSave(m.converged(), allowNonConverged, "gamma-gamma", m.iterations());
                ModelFiles.write(saveTmp, m);
            }
            if (!m.converged()) {
                warnings.add(Convergence.warning("gamma-gamma", m.iterations()));
            }
            warnings.putInto(out);
            return out;
        }
    }
}
