package org.delays4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.delays4j.core.Parallel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench dcls}: a smoke run prints the table, the totals and one JSON line per row; bad options are one-line errors. */
class BenchDclsCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        int threads = Parallel.threads();
        try {
            CommandLine cl = Main.commandLine();
            StringWriter out = new StringWriter(), err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void quickRunPrintsRowsTotalsAndJson() {
        Run r = run("bench", "dcls", "--quick", "--batch", "2", "--kernel-size", "5", "--sigma", "0.23",
                "--density", "0.1", "--paths", "auto,sparse-narrow", "--warmup", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("L1 140->256", "L2 256->256", "L3 256->20", "three-layer totals", "integer");
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"bench\":\"dcls\"")).count()).isEqualTo(3 * 4);
    }

    @Test
    void badDensityIsOneLineAndExitTwo() {
        Run r = run("bench", "dcls", "--density", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--density").doesNotContain("at org.");
    }

    @Test
    void unknownPathIsOneLineAndExitTwo() {
        Run r = run("bench", "dcls", "--paths", "warp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("warp").contains("sparse-narrow");
    }
}
