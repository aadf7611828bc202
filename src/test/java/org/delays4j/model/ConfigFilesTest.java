package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class ConfigFilesTest {
    @TempDir
    Path dir;

    static final List<String> PRESETS = Presets.NAMES;

    @ParameterizedTest
    @FieldSource("PRESETS")
    void everyPresetLoadsValidatesAndRoundTrips(String name) {
        RunConfig c = Presets.get(name);
        assertThat(c.name()).isEqualTo(name);
        assertThat(ConfigFiles.fromJson(ConfigFiles.toJson(c), "round trip")).isEqualTo(c);
    }

    @ParameterizedTest
    @FieldSource("PRESETS")
    void presetFilesSpellOutEveryRequiredKey(String name) {
        // Every record component except the optional ones (null: "auto" or not applicable) must be
        // written in the preset file, so a preset never silently relies on Java's zero defaults.
        JsonNode tree = Presets.tree(name);
        JsonNode full = ConfigFiles.toTree(Presets.get(name));
        List<String> missing = new ArrayList<>();
        collectMissing(full, tree, "", missing);
        assertThat(missing).isEmpty();
    }

    private static void collectMissing(JsonNode full, JsonNode given, String prefix, List<String> out) {
        for (Iterator<String> it = full.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String p = prefix.isEmpty() ? k : prefix + "." + k;
            if (!given.has(k) && !full.get(k).isNull()) out.add(p);
            else if (full.get(k).isObject()) collectMissing(full.get(k), given.get(k), p, out);
        }
    }

    @Test
    void shdPresetFollowsSpecSection3() {
        RunConfig c = Presets.get("shd");
        ModelConfig m = c.model();
        assertThat(List.of(m.inputs(), m.outputs(), m.hiddenLayers(), m.hiddenNeurons(), m.maxDelay())).containsExactly(140, 20, 2, 256, 25);
        assertThat(m.tauSteps()).isEqualTo((10.05 + 1e-9) / 10.0);
        assertThat(m.effectiveSigInit()).isEqualTo(12.0);
        assertThat(m.dropout()).isEqualTo(0.4);
        assertThat(c.data().channelGroup()).isEqualTo(5);
        TrainingConfig t = c.training();
        assertThat(t.epochs()).isEqualTo(150);
        assertThat(t.batchSize()).isEqualTo(256);
        assertThat(t.effectiveFinalEpoch()).isEqualTo(37);
        assertThat(t.lrPos()).isEqualTo(100 * t.lrW());
        assertThat(t.schedulerW()).isEqualTo(TrainingConfig.Schedule.ONE_CYCLE);
    }

    @Test
    void noDelaysBuildsKernelsOfOneTap() {
        ModelConfig m = Presets.get("shd").model().withKind(ModelConfig.Kind.NO_DELAYS);
        assertThat(m.kernelSize()).isEqualTo(1);
        assertThat(m.effectiveSigInit()).isZero();
        assertThat(m.learnsDelays()).isFalse();
    }

    @Test
    void partialYamlOverlayChangesOnlyItsKeys() throws Exception {
        Path f = dir.resolve("small.yaml");
        Files.writeString(f, """
                model:
                  hidden_neurons: 64
                  kind: fixed-delays
                training:
                  epochs: 3
                  lr_w: 2e-3
                """);
        RunConfig base = Presets.get("shd"), c = ConfigFiles.load("shd", f);
        assertThat(c.model().hiddenNeurons()).isEqualTo(64);
        assertThat(c.model().kind()).isEqualTo(ModelConfig.Kind.FIXED_DELAYS);
        assertThat(c.training().epochs()).isEqualTo(3);
        assertThat(c.training().lrW()).isEqualTo(2e-3);
        assertThat(c.model().withHiddenNeurons(256).withKind(ModelConfig.Kind.DELAYS)).isEqualTo(base.model());
        assertThat(c.data()).isEqualTo(base.data());
    }

    @Test
    void aCompleteFileOverridesWhicheverPresetItIsLaidOn() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, ConfigFiles.toJson(Presets.get("ssc")));
        assertThat(ConfigFiles.load("delay-task", f)).isEqualTo(Presets.get("ssc"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\": {\"hidden_neuron\": 3}}                 | unknown key 'model.hidden_neuron'",
        "{\"model\": {\"max_delay\": 24}}                    | model.max_delay: must be an odd number",
        "{\"model\": {\"max_delay\": \"x\"}}                 | model.max_delay: expected an integer",
        "{\"model\": {\"dropout\": 1.0}}                     | model.dropout: must be in [0, 1)",
        "{\"model\": {\"dropout\": -0.1}}                    | model.dropout",
        "{\"model\": {\"kind\": \"delayz\"}}                 | model.kind: unknown value 'delayz'; use one of delays, fixed-delays, no-delays",
        "{\"model\": {\"readout\": \"avg\"}}                 | model.readout: unknown value 'avg'; use one of sum, mean, max, spike_count",
        "{\"model\": {\"dcls_version\": \"v2\"}}            | model.dcls_version: unknown value 'v2'; use one of gauss, max, v1, v0",
        "{\"training\": {\"optimizer\": \"sgd\"}}          | training.optimizer: unknown value 'sgd'; use one of adam, adamw",
        "{\"data\": {\"source\": \"timit\"}}               | data.source: unknown value 'timit'; use one of shd, ssc, gsc, fsdd, delay-task",
        "{\"model\": {\"tau_ms\": 1.0}}                      | model.tau_ms: must be >= time_step_ms",
        "{\"training\": {\"epochs\": 0}}                     | training.epochs: must be >= 1",
        "{\"training\": {\"scheduler_pos\": \"one-cycle\"}}  | training.scheduler_pos",
        "{\"training\": {\"final_epoch\": 999}}              | training.final_epoch",
        "{\"training\": {\"epochs\": null}}                  | training.epochs: expected an integer",
        "{\"data\": {\"validation_fraction\": 1.5}}          | data.validation_fraction",
        "{\"colour\": 1}                                     | unknown key 'colour'",
        "{\"model\": 5}                                      | model: expected an object with model settings",
        "{\"a\": 1, \"a\": 2}                                | not valid JSON",
        "[1]                                                 | must be an object",
    })
    void badFilesNameTheFileAndTheKey(String json, String expected) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        assertThatThrownBy(() -> ConfigFiles.load("delay-task", f))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(expected.strip())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void otherFileProblemsAreUserErrors() throws Exception {
        assertThatThrownBy(() -> ConfigFiles.load("delay-task", dir.resolve("none.json")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("no such config file");
        Path txt = dir.resolve("c.txt");
        Files.writeString(txt, "{}");
        assertThatThrownBy(() -> ConfigFiles.load("delay-task", txt))
                .isInstanceOf(UserInputException.class).hasMessageContaining("*.json, *.yaml or *.yml");
        Path yaml = dir.resolve("c.yaml");
        Files.writeString(yaml, "model: [unclosed");
        assertThatThrownBy(() -> ConfigFiles.load("delay-task", yaml))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> Presets.get("timit"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("unknown preset 'timit'; choose one of shd, ssc, gsc, fsdd, delay-task");
    }
}
