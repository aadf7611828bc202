package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code delays4j train}: not implemented yet (placeholder of the command structure). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "(not available yet)")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'train' is not available in this build yet");
    }
}
