package org.delays4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        Run r = run("--no-such-flag");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--no-such-flag").doesNotContain("at org.");
    }

    @Test
    void unknownSubcommandIsOneLineAndExitTwo() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train", "eval", "bench", "data", "encode", "download");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("delays4j ").doesNotContain("unknown");
    }
}
