package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free spike test equals {@code hi >= threshold} on random and edge values. */
class LifKernelSpikeTest {
    @Test
    void branchFreeSpikeEqualsTheComparison() {
        float[] thresholds = {1f, 0f, -1f, 2f, 1e9f, Float.MIN_VALUE, -Float.MIN_VALUE, 0.5f};
        SplittableRandom r = new SplittableRandom(17);
        int spikes = 0, n = 0;
        for (float th : thresholds) {
            float[] edge = {th, Math.nextUp(th), Math.nextDown(th), 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
                    -Float.MAX_VALUE, Float.MIN_NORMAL, 3 * th, -th};
            for (float h : edge) {
                assertThat(LifKernel.spike(h, th)).as("h=%s th=%s", h, th).isEqualTo(h >= th ? 1f : 0f);
            }
            for (int i = 0; i < 20_000; i++) {
                float h = (float) (r.nextGaussian() * (i % 2 == 0 ? 2 : 1e-30)) + (i % 3 == 0 ? th : 0f);
                float want = h >= th ? 1f : 0f;
                assertThat(LifKernel.spike(h, th)).isEqualTo(want);
                spikes += (int) want;
                n++;
            }
        }
        assertThat(spikes).isBetween(n / 10, n - n / 10);
    }
}
