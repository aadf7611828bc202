package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.train.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code delays4j bench train}: whole training steps (forward, backward, Adam) of a preset's model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Whole training steps (zero grad, forward, loss, backward, Adam, clamp) of the shd or ssc model on",
                "synthetic SHD-like input (T 100, 140 channels, 20% non-zero cells, 4.35 spikes each) or a real file.",
                "Prints a table, a per-stage profile and one JSON line. Set the heap with DELAYS4J_HEAP (e.g. 600m)."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchStepRunner runner = new BenchStepRunner();

    @Override
    public Integer call() {
        return runner.run(spec, StepBenchmark.Mode.TRAIN);
    }
}
