package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code eval}: Evaluation batches with integer delays (placeholder until implemented). */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluation batches with integer delays (not available yet).")
public final class BenchEvalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'eval' is not available in this build yet");
    }
}
