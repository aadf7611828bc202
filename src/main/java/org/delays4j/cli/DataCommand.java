package org.delays4j.cli;

import picocli.CommandLine.Command;

/** {@code delays4j data}: dataset utilities. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Dataset utilities (see the sub-commands).",
        subcommands = {DataInfoCommand.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
