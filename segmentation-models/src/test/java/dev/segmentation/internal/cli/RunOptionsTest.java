package dev.segmentation.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.cluster.CovarianceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import org.junit.jupiter.api.Test;

/** Issue 18: the options both {@code run} commands take from {@link RunOptions}, parsed, checked and documented once. */
class RunOptionsTest {
    /** A command with the three mixins, in the Spark {@code run}'s order. */
    @Command(name = "run", sortOptions = false)
    static final class Probe implements Callable<Integer> {
        @Mixin
        RunOptions.Seed seedOption;
        @Mixin
        RunOptions.Segments segmentOptions;
        @Mixin
        RunOptions.ChurnHorizon churnOption;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p;
    }

    @Test
    void theDefaultsAreTheRunCommands() {
        Probe p = parse();
        assertEquals(42L, p.seedOption.seed());
        assertEquals("kmeans", p.segmentOptions.algorithmName());
        assertEquals(new SegmentAlgorithm(true, CovarianceType.FULL), p.segmentOptions.algorithm());
        assertEquals(4, p.segmentOptions.nInit());
        assertEquals(90, p.churnOption.days());
    }

    @Test
    void readsTheGivenValues() {
        Probe p = parse("--seed", "-7", "--algorithm", "gmm", "--covariance", "diag", "--n-init", "2",
                "--churn-horizon-days", "30");
        assertEquals(-7L, p.seedOption.seed());
        assertEquals("gmm", p.segmentOptions.algorithmName());
        assertEquals(new SegmentAlgorithm(false, CovarianceType.DIAGONAL), p.segmentOptions.algorithm());
        assertEquals(2, p.segmentOptions.nInit());
        assertEquals(30, p.churnOption.days());
    }

    @Test
    void badValuesAreRefusedWithTheCommandsMessages() {
        assertEquals("--n-init must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> parse("--n-init", "0").segmentOptions.nInit()).getMessage());
        assertEquals("--churn-horizon-days must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> parse("--churn-horizon-days", "0").churnOption.days()).getMessage());
        assertEquals("--algorithm must be kmeans or gmm, found \"dbscan\"", assertThrows(
                IllegalArgumentException.class, () -> parse("--algorithm", "dbscan").segmentOptions.algorithm())
                .getMessage());
        // --covariance typed with kmeans is refused, even at its default value: the mixin sees what was typed
        assertEquals("--covariance applies only with --algorithm gmm, found --algorithm kmeans", assertThrows(
                IllegalArgumentException.class, () -> parse("--covariance", "full").segmentOptions.algorithm())
                .getMessage());
    }

    @Test
    void theOptionsKeepTheirNamesLabelsDefaultsAndHelpText() {
        // ../shared/docs/cli.md is a stable contract: the texts both run commands printed before issue 18,
        // defaults interpolated
        List<String> described = new ArrayList<>();
        for (OptionSpec o : new CommandLine(new Probe()).getCommandSpec().options()) {
            described.add(o.longestName() + "=" + o.paramLabel() + " [" + o.defaultValue() + "] "
                    + String.join(" ", o.description()));
        }
        assertEquals(List.of(
                "--seed=S [42] Seed of the simulator and of the segments' fit. Default: 42.",
                "--algorithm=kmeans|gmm [kmeans] Segments by kmeans or gmm (a Gaussian mixture, each customer to its "
                        + "most probable component). Default: kmeans.",
                "--covariance=full|diag|spherical [full] gmm covariance type. Default: full.",
                "--n-init=N [4] Restarts of the segments' fit (k-means++ runs, or EM runs each from k-means), the best "
                        + "kept. Default: 4.",
                "--churn-horizon-days=N [90] Churn means no purchase in the N days after a cut-off. "
                        + "Default: 90."), described);
    }
}
