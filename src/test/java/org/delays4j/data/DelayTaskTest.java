package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelayTaskTest {
    private static float[] sample(Dataset ds, int i) {
        float[] x = new float[ds.length(i) * ds.channels()];
        ds.frames(i, x, 0, ds.channels());
        return x;
    }

    @Test
    void sameConfigGivesBitIdenticalSamplesAndSeedsDiffer() {
        DelayTask a = new DelayTask(DelayTask.Config.defaults().withSamples(50));
        DelayTask b = new DelayTask(DelayTask.Config.defaults().withSamples(50));
        DelayTask c = new DelayTask(DelayTask.Config.defaults().withSamples(50).withSeed(2));
        int differ = 0;
        for (int i = 0; i < 50; i++) {
            assertThat(sample(a, i)).containsExactly(sample(b, i));
            assertThat(sample(a, i)).containsExactly(sample(a, i)); // regenerated on the fly, same bits
            if (!Arrays.equals(sample(a, i), sample(c, i))) differ++;
        }
        assertThat(differ).isEqualTo(50);
    }

    @Test
    void testSetHasTheSameClassesButOtherSamples() {
        DelayTask train = new DelayTask(DelayTask.Config.defaults().withSamples(40));
        DelayTask test = train.testSet(40);
        assertThat(test.size()).isEqualTo(40);
        for (int c = 0; c < train.classes(); c++) assertThat(test.patternOffsets(c)).containsExactly(train.patternOffsets(c));
        assertThat(test.patternChannels()).containsExactly(train.patternChannels());
        for (int i = 0; i < 40; i++) assertThat(sample(test, i)).isNotEqualTo(sample(train, i));
    }

    /** Without noise every sample is P one-hot frames, one per pattern channel: the same bag of frames for every class. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99})
    void withoutNoiseEveryClassHasTheSameBagOfFrames(long seed) {
        DelayTask t = new DelayTask(new DelayTask.Config(200, 12, 6, 40, 0.0, seed));
        int[] ch = t.patternChannels();
        for (int i = 0; i < t.size(); i++) {
            float[] x = sample(t, i);
            Map<Integer, Integer> bag = new HashMap<>(); // channel of each one-hot frame → count
            for (int s = 0; s < t.length(i); s++) {
                int spikes = 0, at = -1;
                for (int c = 0; c < t.channels(); c++) {
                    if (x[s * t.channels() + c] != 0) {
                        spikes++;
                        at = c;
                    }
                }
                assertThat(spikes).as("sample %d step %d", i, s).isLessThanOrEqualTo(1);
                if (spikes == 1) bag.merge(at, 1, Integer::sum);
            }
            Map<Integer, Integer> want = new HashMap<>();
            for (int c : ch) want.put(c, 1);
            assertThat(bag).as("sample %d", i).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.5, 0.8, 1.0})
    void patternsAreSpacedAndPairwiseDistinct(double difficulty) {
        DelayTask t = new DelayTask(DelayTask.Config.defaults().withDifficulty(difficulty));
        int gap = 3 + 2 * t.jitter();
        for (int c = 0; c < t.classes(); c++) {
            int[] o = t.patternOffsets(c);
            assertThat(Arrays.stream(o).min().getAsInt()).isZero();
            assertThat(Arrays.stream(o).max().getAsInt()).isLessThanOrEqualTo(DelayTask.SPAN);
            for (int a = 0; a < o.length; a++) for (int b = a + 1; b < o.length; b++) assertThat(Math.abs(o[a] - o[b])).isGreaterThanOrEqualTo(gap);
            for (int d = 0; d < c; d++) assertThat(t.patternOffsets(d)).isNotEqualTo(o);
        }
    }

    /**
     * A delay-and-sum detector that knows the patterns (what a trained delay network can learn)
     * classifies almost every sample; the information is in the timing only.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.6})
    void aDelayAndSumDetectorSolvesIt(double difficulty) {
        DelayTask t = new DelayTask(DelayTask.Config.defaults().withDifficulty(difficulty).withSamples(400));
        int[] ch = t.patternChannels();
        int correct = 0;
        for (int i = 0; i < t.size(); i++) {
            float[] x = sample(t, i);
            int best = -1;
            double bestScore = -1;
            for (int c = 0; c < t.classes(); c++) {
                int[] o = t.patternOffsets(c);
                double score = 0;
                for (int s = 0; s + DelayTask.SPAN < t.length(i) + t.jitter(); s++) {
                    double sum = 0;
                    for (int k = 0; k < o.length; k++) {
                        for (int j = -t.jitter(); j <= t.jitter(); j++) {
                            int tt = s + o[k] + j;
                            if (tt >= 0 && tt < t.length(i) && x[tt * t.channels() + ch[k]] != 0) {
                                sum += 1;
                                break;
                            }
                        }
                    }
                    score = Math.max(score, sum);
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best == t.label(i)) correct++;
        }
        assertThat(correct / (double) t.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void spikeCountsPerChannelDoNotDependOnTheClass() {
        // Mean count per channel and class over many samples: equal up to sampling noise (standard
        // error ≈ 0.045 here); one extra spike in one class would show as a difference of 1.
        DelayTask t = new DelayTask(DelayTask.Config.defaults().withSamples(4000));
        double[][] mean = new double[t.classes()][t.channels()];
        int[] n = new int[t.classes()];
        for (int i = 0; i < t.size(); i++) {
            float[] x = sample(t, i);
            int y = t.label(i);
            n[y]++;
            for (int s = 0; s < t.length(i); s++) for (int c = 0; c < t.channels(); c++) mean[y][c] += x[s * t.channels() + c];
        }
        for (int c = 0; c < t.channels(); c++) {
            double lo = Double.MAX_VALUE, hi = -1;
            for (int y = 0; y < t.classes(); y++) {
                double m = mean[y][c] / n[y];
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
            assertThat(hi - lo).as("channel %d", c).isLessThan(0.3);
        }
    }

    @Test
    void labelsAreBalancedAndBatchesWork() {
        DelayTask t = new DelayTask(DelayTask.Config.defaults().withSamples(80));
        int[] counts = new int[t.classes()];
        for (int i = 0; i < t.size(); i++) counts[t.label(i)]++;
        assertThat(counts).containsOnly(10);
        Batch b = Batch.of(t, new int[] {3, 5});
        assertThat(b.x().T()).isEqualTo(64);
        for (int s = 0; s < 64; s++) for (int c = 0; c < 16; c++) assertThat(b.x().get(s, 1, c)).isEqualTo(sample(t, 5)[s * 16 + c]);
    }

    @Test
    void badConfigurationsNameTheField() {
        assertThatThrownBy(() -> DelayTask.Config.defaults().withLength(10))
                .isInstanceOf(UserInputException.class).hasMessageContaining("delay task length");
        assertThatThrownBy(() -> DelayTask.Config.defaults().withDifficulty(Double.NaN))
                .isInstanceOf(UserInputException.class).hasMessageContaining("delay task difficulty");
        assertThatThrownBy(() -> DelayTask.Config.defaults().withClasses(1))
                .isInstanceOf(UserInputException.class).hasMessageContaining("delay task classes");
        assertThatThrownBy(() -> new DelayTask(DelayTask.Config.defaults().withChannels(2).withClasses(50)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("cannot make 50 distinct timing patterns");
    }
}
