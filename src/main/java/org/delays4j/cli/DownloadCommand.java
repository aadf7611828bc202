package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code delays4j download}: not implemented yet (placeholder of the command structure). */
@Command(name = "download", mixinStandardHelpOptions = true, description = "(not available yet)")
public final class DownloadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'download' is not available in this build yet");
    }
}
