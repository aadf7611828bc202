package org.delays4j.cli;

import java.util.concurrent.Callable;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;

/** {@code delays4j bench kernels}: GFLOP/s of the matrix kernels. */
@Command(name = "kernels", mixinStandardHelpOptions = true, description = "GFLOP/s of the matrix kernels (not available yet).")
public final class BenchKernelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("'bench kernels' is not available in this build yet");
    }
}
