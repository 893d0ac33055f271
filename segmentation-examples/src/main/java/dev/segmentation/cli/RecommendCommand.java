package dev.segmentation.cli;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.RankingMetrics;
import dev.segmentation.recommend.RecommenderEvaluation;
import dev.segmentation.recommend.Recommender;
import dev.segmentation.recommend.TemporalSplit;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recommend}: recommenders on a transaction file ({@code evaluate}, {@code items}). */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Recommendations from purchase history: popularity, item kNN, implicit ALS.",
        subcommands = {RecommendCommand.Evaluate.class, RecommendItemsCommand.class})
final class RecommendCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: evaluate or items");
    }

    /**
     * {@code recommend evaluate}: temporal hold-out. Trains on the rows before {@code --split-date}, tests on the
     * rows from it through {@code --end} (default: the last day of the file), non-product codes excluded. Prints
     * top-k {@code recall}, {@code precision}, {@code ndcg}, {@code hitRate}, {@code map} over the {@code users}
     * with rows on both sides, catalogue {@code coverage} (distinct recommended items over items bought in
     * training), {@code fitMillis}, and for the {@code coldStartUsers} (test rows only) the popularity answer's
     * metrics under {@code coldStart}.
     */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Temporal hold-out evaluation of a recommender; prints metrics as JSON.")
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TransactionInput input;

        @Option(names = "--split-date", required = true, paramLabel = "DATE",
                description = "First test day (yyyy-MM-dd); training uses the rows before it.")
        LocalDate splitDate;

        @Option(names = "--end", paramLabel = "DATE", description = "Last test day (default: the file's last day).")
        LocalDate end;

        @Option(names = "--model", required = true, paramLabel = "NAME",
                description = "popularity, itemknn or als.")
        String model;

        @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--exclude-seen", description = "Leave out items the customer bought in training.")
        boolean excludeSeen;

        @Option(names = "--weighting", paramLabel = "W", defaultValue = "binary",
                description = "Interaction weights: binary, count, quantity or log (default ${DEFAULT-VALUE}).")
        String weighting;

        @Option(names = "--neighbors", paramLabel = "N", defaultValue = "20",
                description = "itemknn: neighbours per item (default ${DEFAULT-VALUE}).")
        int neighbors;

        @Option(names = "--shrink", paramLabel = "S", defaultValue = "20",
                description = "itemknn: cosine shrinkage (default ${DEFAULT-VALUE}).")
        double shrink;

        @Option(names = "--factors", paramLabel = "F", defaultValue = "64",
                description = "als: latent factors (default ${DEFAULT-VALUE}).")
        int factors;

        @Option(names = "--l2", paramLabel = "L", defaultValue = "1", description = "als: L2 weight (default ${DEFAULT-VALUE}).")
        double l2;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "3",
                description = "als: confidence slope (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "15",
                description = "als: iterations (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "als: seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
                description = "Threads for fitting and scoring (default ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() {
            InteractionMatrix.Weighting w;
            try {
                w = InteractionMatrix.Weighting.valueOf(weighting.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw input.usage("--weighting must be binary, count, quantity or log, found \"" + weighting + "\"");
            }
            if (k < 1) {
                throw input.usage("--k must be >= 1, found " + k);
            }
            if (!java.util.List.of("popularity", "itemknn", "als").contains(model)) {
                throw input.usage("--model must be popularity, itemknn or als, found \"" + model + "\"");
            }
            for (String option : java.util.List.of("--neighbors", "--shrink")) {
                OptionRules.requireApplies(spec, option, model.equals("itemknn"), "--model itemknn",
                        "--model " + model);
            }
            for (String option : java.util.List.of("--factors", "--l2", "--alpha", "--iterations", "--seed")) {
                OptionRules.requireApplies(spec, option, model.equals("als"), "--model als", "--model " + model);
            }
            TransactionLog log = input.read().log();
            LocalDate last = end != null ? end : lastDay(log);
            TemporalSplit split;
            try {
                split = TemporalSplit.of(log, splitDate, last);
            } catch (IllegalArgumentException e) {
                throw input.usage("--end must be on or after --split-date " + splitDate + ", found " + last);
            }
            InteractionMatrix train = InteractionMatrix.builder().weighting(w).build(split.train());
            InteractionMatrix test = InteractionMatrix.builder().build(split.test());
            Recommender rec;
            long t0 = System.nanoTime();
            try {
                rec = fit(train);
            } catch (IllegalArgumentException e) {
                throw input.usage(e.getMessage());
            }
            long fitMillis = (System.nanoTime() - t0) / 1_000_000;
            RecommenderEvaluation eval = RecommenderEvaluation.of(rec, train, test, split, k, excludeSeen, threads);
            RankingMetrics m = eval.all();
            RankingMetrics cold = eval.coldStart();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model);
            out.put("k", k);
            out.put("excludeSeen", excludeSeen);
            putMetrics(out, m);
            out.put("coverage", eval.coverage());
            out.put("fitMillis", fitMillis);
            out.put("coldStartUsers", cold.users());
            Map<String, Object> c = new LinkedHashMap<>();
            putMetrics(c, cold);
            out.put("coldStart", c);
            Json.print(spec.commandLine().getOut(), out);
            return 0;
        }

        private Recommender fit(InteractionMatrix train) {
            switch (model) {
                case "popularity":
                    return Popularity.builder().build().fit(train);
                case "itemknn":
                    return ItemKnn.builder().neighbors(neighbors).shrink(shrink).threads(threads).build().fit(train);
                case "als":
                    return ImplicitAls.builder().factors(factors).l2(l2).alpha(alpha).iterations(iterations).seed(seed)
                            .threads(threads).build().fit(train);
                default:
                    throw input.usage("--model must be popularity, itemknn or als, found \"" + model + "\"");
            }
        }

        private static void putMetrics(Map<String, Object> out, RankingMetrics m) {
            out.put("users", m.users());
            out.put("recall", m.recall());
            out.put("precision", m.precision());
            out.put("ndcg", m.ndcg());
            out.put("hitRate", m.hitRate());
            out.put("map", m.map());
        }

        private static LocalDate lastDay(TransactionLog log) {
            return log.size() == 0 ? LocalDate.EPOCH : log.lastDateTime().toLocalDate();
        }
    }
}
