package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: "`sentiment themes --prior-weight 1e308` gives every z as `"NaN"`". Every finite positive prior
 * weight now gives finite z-scores (a huge prior flattens every z towards 0); values outside the option's range,
 * and the other numeric options of {@code sentiment themes} and {@code sentiment evaluate}, are usage errors
 * (exit 2) naming the option as typed.
 */
class SentimentThemesPriorWeightTest {
    @TempDir
    Path dir;

    private Path reviews() throws IOException {
        return Cli.write(dir.resolve("r.csv"), "text,group,label\ngreat fast delivery,a,1\ngreat price,a,1\n"
                + "slow delivery broken,b,0\nbroken box slow,b,0\nfine,b,1\n");
    }

    private Cli themes(String... extra) throws IOException {
        String[] base = {"sentiment", "themes", "--input", reviews().toString(), "--text", "text", "--group", "group"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void hugePriorWeightGivesFiniteZ() throws IOException {
        for (String c : new String[] {"1e308", "1.7976931348623157e308", "1e12", "4.9e-324"}) {
            JsonNode groups = themes("--prior-weight", c).ok().json().get("groups");
            int terms = 0;
            for (JsonNode g : groups) {
                for (JsonNode t : g.get("terms")) {
                    assertTrue(t.get("z").isNumber(), c + ": " + t);
                    assertTrue(Double.isFinite(t.get("z").asDouble()), c + ": " + t);
                    if (c.startsWith("1e308") || c.startsWith("1.79")) {
                        assertTrue(Math.abs(t.get("z").asDouble()) < 1e-150, c + ": " + t);
                    }
                    terms++;
                }
            }
            assertTrue(terms > 0, c);
        }
    }

    @Test
    void outOfRangeValuesAreUsageErrors() throws IOException {
        themes("--prior-weight", "0").fails(2, "--prior-weight must be finite and > 0, found 0.0");
        themes("--prior-weight", "-1").fails(2, "--prior-weight must be finite and > 0, found -1.0");
        themes("--prior-weight", "NaN").fails(2, "--prior-weight must be finite and > 0, found NaN");
        themes("--prior-weight", "Infinity").fails(2, "--prior-weight must be finite and > 0, found Infinity");
        themes("--top", "0").fails(2, "--top must be >= 1, found 0");
        themes("--ngrams", "0").fails(2, "--ngrams must be >= 1, found 0");
    }

    @Test
    void evaluateOptionsAreUsageErrors() throws IOException {
        String f = reviews().toString();
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model", "nb",
                "--alpha", "NaN", "--folds", "2").fails(2, "--alpha must be finite and > 0, found NaN");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model", "nb",
                "--alpha", "Infinity", "--folds", "2").fails(2, "--alpha must be finite and > 0, found Infinity");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model",
                "logistic", "--l2", "-1", "--folds", "2").fails(2, "--l2 must be finite and >= 0, found -1.0");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model",
                "logistic", "--l2", "NaN", "--folds", "2").fails(2, "--l2 must be finite and >= 0, found NaN");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model", "nb",
                "--folds", "1").fails(2, "--folds must be >= 2, found 1");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model", "nb",
                "--ngrams", "0", "--folds", "2").fails(2, "--ngrams must be >= 1, found 0");
        Cli.run("sentiment", "evaluate", "--input", f, "--text", "text", "--label", "label", "--model", "nb",
                "--vectorizer", "hash", "--hash-bits", "0", "--folds", "2")
                .fails(2, "--hash-bits must be in [1, 30], found 0");
    }
}
