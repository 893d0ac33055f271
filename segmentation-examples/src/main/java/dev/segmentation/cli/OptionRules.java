package dev.segmentation.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Options that only mean something with another option's value: given explicitly where they would be
 * ignored, they are a usage error naming both ({@code --covariance applies only with --algorithm gmm, found
 * --algorithm kmeans}), never silently dropped.
 */
final class OptionRules {
    private OptionRules() {
    }

    /**
     * Refuses {@code option} when the user typed it and {@code applies} is false.
     *
     * @param spec the command
     * @param option the option, e.g. {@code --covariance}
     * @param applies whether it applies with the other options' values
     * @param onlyWith what it needs, e.g. {@code --algorithm gmm}
     * @param found what was given instead, e.g. {@code --algorithm kmeans}
     * @throws IllegalArgumentException naming both (exit 2)
     */
    static void requireApplies(CommandSpec spec, String option, boolean applies, String onlyWith, String found) {
        if (!applies && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new IllegalArgumentException(option + " applies only with " + onlyWith + ", found " + found);
        }
    }
}
