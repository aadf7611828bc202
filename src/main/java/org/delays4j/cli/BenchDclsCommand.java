package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code dcls}: Forward and backward of the SHD delay layers per execution path (placeholder until implemented). */
@Command(name = "dcls", mixinStandardHelpOptions = true, description = "Forward and backward of the SHD delay layers per execution path (not available yet).")
public final class BenchDclsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'dcls' is not available in this build yet");
    }
}
