package dev.segmentation.cli;

import dev.segmentation.churn.LogisticRegressionModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code churn fit}: fits a logistic regression and prints {@code intercept}, {@code coefficients} (column to
 * value), {@code standardErrors} and {@code pValues} (unpenalized fits without separation),
 * {@code logLikelihood}, {@code nullLogLikelihood}, {@code objective}, {@code iterations}, {@code converged},
 * {@code separation}, {@code rows}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a logistic regression (Newton/IRLS) and print its coefficients as JSON.")
final class ChurnFitCommand implements Callable<Integer> {
    static final String FORMAT = "segmentation-model";

    @Spec
    CommandSpec spec;

    @Mixin
    ChurnInput in;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Also write the fitted model as versioned JSON (format " + FORMAT
                    + ", version 1, type logistic-regression).")
    Path save;

    @Option(names = "--allow-non-converged",
            description = "Let --save write a fit that did not converge (refused by default, exit 1).")
    boolean allowNonConverged;

    @Override
    public Integer call() {
        return OutputFiles.writeThenPrint(spec.commandLine(), new OutputFiles().input("--input", in.input), "--save",
                save, this::fit);
    }

    private Map<String, Object> fit(Path saveTmp) {
        Warnings warnings = new Warnings(spec.commandLine().getErr());
        ChurnInput.Data d = in.read();
        LogisticRegressionModel m = in.fit(d);
        List<String> names = m.columnNames();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intercept", m.intercept());
        out.put("coefficients", byColumn(names, m.coefficients()));
        if (m.hasStandardErrors()) {
            out.put("interceptStandardError", m.interceptStandardError());
            out.put("standardErrors", byColumn(names, m.standardErrors()));
            out.put("pValues", byColumn(names, m.pValues()));
        }
        out.put("logLikelihood", m.logLikelihood());
        out.put("nullLogLikelihood", m.nullLogLikelihood());
        out.put("objective", m.objective());
        out.put("iterations", m.iterations());
        out.put("converged", m.converged());
        out.put("separation", m.separation());
        out.put("rows", m.rows());
        if (saveTmp != null) {
            Convergence.checkSave(m.converged(), allowNonConverged, "logistic-regression", m.iterations());
            ModelFiles.write(saveTmp, m);
        }
        if (!m.converged()) {
            warnings.add(Convergence.warning("logistic-regression", m.iterations()));
        }
        warnings.putInto(out);
        return out;
    }

    static Map<String, Double> byColumn(List<String> names, double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < values.length; j++) {
            m.put(names.get(j), values[j]);
        }
        return m;
    }
}
