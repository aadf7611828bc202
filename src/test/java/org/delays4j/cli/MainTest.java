package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        CliRun r = run("--no-such-flag");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--no-such-flag").doesNotContain("at org.");
    }

    @Test
    void unknownSubcommandIsOneLineAndExitTwo() {
        CliRun r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train", "eval", "bench", "data", "encode", "download");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("delays4j ").doesNotContain("unknown");
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheFix() throws Exception {
        // a separate JVM with a heap far too small for the SSC model
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-Xmx48m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "bench", "eval", "--preset", "ssc",
                "--batches", "1", "--warmup", "0").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        // the bench's own progress lines may come first; the error is one line, no stack trace
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        var errors = err.lines().filter(l -> l.startsWith("delays4j:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("delays4j: out of memory").contains("DELAYS4J_HEAP");
    }

    @Test
    void theOutOfMemoryLineStatesTheLimit() {
        assertThat(Main.outOfMemory(700L << 20)).contains("limited to 700 MB").contains("--batch");
    }
}
