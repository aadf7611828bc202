package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code info}: Statistics of a dataset file or directory (placeholder until implemented). */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Statistics of a dataset file or directory (not available yet).")
public final class DataInfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'info' is not available in this build yet");
    }
}
