package org.delays4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExperimentAblationCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--preset shd | --preset",
        "--seeds 0 | --seeds",
        "--kinds delays,teleport | teleport",
        "--epochs 0 | --epochs",
        "--threads 0 | --threads",
        "--hidden 64,0 | --hidden",
        "--data /no/such/fsdd | /no/such/fsdd"})
    void badInputIsOneLineAndExitTwo(String opts, String named) {
        String[] r = run(("experiment ablation --out " + dir + " --results " + dir.resolve("R.md") + " " + opts).split(" "));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].strip().lines()).hasSize(1);
        assertThat(r[2]).startsWith("delays4j: ").contains(named).doesNotContain("at org.");
    }

    @Test
    void parentCommandPrintsItsSubcommands() {
        String[] r = run("experiment");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("ablation");
    }
}
