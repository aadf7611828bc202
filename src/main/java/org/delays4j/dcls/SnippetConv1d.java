package org.delays4j.dcls;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;

/**
 * Sparse input × narrow kernel: every non-zero input (t, b, i) adds, for each output o of its
 * group, the synapse's {@link Snippets} window (one 8-float vector) into o's output time series
 * at its delay; the kernel gradient gathers the same windows from the output cotangent. Cost:
 * nnz·outG vector operations, against nnz·K·outG for the dense-tap sparse path.
 *
 * <p>Each sample is processed in a channel-major panel {@code [out][margin + Tout + margin]}
 * (so a window is contiguous in time), then added into the time-major output. Samples are split
 * across threads; the forward writes disjoint samples, the kernel gradient keeps one partial sum
 * per chunk, added in chunk order (deterministic for a given thread count).
 */
final class SnippetConv1d {
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final int W8 = Snippets.WIDTH;

    private SnippetConv1d() {}

    private static int margin(ConvShape s) {
        return s.K() + W8;
    }

    private static int width(ConvShape s) {
        return s.Tout() + 2 * margin(s) + W8;
    }

    static void forward(ConvShape s, SparseInput xs, Snippets sn, float[] y) {
        int B = s.B(), out = s.out(), G = s.groups(), inG = s.inG(), outG = s.outG(), T = s.T(), To = s.Tout();
        int M = margin(s), W = width(s), base0 = M + s.padLeft() - (W8 - 1);
        int[] ptr = xs.rowPtr(), cols = xs.cols(), start = sn.start();
        float[] vals = xs.vals(), rev = sn.rev();
        boolean simd = Kernels.vectorized();
        Parallel.forRange(B, (chunk, b0, b1) -> {
            float[] pan = new float[out * W];
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < T; t++) {
                    int r = t * B + b;
                    for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                        int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                        float v = vals == null ? 1f : vals[k];
                        FloatVector vv = FloatVector.broadcast(S8, v);
                        for (int oo = 0; oo < outG; oo++) {
                            int p = ob + oo * W - start[sb + oo], q = (sb + oo) * W8;
                            if (simd) {
                                FloatVector.fromArray(S8, rev, q).fma(vv, FloatVector.fromArray(S8, pan, p)).intoArray(pan, p);
                            } else {
                                for (int j = 0; j < W8; j++) pan[p + j] += v * rev[q + j];
                            }
                        }
                    }
                }
                for (int t = 0; t < To; t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) y[row + o] += pan[o * W + M + t];
                }
                java.util.Arrays.fill(pan, 0f);
            }
        });
    }

    /** Returns the kernel gradient per window, {@code [in·outG][8]} in {@link Snippets} order. */
    static float[] kernelGrad(ConvShape s, SparseInput xs, Snippets sn, float[] gy) {
        int B = s.B(), out = s.out(), G = s.groups(), inG = s.inG(), outG = s.outG(), T = s.T(), To = s.Tout();
        int M = margin(s), W = width(s), base0 = M + s.padLeft() - (W8 - 1), size = s.in() * outG * W8;
        int[] ptr = xs.rowPtr(), cols = xs.cols(), start = sn.start();
        float[] vals = xs.vals();
        boolean simd = Kernels.vectorized();
        int chunks = Parallel.chunks(B);
        float[][] part = new float[chunks][];
        Parallel.forRange(B, (chunk, b0, b1) -> {
            float[] pan = new float[out * W], gk = new float[size];
            part[chunk] = gk;
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < To; t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) pan[o * W + M + t] = gy[row + o];
                }
                for (int t = 0; t < T; t++) {
                    int r = t * B + b;
                    for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                        int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                        float v = vals == null ? 1f : vals[k];
                        FloatVector vv = FloatVector.broadcast(S8, v);
                        for (int oo = 0; oo < outG; oo++) {
                            int p = ob + oo * W - start[sb + oo], q = (sb + oo) * W8;
                            if (simd) {
                                FloatVector.fromArray(S8, pan, p).fma(vv, FloatVector.fromArray(S8, gk, q)).intoArray(gk, q);
                            } else {
                                for (int j = 0; j < W8; j++) gk[q + j] += v * pan[p + j];
                            }
                        }
                    }
                }
            }
        });
        float[] sum = part[0];
        for (int c = 1; c < chunks; c++) for (int k = 0; k < size; k++) sum[k] += part[c][k];
        return sum;
    }

    /** Adds window gradients into the tap-major kernel gradient [K][in][outG]. */
    static void scatterGrad(ConvShape s, Snippets sn, float[] gkSnip, float[] gkt) {
        int K = s.K(), in = s.in(), outG = s.outG();
        int[] start = sn.start();
        for (int i = 0; i < in; i++) {
            for (int oo = 0; oo < outG; oo++) {
                int sy = i * outG + oo;
                for (int j = 0; j < W8; j++) {
                    int n = start[sy] + W8 - 1 - j;
                    if (n < K) gkt[(n * in + i) * outG + oo] += gkSnip[sy * W8 + j];
                }
            }
        }
    }
}
