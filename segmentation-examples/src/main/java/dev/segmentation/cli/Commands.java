package dev.segmentation.cli;

import java.util.List;

/** The registered subcommands, in the order {@code --help} lists them. */
final class Commands {
    private Commands() {
    }

    static List<Object> all() {
        return List.of(
                new RunCommand(),
                new ScoreCommand(),
                new IngestCommand(),
                new SummaryCommand(),
                new ClvCommand(),
                new SpendCommand(),
                new ChurnCommand(),
                new ClusterCommand(),
                new RecommendCommand(),
                new SentimentCommand(),
                new PlanCommand());
    }
}
