package dev.segmentation.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentiment}: review classifiers ({@code evaluate}) and distinguishing terms per group ({@code themes}). */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Review sentiment: k-fold evaluation of text classifiers, themes per group.",
        subcommands = {SentimentEvaluateCommand.class, SentimentThemesCommand.class})
final class SentimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: evaluate or themes");
    }
}
