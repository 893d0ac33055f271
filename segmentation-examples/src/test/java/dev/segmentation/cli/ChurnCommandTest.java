package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.eval.CrossValidation;
import dev.segmentation.eval.CrossValidationResult;
import dev.segmentation.features.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI; returns {exit code, stdout, stderr}. */
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** 300 customers: tenure, spend, a plan name and a Yes/No churn label drawn from a logistic model. */
    Path writeCsv(double[][] x, int[] y) throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("tenure,spend,plan,churn\n");
        for (int i = 0; i < x.length; i++) {
            double tenure = rnd.nextInt(1, 73);
            double spend = Math.round(rnd.nextDouble(10, 120) * 100) / 100.0;
            double eta = 1.0 - 0.05 * tenure + 0.01 * spend;
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            x[i] = new double[] {tenure, spend};
            sb.append(tenure).append(',').append(spend).append(',').append(i % 2 == 0 ? "gold" : "basic").append(',')
                    .append(y[i] == 1 ? "Yes" : "No").append('\n');
        }
        Path f = dir.resolve("customers.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void fitPrintsTheLibrarysUnpenalizedFit() throws IOException {
        double[][] x = new double[300][];
        int[] y = new int[300];
        Path f = writeCsv(x, y);
        CliRun r = run("churn", "fit", "--input", f.toString(), "--label", "churn", "--positive", "Yes",
                "--columns", "tenure,spend", "--l2", "0", "--save", dir.resolve("model.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        LogisticRegressionModel m = LogisticRegression.builder().l2(0).build()
                .fit(FeatureMatrix.ofRows(List.of("tenure", "spend"), x), y);
        assertEquals(m.intercept(), j.get("intercept").asDouble());
        assertEquals(m.coefficient("tenure"), j.get("coefficients").get("tenure").asDouble());
        assertEquals(m.coefficient("spend"), j.get("coefficients").get("spend").asDouble());
        assertEquals(m.standardErrors()[0], j.get("standardErrors").get("tenure").asDouble());
        assertEquals(m.logLikelihood(), j.get("logLikelihood").asDouble());
        assertEquals(m.iterations(), j.get("iterations").asInt());
        assertTrue(j.get("converged").asBoolean());
        assertFalse(j.get("separation").asBoolean());
        JsonNode saved = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
        assertEquals("segmentation-model", saved.get("format").asText());
        assertEquals("logistic-regression", saved.get("type").asText());
        // format 3: a logistic regression's trainer description lives only in its provenance (issue 18)
        assertEquals(3, saved.get("version").asInt());
    }

    @Test
    void penalizedFitHasNoStandardErrors() throws IOException {
        Path f = writeCsv(new double[300][], new int[300]);
        CliRun r = run("churn", "fit", "--input", f.toString(), "--label", "churn", "--positive", "Yes",
                "--columns", "tenure,spend");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertTrue(j.has("coefficients") && j.has("logLikelihood") && j.has("iterations"));
        assertFalse(j.has("standardErrors"));
    }

    @Test
    void evaluateMatchesTheLibrarysCrossValidation() throws IOException {
        double[][] x = new double[300][];
        int[] y = new int[300];
        Path f = writeCsv(x, y);
        CliRun r = run("churn", "evaluate", "--input", f.toString(), "--label", "churn", "--positive", "Yes",
                "--columns", "tenure,spend", "--folds", "4", "--seed", "7");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        LogisticRegression lr = LogisticRegression.builder().l2(1).build();
        CrossValidationResult cv = CrossValidation.stratified(FeatureMatrix.ofRows(List.of("tenure", "spend"), x), y,
                4, 7, (a, b, t) -> lr.fit(a, b).predictProbabilities(t));
        assertEquals(cv.auc(), j.get("auc").asDouble());
        assertEquals(cv.aucStd(), j.get("aucStd").asDouble());
        assertEquals(cv.logLoss(), j.get("logLoss").asDouble());
        assertEquals(cv.brier(), j.get("brier").asDouble());
        assertEquals(cv.prAuc(), j.get("prAuc").asDouble());
        assertEquals(4, j.get("folds").asInt());
    }

    @Test
    void badInputGivesOneLineAndExitCodes() throws IOException {
        Path f = writeCsv(new double[300][], new int[300]);
        CliRun r = run("churn", "fit", "--input", f.toString(), "--label", "churn", "--positive", "Yes");
        assertEquals(1, r.code());
        assertEquals("error: " + f + ":2: column plan must be a finite number (categorical columns are not encoded:"
                + " one-hot them or leave them out with --columns), found \"gold\"\n", r.err()
                .replace("\r\n", "\n"));
        r = run("churn", "fit", "--input", f.toString(), "--label", "churn", "--columns", "tenure");
        assertEquals(1, r.code());
        assertEquals("error: " + f + ":2: label churn must be 0 or 1 (or name the positive value with --positive),"
                + " found \"Yes\"\n", r.err().replace("\r\n", "\n"));
        r = run("churn", "fit", "--input", f.toString());
        assertEquals(2, r.code());
        r = run("churn");
        assertEquals(2, r.code());
        assertEquals("error: missing subcommand: fit or evaluate\n", r.err().replace("\r\n", "\n"));
        r = run("churn", "fit", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--no-standardize"));
        r = run("churn", "evaluate", "--input", f.toString(), "--label", "churn", "--positive", "Yes", "--columns",
                "tenure", "--folds", "1000");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: labels: each class must have at least folds = 1000 rows"),
                r.err());
    }
}
