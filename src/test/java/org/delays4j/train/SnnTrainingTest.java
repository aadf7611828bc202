package org.delays4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.delays4j.io.SafeTensors;
import org.delays4j.model.DataConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.core.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real SNN in the trainer on a tiny delay task: same seed and thread count give identical
 * metrics and parameters, and a run stopped anywhere (main phase, σ decay, the fine-tuning
 * boundary, fine-tuning) and resumed ends where the uninterrupted run ends.
 */
class SnnTrainingTest {
    @TempDir
    Path dir;

    /** 96 samples (86 train, 10 validation) in batches of 16 → 6 batches per epoch; 3 + 2 epochs. */
    static RunConfig tiny() {
        RunConfig c = Presets.get("delay-task");
        DataConfig d = c.data();
        DataConfig.DelayTaskSettings s = new DataConfig.DelayTaskSettings(96, 40, 6, 3, 24, 0.3, 7);
        return c.withData(new DataConfig(d.source(), null, 1, 0.1, s))
                .withModel(c.model().withShape(6, 3).withHiddenNeurons(8))
                .withTraining(c.training().withEpochs(3).withFinetuneEpochs(2).withBatchSize(16).withSeed(11))
                .validate();
    }

    record Run(Trainer.Result result, SnnModel model, Path dir) {}

    Run train(String name, RunConfig c, int stopAfter) {
        SnnModel m = new SnnModel(c.model(), Seeds.of(c.training().seed(), Seeds.INIT));
        AtomicInteger polls = new AtomicInteger();
        Path d = dir.resolve(name);
        Trainer t = new Trainer(c, new SnnTrainable(m), new SnnOptimisation(m, c.training()), DataSources.open(c),
                new Trainer.Options(d, false, Progress.NONE, () -> stopAfter >= 0 && polls.getAndIncrement() >= stopAfter));
        return new Run(t.run(), m, d);
    }

    static Run resume(Path d) {
        SafeTensors.Contents last = Trainer.lastCheckpoint(d);
        RunConfig c = Checkpoint.config(last);
        SnnModel m = new SnnModel(c.model(), 424242); // other initial values: the checkpoint must restore everything
        Trainer t = new Trainer(c, new SnnTrainable(m), new SnnOptimisation(m, c.training()), DataSources.open(c),
                new Trainer.Options(d, false, Progress.NONE, () -> false));
        return new Run(t.resume(last), m, d);
    }

    static void sameParameters(SnnModel a, SnnModel b) {
        for (int i = 0; i < a.state().size(); i++) {
            assertThat(b.state().get(i).values()).as(a.state().get(i).name()).isEqualTo(a.state().get(i).values());
        }
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalMetricsJsonl() throws Exception {
        Run a = train("a", tiny(), -1), b = train("b", tiny(), -1);
        List<String> ma = TrainerTest.metricsWithoutSeconds(a.dir());
        assertThat(ma).hasSize(5).isEqualTo(TrainerTest.metricsWithoutSeconds(b.dir()));
        sameParameters(a.model(), b.model());
        assertThat(a.result().testAcc()).isEqualTo(b.result().testAcc());
        // The fine-tuning epochs run the rounded network: no position learning, SIG = 0.
        List<EpochMetrics> ms = new MetricsLog(a.dir().resolve(Trainer.METRICS)).read();
        assertThat(ms.subList(0, 3)).allSatisfy(m -> assertThat(m.lrPos()).isPositive());
        assertThat(ms.subList(3, 5)).allSatisfy(m -> {
            assertThat(m.lrPos()).isZero();
            assertThat(m.sigma()).isZero();
        });
        assertThat(a.model().roundedTraining()).isTrue();
        assertThat(a.model().trainable(Param.Kind.POSITION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 13, 18, 21, 29})
    void stoppedAndResumedRunEndsWhereTheUninterruptedOneEnds(int stopAfter) throws Exception {
        Run full = train("full", tiny(), -1);
        Run cut = train("cut", tiny(), stopAfter);
        assertThat(cut.result().interrupted()).isTrue();
        Run resumed = resume(cut.dir());
        assertThat(TrainerTest.metricsWithoutSeconds(resumed.dir())).isEqualTo(TrainerTest.metricsWithoutSeconds(full.dir()));
        assertThat(resumed.result().testAcc()).isEqualTo(full.result().testAcc());
        assertThat(resumed.result().testLoss()).isEqualTo(full.result().testLoss());
        var lastFull = Trainer.lastCheckpoint(full.dir()).tensors();
        var lastResumed = Trainer.lastCheckpoint(resumed.dir()).tensors();
        assertThat(lastResumed.keySet()).isEqualTo(lastFull.keySet());
        lastFull.forEach((k, v) -> assertThat(lastResumed.get(k).data()).as(k).isEqualTo(v.data()));
    }
}
