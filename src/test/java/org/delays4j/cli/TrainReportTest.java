package org.delays4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code train} run ends with report.html in its run directory (unless --no-report). */
class TrainReportTest {
    private static final String SMALL = """
            {"data": {"delay_task": {"samples": 64, "test_samples": 16, "length": 16}},
             "model": {"hidden_neurons": 8, "max_delay": 5},
             "training": {"epochs": 1, "finetune_epochs": 0, "batch_size": 16}}
            """;

    private static int train(Path dir, String... extra) throws Exception {
        Path cfg = dir.resolve("small.json");
        Files.writeString(cfg, SMALL);
        String[] base = {"train", "--config", cfg.toString(), "--out", dir.resolve("run").toString(), "--quiet"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.run(args).code();
    }

    @Test
    void trainWritesTheRunReport(@TempDir Path dir) throws Exception {
        assertThat(train(dir)).isZero();
        Path page = dir.resolve("run/report.html");
        assertThat(page).isRegularFile();
        String html = Files.readString(page);
        for (String id : new String[] {"loss", "accuracy", "sigma", "delays-hidden-layer-0", "delays-output-layer", "raster-hidden-layer-0"}) {
            assertThat(html).contains("<svg id=\"" + id + "\"");
        }
        assertThat(html).contains("delay-task").contains("test accuracy (selected model)");
    }

    @Test
    void noReportSkipsIt(@TempDir Path dir) throws Exception {
        assertThat(train(dir, "--no-report")).isZero();
        assertThat(dir.resolve("run/metrics.jsonl")).isRegularFile();
        assertThat(dir.resolve("run/report.html")).doesNotExist();
    }
}
