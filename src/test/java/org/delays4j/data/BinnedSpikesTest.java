package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinnedSpikesTest {
    /** The obvious float64 binning, straight from the definition, as dense [T][C]. */
    private static double[] naive(SpikeDataset ds, int i, double dt, int group, int frames) {
        int T = frames;
        if (T == 0) {
            double max = 0;
            for (int k = ds.start(i); k < ds.end(i); k++) max = Math.max(max, ds.time(k));
            T = (int) Math.floor(max / dt) + 1;
        }
        int C = (ds.channels() + group - 1) / group;
        double[] x = new double[T * C];
        for (int k = ds.start(i); k < ds.end(i); k++) {
            int t = (int) Math.floor((double) ds.time(k) / dt);
            if (t < T) x[t * C + ds.unit(k) / group] += 1;
        }
        return x;
    }

    @ParameterizedTest(name = "dt={0} group={1} frames={2}")
    @CsvSource({"0.01,5,0", "0.004,1,0", "0.025,7,0", "0.01,5,30", "0.05,3,200"})
    void viewAgreesWithTheNaiveBinningOnRandomData(double dt, int group, int frames) {
        SpikeDataset ds = RandomSpikes.make(3, 40, 101, 3, 400, false);
        Dataset view = ds.binned(new Binning(dt, group, frames));
        int C = view.channels();
        assertThat(C).isEqualTo((101 + group - 1) / group);
        for (int i = 0; i < ds.size(); i++) {
            double[] want = naive(ds, i, dt, group, frames);
            assertThat(view.length(i) * C).isEqualTo(want.length);
            // dirty destination: the view must overwrite its rows, not add to old contents
            float[] got = new float[want.length];
            Arrays.fill(got, 9f);
            view.frames(i, got, 0, C);
            for (int j = 0; j < want.length; j++) assertThat((double) got[j]).isEqualTo(want[j]);
        }
    }

    @Test
    void frameCountIncludesTheLastSpikeAndAnEmptySampleHasOneFrame() {
        SpikeDataset ds = SpikeDataset.builder(10)
                .add(new float[] {0.0f, 0.0299f}, new int[] {0, 9}, 0)
                .add(new float[] {}, new int[] {}, 1)
                .build();
        Dataset v = ds.binned(0.01, 5);
        assertThat(v.length(0)).isEqualTo(3);
        assertThat(v.length(1)).isEqualTo(1);
        assertThat(v.channels()).isEqualTo(2);
        float[] x = new float[3 * 2];
        v.frames(0, x, 0, 2);
        assertThat(x).containsExactly(1, 0, 0, 0, 0, 1);
    }

    @Test
    void fixedFrameCountDropsLaterSpikes() {
        SpikeDataset ds = SpikeDataset.builder(2).add(new float[] {0.001f, 0.5f}, new int[] {0, 1}, 0).build();
        Dataset v = ds.binned(new Binning(0.01, 1, 10));
        assertThat(v.length(0)).isEqualTo(10);
        float[] x = new float[20];
        v.frames(0, x, 0, 2);
        float sum = 0;
        for (float f : x) sum += f;
        assertThat(sum).isEqualTo(1f);
    }

    @Test
    void writesIntoABatchAtTheRightStride() {
        SpikeDataset ds = RandomSpikes.make(5, 6, 20, 2, 50, true);
        Dataset v = ds.binned(0.02, 2);
        Batch b = Batch.of(v, new int[] {4, 1, 2});
        for (int bi = 0; bi < 3; bi++) {
            int i = b.indices()[bi];
            double[] want = naive(ds, i, 0.02, 2, 0);
            for (int t = 0; t < b.x().T(); t++) {
                for (int c = 0; c < v.channels(); c++) {
                    double w = t < v.length(i) ? want[t * v.channels() + c] : 0;
                    assertThat((double) b.x().get(t, bi, c)).isEqualTo(w);
                }
            }
        }
        assertThat(v.speaker(0)).isEqualTo(Integer.toString(ds.speaker(0)));
    }

    @Test
    void badBinningIsAUserError() {
        assertThatThrownBy(() -> new Binning(0, 5, 0)).isInstanceOf(UserInputException.class).hasMessageContaining("dt");
        assertThatThrownBy(() -> new Binning(0.01, 0, 0)).isInstanceOf(UserInputException.class).hasMessageContaining("group size");
        assertThatThrownBy(() -> new Binning(0.01, 5, -1)).isInstanceOf(UserInputException.class).hasMessageContaining("frames");
        SpikeDataset ds = SpikeDataset.builder(2).add(new float[] {10f}, new int[] {0}, 0).build();
        assertThatThrownBy(() -> ds.binned(1e-6, 1)).isInstanceOf(UserInputException.class).hasMessageContaining("dt is in seconds");
    }
}
