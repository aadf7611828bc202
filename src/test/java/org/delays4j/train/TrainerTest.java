package org.delays4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.delays4j.io.Json;
import org.delays4j.model.ConfigFiles;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    static final int EPOCHS = 4, BATCH = 8;

    @TempDir
    Path dir;

    static RunConfig config(long seed) {
        RunConfig c = Presets.get("delay-task");
        return c.withTraining(c.training().withEpochs(EPOCHS).withFinetuneEpochs(0).withBatchSize(BATCH).withSeed(seed));
    }

    static Trainer.Data data() {
        return new Trainer.Data(new ToyDataset(60, 6, 3, 1), new ToyDataset(20, 6, 3, 2), new ToyDataset(25, 6, 3, 3));
    }

    record Run(Trainer.Result result, ToyModel model, Path dir) {}

    /** Trains from scratch; {@code stopAfter} batches (-1: never) then stops. */
    Run train(String name, long seed, int stopAfter) {
        ToyModel m = new ToyModel(6, 3, 11);
        AtomicInteger polls = new AtomicInteger();
        Path d = dir.resolve(name);
        Trainer t = new Trainer(config(seed), m, new ToyModel.Sgd(m), data(),
                new Trainer.Options(d, true, Progress.NONE, () -> stopAfter >= 0 && polls.getAndIncrement() >= stopAfter));
        return new Run(t.run(), m, d);
    }

    /** Resumes {@code d} with a freshly (and differently) initialised model, so restoring must do the work. */
    static Run resume(Path d) {
        ToyModel m = new ToyModel(6, 3, 999);
        var last = Trainer.lastCheckpoint(d);
        Trainer t = new Trainer(Checkpoint.config(last), m, new ToyModel.Sgd(m), data(), new Trainer.Options(d, true, Progress.NONE, () -> false));
        return new Run(t.resume(last), m, d);
    }

    /** metrics.jsonl without the wall-clock field. */
    static List<String> metricsWithoutSeconds(Path d) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(d.resolve(Trainer.METRICS))) {
            JsonNode n = Json.mapper().readTree(line);
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("seconds");
            out.add(n.toString());
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndParameters() throws Exception {
        Run a = train("a", 5, -1), b = train("b", 5, -1), c = train("c", 6, -1);
        assertThat(metricsWithoutSeconds(a.dir())).hasSize(EPOCHS).isEqualTo(metricsWithoutSeconds(b.dir()));
        assertThat(a.model().w).isEqualTo(b.model().w);
        assertThat(metricsWithoutSeconds(c.dir())).isNotEqualTo(metricsWithoutSeconds(a.dir()));
        assertThat(a.result().testAcc()).isEqualTo(b.result().testAcc());
    }

    @Test
    void runDirectoryHoldsConfigMetricsAndCheckpoints() throws Exception {
        Run a = train("a", 5, -1);
        assertThat(ConfigFiles.fromJson(Files.readString(a.dir().resolve(Trainer.CONFIG)), "x")).isEqualTo(config(5));
        List<EpochMetrics> ms = new MetricsLog(a.dir().resolve(Trainer.METRICS)).read();
        assertThat(ms).extracting(EpochMetrics::epoch).containsExactly(0, 1, 2, 3);
        for (EpochMetrics m : ms) {
            assertThat(m.trainAcc()).isBetween(0.0, 1.0);
            assertThat(m.valAcc()).isBetween(0.0, 1.0);
            assertThat(m.seconds()).isPositive();
            assertThat(m.lrW()).isEqualTo(0.5 / (1 + m.epoch()));
            assertThat(m.sigma()).isNull();
            assertThat(m.testAcc()).isNotNull();
        }
        // The selected epoch is the best on validation (accuracy, then loss) and best.safetensors holds it.
        EpochMetrics best = ms.stream().reduce((x, y) -> y.valAcc() > x.valAcc() || (y.valAcc() == x.valAcc() && y.valLoss() < x.valLoss()) ? y : x).orElseThrow();
        assertThat(a.result().bestEpoch()).isEqualTo(best.epoch());
        assertThat(a.result().valAcc()).isEqualTo(best.valAcc());
        assertThat(Checkpoint.read(a.dir().resolve(Trainer.BEST)).metadata().get("epoch")).isEqualTo(Integer.toString(best.epoch()));
        assertThat(a.result().testAccSelectedOnTest()).isEqualTo(ms.stream().mapToDouble(EpochMetrics::testAcc).max().orElseThrow());
        assertThat(a.result().params()).isEqualTo(6 * 3 + 3);
        assertThat(a.result().interrupted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 8, 9, 17, 31})
    void interruptedAndResumedRunEqualsTheUninterruptedOne(int stopAfter) throws Exception {
        Run full = train("full", 5, -1);
        Run cut = train("cut", 5, stopAfter);
        assertThat(cut.result().interrupted()).isTrue();
        assertThat(Files.exists(cut.dir().resolve(Trainer.LAST))).isTrue();
        Run resumed = resume(cut.dir());
        assertThat(resumed.result().interrupted()).isFalse();
        assertThat(metricsWithoutSeconds(resumed.dir())).isEqualTo(metricsWithoutSeconds(full.dir()));
        assertThat(resumed.model().w).isEqualTo(full.model().w);
        assertThat(resumed.result().testAcc()).isEqualTo(full.result().testAcc());
        assertThat(resumed.result().bestEpoch()).isEqualTo(full.result().bestEpoch());
        assertThat(resumed.result().testAccSelectedOnTest()).isEqualTo(full.result().testAccSelectedOnTest());
    }

    @Test
    void aRunDirectoryIsNeverReusedByAFreshRun() {
        train("a", 5, -1);
        assertThatThrownBy(() -> train("a", 5, -1)).isInstanceOf(UserInputException.class).hasMessageContaining("--resume");
    }

    @Test
    void resumingNeedsALastCheckpoint() throws Exception {
        Run a = train("a", 5, -1);
        assertThatThrownBy(() -> Trainer.lastCheckpoint(dir.resolve("nothing"))).isInstanceOf(UserInputException.class).hasMessageContaining("no such run directory");
        Files.delete(a.dir().resolve(Trainer.LAST));
        assertThatThrownBy(() -> Trainer.lastCheckpoint(a.dir())).isInstanceOf(UserInputException.class).hasMessageContaining("last.safetensors");
        var best = Checkpoint.read(a.dir().resolve(Trainer.BEST));
        assertThatThrownBy(() -> Checkpoint.position(best)).isInstanceOf(UserInputException.class).hasMessageContaining("cannot be resumed");
    }

    @Test
    void aSafetensorsFileFromElsewhereIsNotACheckpoint() throws Exception {
        Path f = dir.resolve("other.safetensors");
        org.delays4j.io.SafeTensors.write(f, java.util.Map.of("w", org.delays4j.io.SafeTensors.Tensor.vector(1f)), java.util.Map.of());
        assertThatThrownBy(() -> Checkpoint.read(f)).isInstanceOf(UserInputException.class).hasMessageContaining("not a Delays4j checkpoint");
    }

    @Test
    void emptySplitsAreRejected() {
        assertThatThrownBy(() -> new Trainer.Data(new ToyDataset(5, 2, 2, 1), new ToyDataset(0, 2, 2, 1), new ToyDataset(5, 2, 2, 1)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("validation set is empty");
    }
}
