package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.train.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code delays4j bench eval}: evaluation batches with rounded integer delays. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluation batches (rounded integer delays, eval-mode forward and loss) of the shd or ssc model on",
                "synthetic SHD-like input or a real file. Prints a table, a per-stage profile and one JSON line."})
public final class BenchEvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchStepRunner runner = new BenchStepRunner();

    @Override
    public Integer call() {
        return runner.run(spec, StepBenchmark.Mode.EVAL);
    }
}
