package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code train}: Whole training steps on synthetic or real input (placeholder until implemented). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Whole training steps on synthetic or real input (not available yet).")
public final class BenchTrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'train' is not available in this build yet");
    }
}
