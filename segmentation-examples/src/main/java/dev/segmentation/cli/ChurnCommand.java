package dev.segmentation.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code churn}: logistic-regression churn models on a numeric CSV ({@code fit}, {@code evaluate}). */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Churn models: logistic regression on a numeric CSV.",
        subcommands = {ChurnFitCommand.class, ChurnEvaluateCommand.class})
final class ChurnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fit or evaluate");
    }
}
