package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.delays4j.layer.BatchNorm1d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Vector API normalised LIF equals the scalar one bit for bit (train caches and eval state). */
class LifSimdKernelsTest {
    @ParameterizedTest(name = "T={0} B={1} C={2} train={3}")
    @CsvSource({"7,3,37,true", "7,3,37,false", "5,4,16,true", "9,2,5,false", "4,8,256,true", "4,8,256,false", "1,1,1,true"})
    void simdEqualsScalar(int T, int B, int C, boolean train) {
        LifEventsTest.Case k = LifEventsTest.randomCase(new SplittableRandom(T * 1000L + B * 10L + C), T, B, C);
        float[] x = k.x();
        BatchNorm1d.Affine norm = k.norm();
        org.junit.jupiter.api.Assumptions.assumeTrue(LifSimdKernels.usable(), "float and double vectors of equal lane counts");
        int n = B * C;
        float a = 0.33f, th = 1f;
        float[] h1 = train ? new float[x.length] : null, h2 = train ? new float[x.length] : null;
        float[] s1 = new float[x.length], s2 = new float[x.length];
        // two ranges, one not starting on a channel boundary, as the thread chunks may
        int mid = n / 2 + (n > 2 ? 1 : 0);
        for (int[] range : new int[][] {{0, mid}, {mid, n}}) {
            LifKernel.forwardNormalised(x, norm, C, h1, s1, T, n, range[0], range[1], a, th);
            LifSimdKernels.forwardNormalised(x, norm, C, h2, s2, T, n, range[0], range[1], a, th);
        }
        assertThat(s2).containsExactly(s1);
        if (train) assertThat(h2).containsExactly(h1);
        int spikes = 0;
        for (float v : s1) spikes += (int) v;
        if (x.length > 20) assertThat(spikes).isBetween(1, x.length - 1);
    }
}
