package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;

class SpikeDatasetTest {
    @Test
    void builderKeepsSamplesInOrderAcrossGrowth() {
        SpikeDataset.Builder b = SpikeDataset.builder(700);
        for (int i = 0; i < 300; i++) { // grows past the initial capacities
            float[] t = new float[i % 17];
            int[] u = new int[t.length];
            for (int k = 0; k < t.length; k++) {
                t[k] = 0.001f * (i + k);
                u[k] = (i * 31 + k) % 700;
            }
            b.add(t, u, i % 20, i % 7);
        }
        SpikeDataset ds = b.build();
        assertThat(ds.size()).isEqualTo(300);
        assertThat(ds.classes()).isEqualTo(20);
        for (int i = 0; i < 300; i++) {
            assertThat(ds.spikeCount(i)).isEqualTo(i % 17);
            assertThat(ds.label(i)).isEqualTo(i % 20);
            assertThat(ds.speaker(i)).isEqualTo(i % 7);
            for (int k = 0; k < ds.spikeCount(i); k++) {
                assertThat(ds.time(ds.start(i) + k)).isEqualTo(0.001f * (i + k));
                assertThat(ds.unit(ds.start(i) + k)).isEqualTo((i * 31 + k) % 700);
            }
        }
        assertThat(b.size()).isZero(); // the builder handed its arrays over
    }

    @Test
    void durationIsTheLatestSpike() {
        SpikeDataset ds = SpikeDataset.builder(3).add(new float[] {0.3f, 0.9f, 0.1f}, new int[] {0, 1, 2}, 0)
                .add(new float[0], new int[0], 0).build();
        assertThat(ds.duration(0)).isEqualTo(0.9f);
        assertThat(ds.duration(1)).isZero();
    }

    @Test
    void invalidSpikesAreRejectedWithTheSampleNamed() {
        assertThatThrownBy(() -> SpikeDataset.builder(5).add(new float[] {0.1f}, new int[] {5}, 0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("sample 0 spike 0 has the unit 5");
        assertThatThrownBy(() -> SpikeDataset.builder(5).add(new float[] {0.1f, 0.2f}, new int[] {1}, 0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("2 spike times but 1 units");
        assertThatThrownBy(() -> SpikeDataset.builder(5).source("enc").add(new float[] {0.1f}, new int[] {1}, 0)
                .add(new float[] {Float.NaN}, new int[] {1}, 0).build())
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("enc: spikes/times: sample 1 spike 0 has the time NaN");
        assertThatThrownBy(() -> SpikeDataset.builder(5).add(new float[] {Float.POSITIVE_INFINITY}, new int[] {1}, 0).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> SpikeDataset.builder(5).add(new float[] {0.1f}, new int[] {1}, -1).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("negative label");
        assertThatThrownBy(() -> SpikeDataset.builder(5).classes(2).add(new float[] {0.1f}, new int[] {1}, 2).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("not below the class count 2");
        assertThatThrownBy(() -> SpikeDataset.builder(5).add(new float[0], new int[0], 0, 1).add(new float[0], new int[0], 0, -1).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("speaker");
        assertThatThrownBy(() -> SpikeDataset.builder(0)).isInstanceOf(UserInputException.class).hasMessageContaining("channels");
    }

    @Test
    void classCountCoversClassNames() {
        SpikeDataset ds = SpikeDataset.builder(2).classNames(List.of("a", "b", "c")).add(new float[] {0f}, new int[] {0}, 0).build();
        assertThat(ds.classes()).isEqualTo(3);
    }
}
