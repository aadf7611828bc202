package org.delays4j.cli;

import picocli.CommandLine.Command;

/** {@code delays4j bench}: benchmarks of kernels, layers, training and evaluation steps. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (see the sub-commands).",
        subcommands = {BenchKernelsCommand.class, BenchDclsCommand.class, BenchTrainCommand.class, BenchEvalCommand.class,
                BenchLoadsCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
