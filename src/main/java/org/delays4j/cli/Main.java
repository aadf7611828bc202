package org.delays4j.cli;

import java.io.PrintWriter;
import org.delays4j.util.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code delays4j} command-line tool. */
@Command(
        name = "delays4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Spiking neural networks with learnable synaptic delays (DCLS), on the JVM.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            DataCommand.class,
            EncodeCommand.class,
            DownloadCommand.class,
            ExperimentCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit status for a user error (bad option, bad input file). */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line (shared by {@link #main} and the tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String msg = ex.getMessage().replace('\n', ' ').strip();
            err.println("delays4j: " + msg + " (see 'delays4j " + qualifiedName(ex.getCommandLine()) + "--help')");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (t != null && !(t instanceof UserInputException)) t = t.getCause();
            PrintWriter err = commandLine.getErr();
            if (t != null) {
                err.println("delays4j: " + t.getMessage());
                err.flush();
                return USAGE;
            }
            throw ex; // a bug: let the stack trace show
        });
        return cl;
    }

    private static String qualifiedName(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) sb.insert(0, c.getCommandName() + " ");
        return sb.toString();
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // not a bug to show as a stack trace: the run needs a larger heap (or a smaller batch)
            System.out.flush();
            System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** The one line printed when the JVM runs out of heap. */
    static String outOfMemory(long maxHeapBytes) {
        return "delays4j: out of memory: the Java heap is limited to " + (maxHeapBytes >> 20) + " MB; give it more with"
                + " DELAYS4J_HEAP (e.g. DELAYS4J_HEAP=4g ./delays4j ...) or use a smaller --batch";
    }
}
