package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExperimentAblationCommandTest {
    @TempDir
    Path dir;

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
        CliRun r = run(("experiment ablation --out " + dir + " --results " + dir.resolve("R.md") + " " + opts).split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: ").contains(named).doesNotContain("at org.");
    }

    @Test
    void parentCommandPrintsItsSubcommands() {
        CliRun r = run("experiment");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ablation");
    }
}
