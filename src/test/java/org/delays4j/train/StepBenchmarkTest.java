package org.delays4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tap count behind the "needed operations" figure. */
class StepBenchmarkTest {
    @Test
    void meanTapsCountsTapsAboveTheSynapsesOwnTolerance() {
        int K = 4, in = 2, out = 3;
        float[] kt = new float[K * in * out];
        // synapse (0,0): taps 1 and 2; (0,1): tap 0 plus one below 2^-24 of it; (1,2): all four; others silent
        kt[(1 * in) * out] = 0.5f;
        kt[(2 * in) * out] = -0.25f;
        kt[1] = 1f;
        kt[(3 * in) * out + 1] = 1e-9f;
        for (int n = 0; n < K; n++) kt[(n * in + 1) * out + 2] = 0.1f * (n + 1);
        assertThat(StepBenchmark.meanTaps(kt, K, in, out)).isEqualTo((2 + 1 + 4) / 6.0);
    }
}
