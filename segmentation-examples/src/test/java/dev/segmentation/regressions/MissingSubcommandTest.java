package dev.segmentation.regressions;

import org.junit.jupiter.api.Test;

/** "segmentation clv / spend without a subcommand exit 0". */
class MissingSubcommandTest {
    @Test
    void parentCommandsAreUsageErrors() {
        Cli.run("clv").fails(2, "missing subcommand: fit or score");
        Cli.run("spend").fails(2, "missing subcommand: fit");
        Cli.run("churn").fails(2, "missing subcommand: fit or evaluate");
        Cli.run("sentiment").fails(2, "missing subcommand: evaluate or themes");
        Cli.run("recommend").fails(2, "missing subcommand: evaluate or items");
    }
}
