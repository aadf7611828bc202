package org.delays4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overwrite and per-row-list forms of the scatter equal the accumulating CSR form bit for bit
 * (seeded random integer-delay kernels and spikes, 1 and 2 threads), and the CSR form equals a
 * naive direct sum over (t, b, i, n, o).
 */
class DelayScatterRowsTest {
    @ParameterizedTest(name = "T={0} B={1} in={2} out={3} K={4} padL={5} groups={6} threads={7}")
    @CsvSource({"20,3,12,7,5,4,1,1", "20,3,12,7,5,4,1,2", "13,4,8,6,3,2,2,2", "9,5,6,4,7,0,1,2", "30,2,16,9,9,8,1,1"})
    void rowsAndOverwriteEqualTheCsrScatter(int T, int B, int in, int out, int K, int padL, int groups, int threads) {
        SplittableRandom r = new SplittableRandom(T * 131L + B * 17L + in * 7L + out + K + threads);
        int inG = in / groups, outG = out / groups;
        // one tap per synapse (rounded delays), some synapses zero
        float[] kt = new float[K * in * outG];
        for (int i = 0; i < in; i++) {
            for (int oo = 0; oo < outG; oo++) {
                if (r.nextDouble() < 0.1) continue;
                kt[(r.nextInt(K) * in + i) * outG + oo] = (float) r.nextGaussian();
            }
        }
        int Tout = T + padL - (K - 1) + (K - 1) / 2; // any output length with padR = (K-1)/2
        DelayScatter.Table tab = DelayScatter.Table.fromTapMajor(kt, K, in, outG, groups, padL);
        float[] dense = new float[T * B * in];
        for (int k = 0; k < dense.length; k++) if (r.nextDouble() < 0.25) dense[k] = 1f;
        Seq x = new Seq(dense, T, B, in);
        SpikeEvents ev = SpikeEvents.of(x);
        int[] rowPtr = new int[T * B + 1], cols = new int[(int) ev.nnz()];
        for (int row = 0, k = 0; row < T * B; row++) {
            for (int j = 0; j < ev.count()[row]; j++) cols[k++] = ev.cols()[row * in + j];
            rowPtr[row + 1] = k;
        }
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) bias[o] = (float) r.nextGaussian();

        int prev = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            float[] want = new float[Tout * B * out];
            for (int row = 0; row < Tout * B; row++) System.arraycopy(bias, 0, want, row * out, out);
            DelayScatter.forward(T, B, in, out, padL, Tout, rowPtr, cols, null, tab, want);
            assertThat(relErr(want, naive(x, kt, K, outG, groups, padL, Tout, bias))).isLessThanOrEqualTo(1e-6);

            float[] over = filledWithGarbage(want.length, r);
            DelayScatter.forwardOverwrite(T, B, out, padL, Tout, rowPtr, cols, null, tab, bias, over);
            assertThat(over).containsExactly(want);

            float[] rows = filledWithGarbage(want.length, r);
            DelayScatter.forwardRows(T, B, out, padL, Tout, ev.count(), in, ev.cols(), tab, bias, rows);
            assertThat(rows).containsExactly(want);

            float[] noBias = new float[want.length], noBiasRows = filledWithGarbage(want.length, r);
            DelayScatter.forward(T, B, in, out, padL, Tout, rowPtr, cols, null, tab, noBias);
            DelayScatter.forwardRows(T, B, out, padL, Tout, ev.count(), in, ev.cols(), tab, null, noBiasRows);
            assertThat(noBiasRows).containsExactly(noBias);
        } finally {
            Parallel.setThreads(prev);
        }
    }

    private static float[] filledWithGarbage(int n, SplittableRandom r) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float) r.nextGaussian() * 100;
        return a;
    }

    /** y[t + padL - n][b][o] += x[t][b][i]·k[n][i][o], in float64. */
    private static double[] naive(Seq x, float[] kt, int K, int outG, int groups, int padL, int Tout, float[] bias) {
        int T = x.T(), B = x.B(), in = x.C(), out = outG * groups, inG = in / groups;
        double[] y = new double[Tout * B * out];
        for (int row = 0; row < Tout * B; row++) for (int o = 0; o < out; o++) y[row * out + o] = bias[o];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < in; i++) {
                    float v = x.get(t, b, i);
                    if (v == 0) continue;
                    for (int n = 0; n < K; n++) {
                        int to = t + padL - n;
                        if (to < 0 || to >= Tout) continue;
                        for (int oo = 0; oo < outG; oo++) {
                            y[(to * B + b) * out + (i / inG) * outG + oo] += v * (double) kt[(n * in + i) * outG + oo];
                        }
                    }
                }
            }
        }
        return y;
    }

    private static double relErr(float[] got, double[] ref) {
        double d = 0, n = 0;
        for (int k = 0; k < ref.length; k++) {
            d += (got[k] - ref[k]) * (got[k] - ref[k]);
            n += ref[k] * ref[k];
        }
        return Math.sqrt(d / n);
    }
}
