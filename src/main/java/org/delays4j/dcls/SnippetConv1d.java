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
 * (so a window is contiguous in time), {@link #OUT_BLOCK} outputs at a time (their panel rows
 * stay in L1, their windows in L2), then added into the time-major output. Samples are split
 * across threads; the forward writes disjoint samples, the kernel gradient keeps one partial sum
 * per chunk, added in chunk order (deterministic for a given thread count). The Vector API and
 * plain-loop versions differ only in the innermost 8-float add.
 */
final class SnippetConv1d {
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final int W8 = Snippets.WIDTH;
    /** Outputs per pass over a sample's spikes. */
    static final int OUT_BLOCK = 32;

    private SnippetConv1d() {}

    /** Panel geometry: margin before output step 0 and row width. */
    private record Panel(int margin, int width, int base0) {
        static Panel of(ConvShape s) {
            int m = s.K() + W8;
            return new Panel(m, s.Tout() + 2 * m + W8, m + s.padLeft() - (W8 - 1));
        }
    }

    static void forward(ConvShape s, SparseInput xs, Snippets sn, float[] y) {
        Panel pg = Panel.of(s);
        boolean simd = Kernels.vectorized();
        Parallel.forRange(s.B(), (chunk, b0, b1) -> {
            float[] pan = new float[s.out() * pg.width()];
            for (int b = b0; b < b1; b++) {
                for (int o0 = 0; o0 < s.outG(); o0 += OUT_BLOCK) {
                    int o1 = Math.min(s.outG(), o0 + OUT_BLOCK);
                    if (simd) scatterVector(s, pg, xs.rowPtr(), xs.cols(), xs.vals(), sn.start(), sn.rev(), pan, b, o0, o1);
                    else scatterNaive(s, pg, xs.rowPtr(), xs.cols(), xs.vals(), sn.start(), sn.rev(), pan, b, o0, o1);
                }
                int B = s.B(), out = s.out(), W = pg.width(), M = pg.margin();
                for (int t = 0; t < s.Tout(); t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) y[row + o] += pan[o * W + M + t];
                }
                java.util.Arrays.fill(pan, 0f);
            }
        });
    }

    private static void scatterVector(ConvShape s, Panel pg, int[] ptr, int[] cols, float[] vals, int[] start,
                                      float[] rev, float[] pan, int b, int o0, int o1) {
        int B = s.B(), G = s.groups(), inG = s.inG(), outG = s.outG(), W = pg.width(), base0 = pg.base0();
        for (int t = 0; t < s.T(); t++) {
            int r = t * B + b;
            for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                if (vals == null) {
                    for (int oo = o0; oo < o1; oo++) {
                        int p = ob + oo * W - start[sb + oo];
                        FloatVector.fromArray(S8, rev, (sb + oo) * W8).add(FloatVector.fromArray(S8, pan, p)).intoArray(pan, p);
                    }
                } else {
                    FloatVector vv = FloatVector.broadcast(S8, vals[k]);
                    for (int oo = o0; oo < o1; oo++) {
                        int p = ob + oo * W - start[sb + oo];
                        FloatVector.fromArray(S8, rev, (sb + oo) * W8).fma(vv, FloatVector.fromArray(S8, pan, p)).intoArray(pan, p);
                    }
                }
            }
        }
    }

    private static void scatterNaive(ConvShape s, Panel pg, int[] ptr, int[] cols, float[] vals, int[] start,
                                     float[] rev, float[] pan, int b, int o0, int o1) {
        int B = s.B(), G = s.groups(), inG = s.inG(), outG = s.outG(), W = pg.width(), base0 = pg.base0();
        for (int t = 0; t < s.T(); t++) {
            int r = t * B + b;
            for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                float v = vals == null ? 1f : vals[k];
                for (int oo = o0; oo < o1; oo++) {
                    int p = ob + oo * W - start[sb + oo], q = (sb + oo) * W8;
                    for (int j = 0; j < W8; j++) pan[p + j] += v * rev[q + j];
                }
            }
        }
    }

    /** Returns the kernel gradient per window, {@code [in·outG][8]} in {@link Snippets} order. */
    static float[] kernelGrad(ConvShape s, SparseInput xs, Snippets sn, float[] gy) {
        Panel pg = Panel.of(s);
        int size = s.in() * s.outG() * W8, chunks = Parallel.chunks(s.B());
        boolean simd = Kernels.vectorized();
        float[][] part = new float[chunks][];
        Parallel.forRange(s.B(), (chunk, b0, b1) -> {
            int B = s.B(), out = s.out(), W = pg.width(), M = pg.margin();
            float[] pan = new float[out * W], gk = new float[size];
            part[chunk] = gk;
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < s.Tout(); t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) pan[o * W + M + t] = gy[row + o];
                }
                for (int o0 = 0; o0 < s.outG(); o0 += OUT_BLOCK) {
                    int o1 = Math.min(s.outG(), o0 + OUT_BLOCK);
                    if (simd) gatherVector(s, pg, xs.rowPtr(), xs.cols(), xs.vals(), sn.start(), pan, gk, b, o0, o1);
                    else gatherNaive(s, pg, xs.rowPtr(), xs.cols(), xs.vals(), sn.start(), pan, gk, b, o0, o1);
                }
            }
        });
        float[] sum = part[0] != null ? part[0] : new float[size]; // no samples: no chunk ran
        for (int c = 1; c < chunks; c++) for (int k = 0; k < size; k++) sum[k] += part[c][k];
        return sum;
    }

    private static void gatherVector(ConvShape s, Panel pg, int[] ptr, int[] cols, float[] vals, int[] start,
                                     float[] pan, float[] gk, int b, int o0, int o1) {
        int B = s.B(), G = s.groups(), inG = s.inG(), outG = s.outG(), W = pg.width(), base0 = pg.base0();
        for (int t = 0; t < s.T(); t++) {
            int r = t * B + b;
            for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                if (vals == null) {
                    for (int oo = o0; oo < o1; oo++) {
                        int q = (sb + oo) * W8;
                        FloatVector.fromArray(S8, pan, ob + oo * W - start[sb + oo]).add(FloatVector.fromArray(S8, gk, q)).intoArray(gk, q);
                    }
                } else {
                    FloatVector vv = FloatVector.broadcast(S8, vals[k]);
                    for (int oo = o0; oo < o1; oo++) {
                        int q = (sb + oo) * W8;
                        FloatVector.fromArray(S8, pan, ob + oo * W - start[sb + oo]).fma(vv, FloatVector.fromArray(S8, gk, q)).intoArray(gk, q);
                    }
                }
            }
        }
    }

    private static void gatherNaive(ConvShape s, Panel pg, int[] ptr, int[] cols, float[] vals, int[] start,
                                    float[] pan, float[] gk, int b, int o0, int o1) {
        int B = s.B(), G = s.groups(), inG = s.inG(), outG = s.outG(), W = pg.width(), base0 = pg.base0();
        for (int t = 0; t < s.T(); t++) {
            int r = t * B + b;
            for (int k = ptr[r * G], ke = ptr[(r + 1) * G]; k < ke; k++) {
                int i = cols[k], sb = i * outG, ob = (i / inG) * outG * W + base0 + t;
                float v = vals == null ? 1f : vals[k];
                for (int oo = o0; oo < o1; oo++) {
                    int p = ob + oo * W - start[sb + oo], q = (sb + oo) * W8;
                    for (int j = 0; j < W8; j++) gk[q + j] += v * pan[p + j];
                }
            }
        }
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
