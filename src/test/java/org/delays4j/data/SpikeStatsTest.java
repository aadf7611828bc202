package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.delays4j.core.Parallel;
import org.junit.jupiter.api.Test;

class SpikeStatsTest {
    @Test
    void countsByHandOnASmallSet() {
        // sample 0: 3 spikes, two in the same cell (frame 0, channel 0) → 2 non-zero cells of 3 frames x 2 channels
        // sample 1: no spike → 1 empty frame
        SpikeDataset ds = SpikeDataset.builder(10)
                .add(new float[] {0.001f, 0.002f, 0.025f}, new int[] {1, 4, 9}, 0, 3)
                .add(new float[0], new int[0], 1, 4)
                .build();
        SpikeStats s = SpikeStats.of(ds, new Binning(0.01, 5, 0));
        assertThat(s.samples()).isEqualTo(2);
        assertThat(s.speakers()).isEqualTo(2);
        assertThat(s.classCounts()).containsExactly(1, 1);
        assertThat(s.emptySamples()).isEqualTo(1);
        assertThat(s.totalSpikes()).isEqualTo(3);
        assertThat(s.binnedChannels()).isEqualTo(2);
        assertThat(s.frames().min()).isEqualTo(1);
        assertThat(s.frames().max()).isEqualTo(3);
        assertThat(s.density()).isCloseTo(2.0 / (6 + 2), within(1e-12));
        assertThat(s.meanNonZero()).isCloseTo(1.5, within(1e-12));
        assertThat(s.spikes().median()).isEqualTo(1.5);
        assertThat(s.duration().max()).isCloseTo(0.025, within(1e-7));
        assertThat(s.report()).contains("empty samples      1");
    }

    @Test
    void sameResultWithOneOrTwoThreads() {
        SpikeDataset ds = SyntheticSpikes.shdLike(60, 300, 4);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            String one = SpikeStats.of(ds, Binning.HEIDELBERG).report();
            Parallel.setThreads(2);
            assertThat(SpikeStats.of(ds, Binning.HEIDELBERG).report()).isEqualTo(one);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void syntheticDataIsDeterministicAndShdShaped() {
        SpikeDataset a = SyntheticSpikes.shdLike(30, 1000, 9), b = SyntheticSpikes.shdLike(30, 1000, 9);
        SpikeDatasetWriterTest.assertSameSpikes(a, b);
        assertThat(a.channels()).isEqualTo(700);
        assertThat(a.classes()).isEqualTo(20);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.spikeCount(i)).isBetween(500, 1500);
            assertThat(a.duration(i)).isLessThan(1.4f);
        }
    }
}
