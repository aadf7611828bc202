package org.delays4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.delays4j.core.Parallel;
import picocli.CommandLine;

/** One in-process run of the {@code delays4j} command line, with what it printed. */
record CliRun(int code, String out, String err) {
    /** Runs the CLI on {@code args}, capturing stdout and stderr; restores the thread count it may change. */
    static CliRun run(String... args) {
        int threads = Parallel.threads();
        try {
            CommandLine cl = Main.commandLine();
            StringWriter out = new StringWriter(), err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
