package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code delays4j encode}: not implemented yet (placeholder of the command structure). */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "(not available yet)")
public final class EncodeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'encode' is not available in this build yet");
    }
}
