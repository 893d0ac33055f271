package dev.segmentation.internal.cli;

import dev.segmentation.internal.ParamChecks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that the single-JVM {@code run} ({@code segmentation-examples}) and the Spark {@code run}
 * ({@code segmentation-spark}) declare alike, as picocli mixins, so that both read them with the same names,
 * defaults, help text and checks (issue 18). Not API.
 *
 * <p>Each group is its own mixin because a mixin's options are listed in the help where its {@code @Mixin} field
 * stands, and the commands list these options at different places ({@code ../shared/docs/cli.md} fixes both
 * help texts): {@link Segments} after {@code --k}, {@link Seed} after {@code --customers}, {@link ChurnHorizon}
 * after {@code --recommender} in the single JVM and after {@code --n-init} in Spark.
 *
 * <p>picocli is an optional dependency of {@code segmentation-models}: only these classes name it, and only the
 * command lines, which bring picocli themselves, load them.
 */
public final class RunOptions {
    private RunOptions() {
    }

    /**
     * {@code --algorithm kmeans|gmm}, {@code --covariance full|diag|spherical} (gmm only) and {@code --n-init N}:
     * how the segments are fitted.
     */
    public static final class Segments {
        /** The command this mixin is part of: whether {@code --covariance} was typed. */
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--algorithm", paramLabel = "kmeans|gmm", defaultValue = "kmeans",
                description = "Segments by kmeans or gmm (a Gaussian mixture, each customer to its most probable "
                        + "component). Default: ${DEFAULT-VALUE}.")
        String algorithm;

        @Option(names = "--covariance", paramLabel = "full|diag|spherical", defaultValue = "full",
                description = "gmm covariance type. Default: ${DEFAULT-VALUE}.")
        String covariance;

        @Option(names = "--n-init", paramLabel = "N", defaultValue = "4",
                description = "Restarts of the segments' fit (k-means++ runs, or EM runs each from k-means), the "
                        + "best kept. Default: ${DEFAULT-VALUE}.")
        int nInit;

        /** Picocli instantiates the mixin. */
        public Segments() {
        }

        /**
         * Returns {@code --algorithm} as typed (or its default).
         *
         * @return the algorithm's name, not checked
         */
        public String algorithmName() {
            return algorithm;
        }

        /**
         * Parses {@code --algorithm} and {@code --covariance} ({@link SegmentAlgorithm#parse}).
         *
         * @return the algorithm and the gmm covariance type
         * @throws IllegalArgumentException as {@link SegmentAlgorithm#parse}: "--algorithm must be kmeans or gmm,
         *     found \"dbscan\"", "--covariance must be full, diag or spherical, found \"tied\"", "--covariance
         *     applies only with --algorithm gmm, found --algorithm kmeans"
         */
        public SegmentAlgorithm algorithm() {
            return SegmentAlgorithm.parse(algorithm, covariance,
                    mixee.commandLine().getParseResult().hasMatchedOption("--covariance"));
        }

        /**
         * Returns {@code --n-init}, checked.
         *
         * @return the restarts, {@code >= 1}
         * @throws IllegalArgumentException "--n-init must be >= 1, found 0"
         */
        public int nInit() {
            return ParamChecks.atLeast("--n-init", nInit, 1);
        }
    }

    /** {@code --seed S}: the seed of the simulator and of the segments' fit. */
    public static final class Seed {
        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "Seed of the simulator and of the segments' fit. Default: ${DEFAULT-VALUE}.")
        long seed;

        /** Picocli instantiates the mixin. */
        public Seed() {
        }

        /**
         * Returns {@code --seed}.
         *
         * @return the seed (any long)
         */
        public long seed() {
            return seed;
        }
    }

    /** {@code --churn-horizon-days N}: churn means no purchase in the N days after a cut-off. */
    public static final class ChurnHorizon {
        @Option(names = "--churn-horizon-days", paramLabel = "N", defaultValue = "90",
                description = "Churn means no purchase in the N days after a cut-off. Default: ${DEFAULT-VALUE}.")
        int churnHorizonDays;

        /** Picocli instantiates the mixin. */
        public ChurnHorizon() {
        }

        /**
         * Returns {@code --churn-horizon-days}, checked.
         *
         * @return the horizon in days, {@code >= 1}
         * @throws IllegalArgumentException "--churn-horizon-days must be >= 1, found 0"
         */
        public int days() {
            return ParamChecks.atLeast("--churn-horizon-days", churnHorizonDays, 1);
        }
    }
}
