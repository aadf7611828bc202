package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.delays4j.io.Json;
import org.delays4j.io.SafeTensors;
import org.delays4j.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delays4j train} and {@code delays4j eval} end to end on a tiny generated task. */
class TrainEvalRunTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void tinyConfig() throws Exception {
        config = dir.resolve("tiny.json");
        Files.writeString(config, """
                {"data": {"delay_task": {"samples": 96, "test_samples": 40, "channels": 6, "classes": 3, "length": 24, "difficulty": 0.3, "seed": 7}},
                 "model": {"inputs": 6, "outputs": 3, "hidden_neurons": 8},
                 "training": {"epochs": 2, "finetune_epochs": 1, "batch_size": 16}}
                """);
    }

    static JsonNode json(String line) throws Exception {
        return Json.mapper().readTree(line);
    }

    static void userError(CliRun r, String expected) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: ").contains(expected).doesNotContain("\tat ");
    }

    @Test
    void trainPrintsOneSummaryLineAndEvalReproducesTheTestFigure() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = run("train", "--config", config.toString(), "--out", out.toString(), "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode s = json(r.out());
        List<String> keys = new ArrayList<>();
        s.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 5)).containsExactly("val_acc", "test_acc", "epochs", "seconds", "params");
        assertThat(s.get("epochs").asInt()).isEqualTo(3);
        assertThat(s.get("params").asLong()).isEqualTo(2 * (6 * 8 + 8 * 3) + 2 * 8);
        assertThat(s.get("test_acc").asDouble()).isBetween(0.0, 1.0);
        // Not a terminal: a header and one line per epoch, no carriage returns.
        assertThat(r.err()).contains("delays4j train: delay-task, model delays").doesNotContain("\r");
        assertThat(r.err().lines().filter(l -> l.startsWith("epoch "))).hasSize(3);
        for (String f : List.of(Trainer.CONFIG, Trainer.METRICS, Trainer.LAST, Trainer.BEST)) assertThat(out.resolve(f)).exists();

        CliRun e = run("eval", "--checkpoint", out.resolve(Trainer.BEST).toString());
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode ev = json(e.out());
        assertThat(ev.get("test_acc").asDouble()).isEqualTo(s.get("test_acc").asDouble());
        assertThat(ev.get("test_loss").asDouble()).isEqualTo(s.get("test_loss").asDouble());
        assertThat(ev.get("samples").asInt()).isEqualTo(40);

        // Resuming a finished run re-evaluates its selected model and changes nothing.
        List<String> metrics = Files.readAllLines(out.resolve(Trainer.METRICS));
        CliRun again = run("train", "--resume", out.toString(), "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(json(again.out()).get("test_acc").asDouble()).isEqualTo(s.get("test_acc").asDouble());
        assertThat(Files.readAllLines(out.resolve(Trainer.METRICS))).isEqualTo(metrics);

        userError(run("train", "--config", config.toString(), "--out", out.toString()), "already holds a run");
    }

    @Test
    void corruptOrForeignCheckpointsAreOneLineErrors() throws Exception {
        Path out = dir.resolve("run");
        assertThat(run("train", "--config", config.toString(), "--out", out.toString(), "--quiet").code()).isZero();
        byte[] good = Files.readAllBytes(out.resolve(Trainer.BEST));
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(good, good.length - 5));
        userError(run("eval", "--checkpoint", cut.toString()), "corrupt safetensors file");
        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "this is not a checkpoint at all");
        userError(run("eval", "--checkpoint", garbage.toString()), "garbage.safetensors");
        Path foreign = dir.resolve("foreign.safetensors");
        SafeTensors.write(foreign, java.util.Map.of("w", SafeTensors.Tensor.vector(1f)), java.util.Map.of());
        userError(run("eval", "--checkpoint", foreign.toString()), "not a Delays4j checkpoint");
        userError(run("eval", "--checkpoint", dir.resolve("none.safetensors").toString()), "no such file");
        userError(run("eval", "--checkpoint", out.resolve(Trainer.BEST).toString(), "--preset", "tidigits"), "unknown preset 'tidigits'");
        userError(run("eval", "--checkpoint", out.resolve(Trainer.BEST).toString(), "--preset", "shd"), "needs --data");
        userError(run("train", "--resume", out.resolve("nothing").toString()), "no such run directory");
    }

    @Test
    void missingOrMismatchedDataIsAUserErrorAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        userError(run("train", "--preset", "shd", "--out", out.toString()), "preset shd needs --data PATH");
        userError(run("train", "--preset", "shd", "--data", dir.resolve("missing").toString(), "--out", out.toString()), "no such file or directory");
        Files.createDirectories(dir.resolve("empty"));
        userError(run("train", "--preset", "ssc", "--data", dir.resolve("empty").toString(), "--out", out.toString()), "holds neither ssc_train.h5");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(config).replace("\"inputs\": 6", "\"inputs\": 5"));
        userError(run("train", "--config", bad.toString(), "--out", out.toString()), "set model.inputs to 6");
        assertThat(out).doesNotExist();
    }
}
