package org.delays4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.delays4j.data.Dataset;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.report.RunReport;
import org.delays4j.report.RunReports;
import org.delays4j.train.Checkpoint;
import org.delays4j.train.Trainer;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports built from real (tiny) ablation run directories. Lives here to reuse {@link TinyRuns}. */
class RunReportsTest {
    @TempDir
    static Path out;
    static Ablation ablation;
    static final Dataset TEST = TinyRuns.timing(16, 3);

    @BeforeAll
    static void train() {
        ablation = new Ablation(TinyRuns.config(), new Trainer.Data(TinyRuns.timing(48, 1), TinyRuns.timing(16, 2), TEST), out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ablation.run(List.of(ModelConfig.Kind.values()), List.of(0L), null);
    }

    @Test
    void pageHasCurvesDelayHistogramsAndRasters() throws Exception {
        Path dir = ablation.runDir(ModelConfig.Kind.DELAYS, 0);
        Path page = RunReports.write(dir, TEST, 2, "tiny delays", Map.of("test accuracy", "12.5 %"));
        String html = Files.readString(page);
        RunReport r = RunReports.build(dir, TEST, 2, "tiny delays", Map.of());
        assertThat(r.figureIds()).containsExactly("loss", "accuracy", "sigma", "delays-hidden-layer-0", "delays-hidden-layer-1",
                "delays-output-layer", "raster-input-loudest-fifth-of-its-values-spikes-all", "raster-hidden-layer-0", "raster-hidden-layer-1");
        for (String id : r.figureIds()) assertThat(html).contains("<svg id=\"" + id + "\"");
        assertThat(html).contains("test accuracy").contains("12.5 %").contains("label " + TEST.label(2));
    }

    @Test
    void delaysAreCMinusPOfTheSelectedModel() {
        Path dir = ablation.runDir(ModelConfig.Kind.DELAYS, 0);
        var config = TinyRuns.config().withTraining(TinyRuns.config().training().withSeed(0));
        SnnModel m = new SnnModel(config.model(), 0);
        Checkpoint.restore(Checkpoint.read(dir.resolve(Trainer.BEST)), m.state());
        Dcls1d layer = m.delayLayers().getFirst();
        double[] d = RunReports.delaySteps(layer);
        float[] p = layer.positions().value();
        int K = layer.config().kernelSize();
        for (int k = 0; k < d.length; k++) {
            assertThat(d[k]).isEqualTo(K / 2 - (double) p[k]);
            assertThat(d[k]).isBetween(0.0, K - 1.0);
        }
        // learned positions moved off the integers of the initial draw… or at least are not all equal
        assertThat(java.util.Arrays.stream(d).distinct().count()).isGreaterThan(1);
    }

    @Test
    void fixedDelaysAreIntegersAndNoDelaysAreZero() {
        for (var kind : List.of(ModelConfig.Kind.FIXED_DELAYS, ModelConfig.Kind.NO_DELAYS)) {
            Path dir = ablation.runDir(kind, 0);
            var summary = Ablation.readSummary(dir);
            var c = TinyRuns.config();
            SnnModel m = new SnnModel(c.model().withKind(kind).withHiddenNeurons(summary.hiddenNeurons()), 0);
            Checkpoint.restore(Checkpoint.read(dir.resolve(Trainer.BEST)), m.state());
            for (Dcls1d l : m.delayLayers()) {
                for (double v : RunReports.delaySteps(l)) {
                    assertThat(v).isEqualTo(Math.rint(v));
                    if (kind == ModelConfig.Kind.NO_DELAYS) assertThat(v).isZero();
                }
            }
            assertThat(RunReports.build(dir, TEST, 0, kind.label(), Map.of()).figureIds()).contains("delays-hidden-layer-0-" + kind.label());
        }
    }

    @Test
    void missingFilesAreUserErrors(@TempDir Path empty) {
        assertThatThrownBy(() -> RunReports.write(empty, TEST, 0, "x", Map.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("config.json");
        Path dir = ablation.runDir(ModelConfig.Kind.DELAYS, 0);
        assertThatThrownBy(() -> RunReports.write(dir, TEST, 99, "x", Map.of()))
                .isInstanceOf(UserInputException.class).hasMessageContaining("99");
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium not installed (apt-get install chromium): render check skipped");
        Path dir = ablation.runDir(ModelConfig.Kind.DELAYS, 0);
        Path page = RunReports.write(dir, TEST, 0, "render", Map.of());
        int figures = RunReports.build(dir, TEST, 0, "render", Map.of()).figureIds().size();
        Process p = new ProcessBuilder("bash", "scripts/check-report", page.toString(), String.valueOf(figures))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(dir.resolve("report.png")).isNotEmptyFile();
    }
}
