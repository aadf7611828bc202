package org.delays4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code delays4j experiment}: experiments made of several training runs (see its sub-commands). */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments made of several training runs.",
        subcommands = {ExperimentAblationCommand.class, CommandLine.HelpCommand.class})
public final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
