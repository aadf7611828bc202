package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.core.VectorOps;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The FFT gradients against the dense path and the float64 direct sums on seeded random shapes. */
class FftConv1dTest {
    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int id = 0; id < 24; id++) for (boolean simd : new boolean[] {true, false}) out.add(Arguments.of(id, simd));
        return out;
    }

    private static float[] random(SplittableRandom r, int n, double density) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) if (r.nextDouble() < density) a[k] = (float) r.nextGaussian();
        return a;
    }

    private static double[] d(float[] f) {
        return RandomDcls.toDouble(f);
    }

    @ParameterizedTest(name = "#{0} simd={1}")
    @MethodSource("cases")
    void gradientsMatchDenseAndFloat64(int id, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(500 + id);
            int K = id == 0 ? 1 : 1 + r.nextInt(31);
            int T = 1 + 2 * r.nextInt(20) + (id % 3 == 0 ? K : 0); // odd lengths, some shorter than K
            int padL = r.nextInt(K), padR = id % 4 == 1 ? padL : r.nextInt(K);
            int Tout = T + padL + padR - K + 1;
            if (Tout <= 0) {
                padL = K - 1;
                padR = K - 1;
                Tout = T + K - 1;
            }
            int B = 1 + r.nextInt(5), in = 1 + r.nextInt(id == 5 ? 150 : 40), out = 1 + r.nextInt(id == 6 ? 140 : 30);
            ConvShape s = new ConvShape(T, B, in, out, 1, K, padL, Tout);
            float[] x = random(r, T * B * in, id % 2 == 0 ? 0.1 : 1.0), gy = random(r, Tout * B * out, 1.0), kt = random(r, K * in * out, 1.0);

            float[] gxF = new float[T * B * in], gkF = new float[K * in * out];
            // a non-zero start: both gradients accumulate
            for (int k = 0; k < gxF.length; k++) gxF[k] = 0.5f;
            for (int k = 0; k < gkF.length; k++) gkF[k] = -0.25f;
            float[] gxD = gxF.clone(), gkD = gkF.clone();
            // odd cases: spectra budgets of a few samples, so the batch runs in several chunks
            new FftConv1d(id % 2 == 1 ? 1 : 1L << 21).backward(s, x, gy, kt, gxF, gkF);
            DenseConv1d.inputGrad(s, gy, kt, gxD);
            DenseConv1d.kernelGrad(s, x, gy, gkD);

            double[] gxR = new double[gxF.length], gkR = new double[gkF.length];
            java.util.Arrays.fill(gxR, 0.5);
            java.util.Arrays.fill(gkR, -0.25);
            FftConv1d.naive(s, d(x), d(gy), d(kt), gxR, gkR);
            assertThat(Golden.relErr(gxR, gxD)).as("dense gx vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(gxR, gxF)).as("fft gx vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(gkR, gkF)).as("fft gk vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(d(gxD), gxF)).as("fft gx vs dense").isLessThan(1e-5);
            assertThat(Golden.relErr(d(gkD), gkF)).as("fft gk vs dense").isLessThan(1e-5);
        } finally {
            Kernels.use(prev);
        }
    }

    @Test
    void eitherGradientAloneAndReuseAcrossShapes() {
        SplittableRandom r = new SplittableRandom(9);
        FftConv1d f = new FftConv1d();
        for (int[] sh : new int[][] {{17, 3, 20, 12, 9, 8, 4}, {40, 2, 6, 33, 25, 24, 12}, {11, 4, 9, 5, 3, 0, 2}}) {
            ConvShape s = new ConvShape(sh[0], sh[1], sh[2], sh[3], 1, sh[4], sh[5], sh[0] + sh[5] + sh[6] - sh[4] + 1);
            float[] x = random(r, s.T() * s.B() * s.in(), 0.3), gy = random(r, s.Tout() * s.B() * s.out(), 1), kt = random(r, s.kernelSize(), 1);
            float[] gx = new float[x.length], gk = new float[kt.length], gxD = new float[x.length], gkD = new float[kt.length];
            f.backward(s, null, gy, kt, gx, null);
            f.backward(s, x, gy, null, null, gk);
            DenseConv1d.inputGrad(s, gy, kt, gxD);
            DenseConv1d.kernelGrad(s, x, gy, gkD);
            assertThat(Golden.relErr(d(gxD), gx)).isLessThan(1e-5);
            assertThat(Golden.relErr(d(gkD), gk)).isLessThan(1e-5);
        }
    }

    @Test
    void sameBitsForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(3);
        ConvShape s = new ConvShape(30, 4, 70, 50, 1, 25, 24, 30 + 24 + 12 - 24);
        float[] x = random(r, s.T() * s.B() * s.in(), 0.2), gy = random(r, s.Tout() * s.B() * s.out(), 1), kt = random(r, s.kernelSize(), 1);
        int prev = Parallel.threads();
        try {
            float[][] res = new float[2][];
            float[][] resK = new float[2][];
            for (int k = 0; k < 2; k++) {
                Parallel.setThreads(k == 0 ? 1 : 3);
                res[k] = new float[x.length];
                resK[k] = new float[kt.length];
                new FftConv1d(3000).backward(s, x, gy, kt, res[k], resK[k]);
            }
            assertThat(res[1]).isEqualTo(res[0]);
            assertThat(resK[1]).isEqualTo(resK[0]);
        } finally {
            Parallel.setThreads(prev);
        }
    }

    @Test
    void chunksAreEqualAndWithinBudget() {
        assertThat(FftConv1d.chunk(256, 73, 256, 1L << 21)).isEqualTo(52); // 5 chunks of ≤ 56
        assertThat(FftConv1d.chunk(256, 73, 256, 1L << 40)).isEqualTo(256);
        assertThat(FftConv1d.chunk(5, 10, 10, 1)).isEqualTo(1);
        assertThat(FftConv1d.chunk(7, 10, 10, 450)).isEqualTo(2); // max 2 per chunk: 4 chunks of 2
        // SHD 256->256 (73 bins, kernel spectrum 9.57 M floats): two chunks at a 700 MB heap, one at 2 GB
        long kr = 73L * 2 * 256 * 256;
        assertThat(FftConv1d.chunk(256, 73, 256, FftConv1d.chunkBudget(650L << 20, kr))).isEqualTo(128);
        assertThat(FftConv1d.chunk(256, 73, 256, FftConv1d.chunkBudget(2L << 30, kr))).isEqualTo(256);
        assertThat(FftConv1d.chunkBudget(1L << 20, kr)).isEqualTo(1L << 20);
    }

    @Test
    void lengthAvoidsWrapAroundAndGroupsAreRefused() {
        // SHD layer shapes: causal padding K-1 = 24 on the left, 12 on the right
        assertThat(FftConv1d.length(new ConvShape(100, 1, 1, 1, 1, 25, 24, 112))).isEqualTo(125);
        assertThat(FftConv1d.length(new ConvShape(112, 1, 1, 1, 1, 25, 24, 124))).isEqualTo(144);
        assertThat(FftConv1d.length(new ConvShape(124, 1, 1, 1, 1, 25, 24, 136))).isEqualTo(150);
        ConvShape g = new ConvShape(10, 1, 4, 4, 2, 3, 2, 10);
        assertThatThrownBy(() -> new FftConv1d().backward(g, new float[40], new float[40], new float[24], new float[40], null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
