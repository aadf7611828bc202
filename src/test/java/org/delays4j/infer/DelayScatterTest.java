package org.delays4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scatter table and the event-driven forward on hand-checked cases. */
class DelayScatterTest {
    /** K = 3, one input, two outputs, padLeft 2: tap n delays by 2 - n steps. */
    @Test
    void spikesLandAtTheirDelays() {
        int K = 3, in = 1, out = 2, T = 4, B = 2, Tout = 4;
        float[] kt = new float[K * in * out];
        kt[(2 * in) * out] = 0.5f;      // output 0: tap 2 = no delay
        kt[(0 * in) * out + 1] = -2f;   // output 1: tap 0 = two steps
        DelayScatter.Table tab = DelayScatter.Table.fromTapMajor(kt, K, in, out, 1, 2);
        assertThat(tab.entries()).isEqualTo(2);
        // spikes: sample 0 at t=0 and t=3, sample 1 at t=1 (value 3)
        int[] rowPtr = {0, 1, 1, 1, 2, 2, 2, 3, 3}; // rows t·B + b = 0, 3, 6 hold one entry each
        int[] cols = {0, 0, 0};
        float[] vals = {1, 3, 1};
        float[] y = new float[Tout * B * out];
        DelayScatter.forward(T, B, in, out, 2, Tout, rowPtr, cols, vals, tab, y);
        float[] expected = new float[y.length];
        expected[(0 * B + 0) * out] += 0.5f;     // t=0 no delay
        expected[(2 * B + 0) * out + 1] += -2f;  // t=0 +2 steps
        expected[(3 * B + 0) * out] += 0.5f;     // t=3 no delay; +2 falls outside
        expected[(1 * B + 1) * out] += 1.5f;     // sample 1, t=1, value 3
        expected[(3 * B + 1) * out + 1] += -6f;
        assertThat(y).containsExactly(expected);
    }

    @Test
    void groupsRouteInputsToTheirOutputs() {
        int K = 1, in = 2, outG = 1;
        float[] kt = {4f, 5f}; // tap 0: input 0 -> output 0, input 1 -> output 1
        DelayScatter.Table tab = DelayScatter.Table.fromTapMajor(kt, K, in, outG, 2, 0);
        float[] y = new float[2];
        DelayScatter.forward(1, 1, in, 2, 0, 1, new int[] {0, 1, 2}, new int[] {0, 1}, null, tab, y);
        assertThat(y).containsExactly(4f, 5f);
    }
}
