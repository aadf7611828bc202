package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API sparse-tap correlation agrees with its plain-loop twin. */
class TapKernelsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 13})
    void vectorMatchesNaive(int vectors) {
        SplittableRandom r = new SplittableRandom(vectors);
        int L = TapKernels.lanes(), len = vectors * L, entries = 1 + r.nextInt(40);
        float[] src = new float[len + 500];
        for (int k = 0; k < src.length; k++) src[k] = (float) r.nextGaussian();
        int[] off = new int[entries + 3];
        float[] w = new float[entries + 3];
        for (int e = 0; e < off.length; e++) {
            off[e] = r.nextInt(500);
            w[e] = (float) r.nextGaussian();
        }
        float[] a = new float[len], b = new float[len];
        TapKernels.correlateNaive(src, off, w, 2, 2 + entries, a, 0, len);
        TapKernels.correlateVector(src, off, w, 2, 2 + entries, b, 0, len);
        double[] ad = new double[len];
        for (int k = 0; k < len; k++) ad[k] = a[k];
        assertThat(Golden.relErr(ad, b)).isLessThan(1e-6);
        assertThat(a).isNotEqualTo(new float[len]);
    }
}
