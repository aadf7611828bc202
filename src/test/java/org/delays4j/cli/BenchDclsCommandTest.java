package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench dcls}: a smoke run prints the table, the totals and one JSON line per row; bad options are one-line errors. */
class BenchDclsCommandTest {

    @Test
    void quickRunPrintsRowsTotalsAndJson() {
        CliRun r = run("bench", "dcls", "--quick", "--batch", "2", "--kernel-size", "5", "--sigma", "0.23",
                "--density", "0.1", "--paths", "auto,sparse-narrow", "--warmup", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("L1 140->256", "L2 256->256", "L3 256->20", "three-layer totals", "integer", "vs dense eval forward");
        // per layer: dense, auto, sparse-narrow, the dense eval forward (the integer rows' baseline), integer
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"bench\":\"dcls\"")).count()).isEqualTo(3 * 5);
        assertThat(r.out().lines().filter(l -> l.contains("\"path\":\"dense-eval\"")).count()).isEqualTo(3);
    }

    @Test
    void badDensityIsOneLineAndExitTwo() {
        CliRun r = run("bench", "dcls", "--density", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--density").doesNotContain("at org.");
    }

    @Test
    void unknownPathIsOneLineAndExitTwo() {
        CliRun r = run("bench", "dcls", "--paths", "warp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("warp").contains("sparse-narrow");
    }

    @Test
    void loadsQuickRunPrintsBothFormsAndJson() {
        CliRun r = run("bench", "loads", "--quick", "--reps", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("operand loaded from L1", "register operands", "{\"bench\":\"loads\"");
        assertThat(run("bench", "loads", "--reps", "0").err()).contains("--reps");
    }
}
