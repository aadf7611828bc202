package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

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
}
