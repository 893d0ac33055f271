package dev.segmentation.cli;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.eval.CrossValidation;
import dev.segmentation.eval.CrossValidationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code churn evaluate}: seeded stratified k-fold cross-validation of the logistic regression; prints the
 * mean over folds of {@code auc}, {@code logLoss}, {@code brier} and {@code prAuc} (average precision), the
 * fold AUCs' sample standard deviation {@code aucStd}, {@code foldAuc}, {@code folds} and {@code rows}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Stratified k-fold cross-validation of a logistic regression; prints metrics as JSON.")
final class ChurnEvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ChurnInput in;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Fold-assignment seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        ChurnInput.Data d = in.read();
        in.requireBothClasses(d.y);
        LogisticRegression lr = in.trainer();
        CrossValidationResult cv = CrossValidation.stratified(d.x, d.y, folds, seed,
                (x, y, test) -> lr.fit(x, y).predictProbabilities(test));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("auc", cv.auc());
        out.put("aucStd", cv.aucStd());
        out.put("logLoss", cv.logLoss());
        out.put("brier", cv.brier());
        out.put("prAuc", cv.prAuc());
        out.put("foldAuc", cv.foldAuc());
        out.put("folds", cv.folds());
        out.put("rows", d.y.length);
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
