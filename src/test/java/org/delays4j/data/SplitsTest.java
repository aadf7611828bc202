package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitsTest {
    private static void assertPartition(Splits.Split s, int n) {
        assertThat(IntStream.concat(IntStream.of(s.train()), IntStream.of(s.validation())).sorted().toArray())
                .containsExactly(IntStream.range(0, n).toArray());
        assertThat(s.train()).isSorted();
        assertThat(s.validation()).isSorted();
    }

    @ParameterizedTest
    @CsvSource({"0.1,1", "0.1,2", "0.25,3", "0.5,4"})
    void speakerDisjointWhenSpeakersAreKnown(double fraction, long seed) {
        Dataset ds = RandomSpikes.make(11, 300, 20, 4, 5, true).binned(0.01, 1); // speakers 0..4
        Splits.Split s = Splits.validation(ds, fraction, seed);
        assertPartition(s, ds.size());
        assertThat(s.speakerDisjoint()).isTrue();
        Set<String> trainSpk = new HashSet<>(), valSpk = new HashSet<>();
        for (int i : s.train()) trainSpk.add(ds.speaker(i));
        for (int i : s.validation()) valSpk.add(ds.speaker(i));
        assertThat(trainSpk).doesNotContainAnyElementsOf(valSpk).isNotEmpty();
        assertThat(s.validation().length).isGreaterThanOrEqualTo((int) Math.ceil(fraction * ds.size()));
        // no needless overshoot: without one of the held-out speakers (the last taken) the part is too small
        int target = (int) Math.ceil(fraction * ds.size());
        boolean minimal = valSpk.stream().anyMatch(sp -> {
            long rest = IntStream.of(s.validation()).filter(i -> !ds.speaker(i).equals(sp)).count();
            return rest < target;
        });
        assertThat(minimal).isTrue();
    }

    @Test
    void randomWhenSpeakersAreUnknownAndDeterministicFromTheSeed() {
        Dataset ds = new DelayTask(DelayTask.Config.defaults().withSamples(101));
        Splits.Split a = Splits.validation(ds, 0.2, 5), b = Splits.validation(ds, 0.2, 5), c = Splits.validation(ds, 0.2, 6);
        assertPartition(a, 101);
        assertThat(a.speakerDisjoint()).isFalse();
        assertThat(a.validation()).hasSize(21).containsExactly(b.validation());
        assertThat(c.validation()).isNotEqualTo(a.validation());
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        Dataset ds = new DelayTask(DelayTask.Config.defaults().withSamples(10));
        Splits.Split s = Splits.validation(ds, 0, 1);
        assertThat(s.validation()).isEmpty();
        assertThat(s.train()).hasSize(10);
    }

    @Test
    void aSingleSpeakerFallsBackToARandomSplit() {
        SpikeDataset.Builder b = SpikeDataset.builder(4);
        for (int i = 0; i < 20; i++) b.add(new float[] {0.1f}, new int[] {1}, i % 2, 7);
        Splits.Split s = Splits.validation(b.build().binned(0.01, 1), 0.3, 1);
        assertThat(s.speakerDisjoint()).isFalse();
        assertThat(s.validation()).hasSize(6);
    }

    @Test
    void badFractionIsAUserError() {
        Dataset ds = new DelayTask(DelayTask.Config.defaults().withSamples(10));
        assertThatThrownBy(() -> Splits.validation(ds, 1.0, 1)).isInstanceOf(UserInputException.class).hasMessageContaining("validation fraction");
        assertThatThrownBy(() -> Splits.validation(ds, Double.NaN, 1)).isInstanceOf(UserInputException.class);
    }

    @Test
    void subsetViewsTheChosenSamples() {
        Dataset ds = new DelayTask(DelayTask.Config.defaults().withSamples(30));
        Splits.Split s = Splits.validation(ds, 0.3, 9);
        Subset v = s.validationOf(ds);
        assertThat(v.size()).isEqualTo(9);
        assertThat(v.channels()).isEqualTo(ds.channels());
        for (int i = 0; i < v.size(); i++) {
            int j = s.validation()[i];
            assertThat(v.label(i)).isEqualTo(ds.label(j));
            float[] x = new float[ds.length(j) * ds.channels()], y = new float[x.length];
            ds.frames(j, x, 0, ds.channels());
            v.frames(i, y, 0, ds.channels());
            assertThat(y).containsExactly(x);
        }
        assertThatThrownBy(() -> new Subset(ds, new int[] {30})).isInstanceOf(IllegalArgumentException.class);
    }
}
