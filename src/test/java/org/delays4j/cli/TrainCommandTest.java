package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {
    @TempDir
    Path dir;

    /** A user error: exit 2, one line on stderr naming the problem, no stack trace, nothing written. */
    void assertUserError(CliRun r, String expected) throws Exception {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: ").contains(expected).doesNotContain("\tat ");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith("cfg"))).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--preset timit                   | unknown preset 'timit'; choose one of shd, ssc, gsc, fsdd, delay-task",
        "--model delayed                  | --model: unknown model kind 'delayed'",
        "--epochs 0                       | --epochs: must be >= 1, got 0",
        "--batch -3                       | --batch: must be >= 1",
        "--threads 0                      | --threads: must be >= 1",
        "--epochs many                    | --epochs",
        "--data /nonexistent              | --data: the delay task is generated",
        "--resume /tmp --epochs 3         | drop --epochs",
    })
    void badOptionsAreOneLineUserErrors(String args, String expected) throws Exception {
        String[] a = ("train --out " + dir.resolve("run") + " " + args.strip()).split("\\s+");
        assertUserError(run(a), expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\": {\"max_delay\": 24}}      | model.max_delay: must be an odd number of steps >= 1 (the kernel is centred), got 24; use 25",
        "{\"model\": {\"dropout\": 1.0}}       | model.dropout: must be in [0, 1), got 1.0",
        "{\"model\": {\"dropout\": -0.5}}      | model.dropout: must be in [0, 1), got -0.5",
        "{\"model\": {\"tau_ms\": \"NaN\"}}    | model.tau_ms",
        "{\"training\": {\"optimiser\": \"sgd\"}} | unknown key 'training.optimiser'",
    })
    void badConfigFilesAreOneLineUserErrors(String json, String expected) throws Exception {
        Path f = dir.resolve("cfg.json");
        Files.writeString(f, json);
        assertUserError(run("train", "--out", dir.resolve("run").toString(), "--config", f.toString()), expected);
    }

    @Test
    void missingConfigFileIsAUserError() throws Exception {
        assertUserError(run("train", "--out", dir.resolve("run").toString(), "--config", dir.resolve("cfg-none.yaml").toString()), "no such config file");
    }
}
