package org.delays4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delays4j.model.ModelConfig;
import org.delays4j.train.Trainer;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblationTest {
    private static final List<ModelConfig.Kind> ALL = List.of(ModelConfig.Kind.values());

    private static Trainer.Data data() {
        return new Trainer.Data(TinyRuns.timing(48, 1), TinyRuns.timing(16, 2), TinyRuns.timing(16, 3));
    }

    @Test
    void trainsEveryKindAndSeedAtMatchedCountsThenReusesFinishedRuns(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Ablation a = new Ablation(TinyRuns.config(), data(), out, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<Path> seen = new ArrayList<>();
        List<RunSummary> runs = a.run(ALL, List.of(0L, 1L), (dir, c, s) -> seen.add(dir));

        assertThat(runs).hasSize(6);
        assertThat(runs).extracting(RunSummary::kind).containsExactly("delays", "fixed-delays", "no-delays", "delays", "fixed-delays", "no-delays");
        long target = runs.getFirst().params();
        for (RunSummary s : runs) {
            assertThat(Math.abs(s.params() - target)).as(s.kind()).isLessThan(target / 10);
            assertThat(s.testAcc()).isBetween(0.0, 1.0);
            assertThat(s.epochs()).isEqualTo(2);
            assertThat(a.runDir(org.delays4j.util.Labelled.parse(ModelConfig.Kind.class, s.kind(), "model kind"), s.seed()).resolve(RunSummary.FILE)).isRegularFile();
        }
        assertThat(runs.get(1).hiddenNeurons()).isGreaterThan(runs.get(0).hiddenNeurons());
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        // the two seeds give different runs
        assertThat(runs.get(0)).isNotEqualTo(runs.get(3));

        // Second time: nothing is retrained, the summaries read back equal.
        long mtime = Files.getLastModifiedTime(seen.getFirst().resolve(Trainer.METRICS)).toMillis();
        log.reset();
        List<RunSummary> again = a.run(ALL, List.of(0L, 1L), null);
        assertThat(again).isEqualTo(runs);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("reusing").doesNotContain("training ");
        assertThat(Files.getLastModifiedTime(seen.getFirst().resolve(Trainer.METRICS)).toMillis()).isEqualTo(mtime);
    }

    @Test
    void sameSeedGivesTheSameRun(@TempDir Path a, @TempDir Path b) {
        // (same thread count in one JVM)
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunSummary x = new Ablation(TinyRuns.config(), data(), a, quiet).run(List.of(ModelConfig.Kind.DELAYS), List.of(3L), null).getFirst();
        RunSummary y = new Ablation(TinyRuns.config(), data(), b, quiet).run(List.of(ModelConfig.Kind.DELAYS), List.of(3L), null).getFirst();
        assertThat(y.valAcc()).isEqualTo(x.valAcc());
        assertThat(y.testAcc()).isEqualTo(x.testAcc());
        assertThat(y.bestEpoch()).isEqualTo(x.bestEpoch());
        // every epoch's losses and accuracies bit-identical (only the wall time differs)
        assertThat(withoutSeconds(b.resolve("delays-seed3"))).isEqualTo(withoutSeconds(a.resolve("delays-seed3")));
    }

    private static List<String> withoutSeconds(Path run) {
        return new org.delays4j.train.MetricsLog(run.resolve(Trainer.METRICS)).read().stream()
                .map(m -> m.epoch() + " " + m.trainLoss() + " " + m.trainAcc() + " " + m.valLoss() + " " + m.valAcc() + " " + m.sigma())
                .toList();
    }

    @Test
    void unfinishedRunDirectoryIsAUserError(@TempDir Path out) throws Exception {
        Ablation a = new Ablation(TinyRuns.config(), data(), out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Files.createDirectories(a.runDir(ModelConfig.Kind.NO_DELAYS, 0));
        assertThatThrownBy(() -> a.run(List.of(ModelConfig.Kind.NO_DELAYS), List.of(0L), null))
                .isInstanceOf(UserInputException.class).hasMessageContaining("no-delays-seed0").hasMessageContaining("delete");
    }

    @Test
    void corruptSummaryIsAUserError(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve(RunSummary.FILE), "{ not json");
        assertThatThrownBy(() -> Ablation.readSummary(out)).isInstanceOf(UserInputException.class).hasMessageContaining(RunSummary.FILE);
    }
}
