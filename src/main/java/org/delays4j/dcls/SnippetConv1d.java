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
 * stay in L1), and its spikes are regrouped by input channel ({@link ChannelLists}). For one
 * channel and {@link #SUB} outputs, the {@link #SUB} windows then stay in registers across the
 * channel's spikes: the forward keeps the kernel windows there (one panel load, add and store per
 * window), the kernel gradient the gradient windows (one panel load and add per window, a single
 * store per channel). The forward visits a channel's spikes by time modulo 8, then time: two
 * consecutive windows of one panel row are then 8 or more steps apart (except where one residue
 * class ends and the next begins), so they seldom partially overlap and a load seldom waits for
 * the store before it (store-to-load forwarding fails on partial overlaps; time order measured
 * 25 % slower). A group's outputs are padded to a multiple of {@link #SUB} ({@link Panel}). Samples are split across threads; the forward writes disjoint samples, the
 * kernel gradient keeps one partial sum per chunk, added in chunk order (deterministic for a
 * given thread count). The Vector API and plain-loop versions visit the same windows in the same
 * order.
 */
final class SnippetConv1d {
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final int W8 = Snippets.WIDTH;
    /** Outputs per pass over a sample's channels (their panel rows stay in L1). */
    static final int OUT_BLOCK = 32;
    /** Outputs whose windows stay in registers across one channel's spikes. */
    static final int SUB = 8;

    private SnippetConv1d() {}

    /**
     * Panel geometry (margin before output step 0, row width) and the windows with the outputs of
     * a group padded to {@code outGp}, a multiple of {@link #SUB}, by zero windows (panel rows and
     * gradient windows that nobody reads). Every register block is then full: the vector loops
     * have no tail that a layer with, say, 20 outputs would meet for the first time mid-run (the
     * JIT then deoptimised the whole kernel and ran it interpreted for a while).
     */
    private record Panel(int margin, int width, int base0, int outGp, int[] start, float[] rev) {
        static Panel of(ConvShape s, Snippets sn) {
            int m = s.K() + W8, outG = s.outG(), outGp = (outG + SUB - 1) / SUB * SUB, in = s.in();
            int[] start = sn.start();
            float[] rev = sn.rev();
            if (outGp != outG) {
                start = new int[in * outGp];
                rev = new float[in * outGp * W8];
                for (int i = 0; i < in; i++) {
                    System.arraycopy(sn.start(), i * outG, start, i * outGp, outG);
                    System.arraycopy(sn.rev(), i * outG * W8, rev, i * outGp * W8, outG * W8);
                }
            }
            return new Panel(m, s.Tout() + 2 * m + W8, m + s.padLeft() - (W8 - 1), outGp, start, rev);
        }

        /** Panel row of output o. */
        int row(ConvShape s, int o) {
            return (o / s.outG()) * outGp + o % s.outG();
        }
    }

    /**
     * One sample's spikes by input channel: channel i's are {@code time[ptr[i] .. ptr[i+1]]} with
     * values {@code val} (null: all 1), in ascending time or, with {@code byResidue}, ascending
     * (time mod 8, time).
     */
    static final class ChannelLists {
        final int[] ptr, time, next;
        final float[] val;

        ChannelLists(int in, int maxNnz, boolean values) {
            ptr = new int[in + 1];
            next = new int[in];
            time = new int[maxNnz];
            val = values ? new float[maxNnz] : null;
        }

        void fill(ConvShape s, SparseInput xs, int b, boolean byResidue) {
            int[] rp = xs.rowPtr(), cols = xs.cols();
            float[] vals = xs.vals();
            int B = s.B(), G = s.groups(), in = s.in(), T = s.T();
            java.util.Arrays.fill(ptr, 0);
            for (int t = 0; t < T; t++) {
                int r = t * B + b;
                for (int k = rp[r * G], ke = rp[(r + 1) * G]; k < ke; k++) ptr[cols[k] + 1]++;
            }
            for (int i = 0; i < in; i++) ptr[i + 1] += ptr[i];
            System.arraycopy(ptr, 0, next, 0, in);
            int step = byResidue ? W8 : 1;
            for (int r0 = 0; r0 < step; r0++) {
                for (int t = r0; t < T; t += step) {
                    int r = t * B + b;
                    for (int k = rp[r * G], ke = rp[(r + 1) * G]; k < ke; k++) {
                        int j = next[cols[k]]++;
                        time[j] = t;
                        if (val != null) val[j] = vals[k];
                    }
                }
            }
        }

        /** The largest number of non-zeros of one sample. */
        static int maxPerSample(ConvShape s, SparseInput xs) {
            int[] rp = xs.rowPtr();
            int B = s.B(), G = s.groups(), max = 0;
            for (int b = 0; b < B; b++) {
                int n = 0;
                for (int t = 0; t < s.T(); t++) n += rp[(t * B + b + 1) * G] - rp[(t * B + b) * G];
                max = Math.max(max, n);
            }
            return max;
        }
    }

    static void forward(ConvShape s, SparseInput xs, Snippets sn, float[] y) {
        Panel pg = Panel.of(s, sn);
        boolean simd = Kernels.vectorized();
        int maxNnz = ChannelLists.maxPerSample(s, xs);
        int[] prow = new int[s.out()];
        for (int o = 0; o < s.out(); o++) prow[o] = pg.row(s, o) * pg.width() + pg.margin();
        Parallel.forRange(s.B(), (chunk, b0, b1) -> {
            float[] pan = new float[s.groups() * pg.outGp() * pg.width()];
            ChannelLists cl = new ChannelLists(s.in(), maxNnz, xs.vals() != null);
            int[] base = new int[SUB];
            for (int b = b0; b < b1; b++) {
                cl.fill(s, xs, b, true);
                for (int o0 = 0; o0 < pg.outGp(); o0 += OUT_BLOCK) {
                    int o1 = Math.min(pg.outGp(), o0 + OUT_BLOCK);
                    if (simd) scatterVector(s, pg, cl, pg.start(), pg.rev(), pan, base, o0, o1);
                    else scatterNaive(s, pg, cl, pg.start(), pg.rev(), pan, o0, o1);
                }
                int B = s.B(), out = s.out();
                for (int t = 0; t < s.Tout(); t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) y[row + o] += pan[prow[o] + t];
                }
                java.util.Arrays.fill(pan, 0f);
            }
        });
    }

    /** Panel position of the window of synapse (i, oo) for a spike at step 0. */
    private static int windowBase(ConvShape s, Panel pg, int[] start, int i, int oo) {
        int outG = pg.outGp(), W = pg.width();
        return ((i / s.inG()) * outG + oo) * W + pg.base0() - start[i * outG + oo];
    }

    private static void scatterNaive(ConvShape s, Panel pg, ChannelLists cl, int[] start, float[] rev, float[] pan,
                                     int o0, int o1) {
        int outG = pg.outGp();
        int[] ptr = cl.ptr, time = cl.time;
        for (int i = 0; i < s.in(); i++) {
            for (int oo = o0; oo < o1; oo++) {
                int p0 = windowBase(s, pg, start, i, oo), q = (i * outG + oo) * W8;
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    float v = cl.val == null ? 1f : cl.val[k];
                    int p = p0 + time[k];
                    for (int j = 0; j < W8; j++) pan[p + j] += v * rev[q + j];
                }
            }
        }
    }

    private static void scatterVector(ConvShape s, Panel pg, ChannelLists cl, int[] start, float[] rev, float[] pan,
                                      int[] base, int o0, int o1) {
        int outG = pg.outGp(), W = pg.width();
        int[] ptr = cl.ptr, time = cl.time;
        float[] val = cl.val;
        for (int i = 0; i < s.in(); i++) {
            int k0 = ptr[i], k1 = ptr[i + 1];
            if (k0 == k1) continue;
            int rowBase = (i / s.inG()) * outG * W + pg.base0();
            for (int oo = o0; oo < o1; oo += SUB) { // o1 - o0 is a multiple of SUB (padded outputs)
                for (int j = 0; j < SUB; j++) base[j] = rowBase + (oo + j) * W - start[i * outG + oo + j];
                int q = (i * outG + oo) * W8;
                int p0 = base[0], p1 = base[1], p2 = base[2], p3 = base[3], p4 = base[4], p5 = base[5], p6 = base[6], p7 = base[7];
                FloatVector r0 = ld8(rev, q), r1 = ld8(rev, q + W8), r2 = ld8(rev, q + 2 * W8), r3 = ld8(rev, q + 3 * W8),
                        r4 = ld8(rev, q + 4 * W8), r5 = ld8(rev, q + 5 * W8), r6 = ld8(rev, q + 6 * W8), r7 = ld8(rev, q + 7 * W8);
                if (val == null) {
                    for (int k = k0; k < k1; k++) {
                        int t = time[k];
                        ld8(pan, p0 + t).add(r0).intoArray(pan, p0 + t);
                        ld8(pan, p1 + t).add(r1).intoArray(pan, p1 + t);
                        ld8(pan, p2 + t).add(r2).intoArray(pan, p2 + t);
                        ld8(pan, p3 + t).add(r3).intoArray(pan, p3 + t);
                        ld8(pan, p4 + t).add(r4).intoArray(pan, p4 + t);
                        ld8(pan, p5 + t).add(r5).intoArray(pan, p5 + t);
                        ld8(pan, p6 + t).add(r6).intoArray(pan, p6 + t);
                        ld8(pan, p7 + t).add(r7).intoArray(pan, p7 + t);
                    }
                } else {
                    for (int k = k0; k < k1; k++) {
                        int t = time[k];
                        FloatVector v = FloatVector.broadcast(S8, val[k]);
                        r0.fma(v, ld8(pan, p0 + t)).intoArray(pan, p0 + t);
                        r1.fma(v, ld8(pan, p1 + t)).intoArray(pan, p1 + t);
                        r2.fma(v, ld8(pan, p2 + t)).intoArray(pan, p2 + t);
                        r3.fma(v, ld8(pan, p3 + t)).intoArray(pan, p3 + t);
                        r4.fma(v, ld8(pan, p4 + t)).intoArray(pan, p4 + t);
                        r5.fma(v, ld8(pan, p5 + t)).intoArray(pan, p5 + t);
                        r6.fma(v, ld8(pan, p6 + t)).intoArray(pan, p6 + t);
                        r7.fma(v, ld8(pan, p7 + t)).intoArray(pan, p7 + t);
                    }
                }
            }
        }
    }

    /** Returns the kernel gradient per window, {@code [in·outG][8]} in {@link Snippets} order. */
    static float[] kernelGrad(ConvShape s, SparseInput xs, Snippets sn, float[] gy) {
        Panel pg = Panel.of(s, sn);
        int outG = s.outG(), outGp = pg.outGp(), size = s.in() * outGp * W8, chunks = Parallel.chunks(s.B());
        boolean simd = Kernels.vectorized();
        int maxNnz = ChannelLists.maxPerSample(s, xs);
        int[] prow = new int[s.out()];
        for (int o = 0; o < s.out(); o++) prow[o] = pg.row(s, o) * pg.width() + pg.margin();
        float[][] part = new float[chunks][];
        Parallel.forRange(s.B(), (chunk, b0, b1) -> {
            int B = s.B(), out = s.out();
            float[] pan = new float[s.groups() * outGp * pg.width()], gk = new float[size];
            ChannelLists cl = new ChannelLists(s.in(), maxNnz, xs.vals() != null);
            int[] base = new int[SUB];
            part[chunk] = gk;
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < s.Tout(); t++) {
                    int row = (t * B + b) * out;
                    for (int o = 0; o < out; o++) pan[prow[o] + t] = gy[row + o];
                }
                cl.fill(s, xs, b, false);
                for (int o0 = 0; o0 < outGp; o0 += OUT_BLOCK) {
                    int o1 = Math.min(outGp, o0 + OUT_BLOCK);
                    if (simd) gatherVector(s, pg, cl, pg.start(), pan, gk, base, o0, o1);
                    else gatherNaive(s, pg, cl, pg.start(), pan, gk, o0, o1);
                }
            }
        });
        float[] sum = part[0] != null ? part[0] : new float[size]; // no samples: no chunk ran
        for (int c = 1; c < chunks; c++) for (int k = 0; k < size; k++) sum[k] += part[c][k];
        if (outGp == outG) return sum;
        float[] g = new float[s.in() * outG * W8];
        for (int i = 0; i < s.in(); i++) System.arraycopy(sum, i * outGp * W8, g, i * outG * W8, outG * W8);
        return g;
    }

    private static void gatherNaive(ConvShape s, Panel pg, ChannelLists cl, int[] start, float[] pan, float[] gk,
                                    int o0, int o1) {
        int outG = pg.outGp();
        int[] ptr = cl.ptr, time = cl.time;
        float[] acc = new float[W8];
        for (int i = 0; i < s.in(); i++) {
            for (int oo = o0; oo < o1; oo++) {
                int p0 = windowBase(s, pg, start, i, oo), q = (i * outG + oo) * W8;
                java.util.Arrays.fill(acc, 0f);
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    float v = cl.val == null ? 1f : cl.val[k];
                    int p = p0 + time[k];
                    for (int j = 0; j < W8; j++) acc[j] += v * pan[p + j];
                }
                for (int j = 0; j < W8; j++) gk[q + j] += acc[j];
            }
        }
    }

    private static void gatherVector(ConvShape s, Panel pg, ChannelLists cl, int[] start, float[] pan, float[] gk,
                                     int[] base, int o0, int o1) {
        int outG = pg.outGp(), W = pg.width();
        int[] ptr = cl.ptr, time = cl.time;
        float[] val = cl.val;
        for (int i = 0; i < s.in(); i++) {
            int k0 = ptr[i], k1 = ptr[i + 1];
            if (k0 == k1) continue;
            int rowBase = (i / s.inG()) * outG * W + pg.base0();
            for (int oo = o0; oo < o1; oo += SUB) { // o1 - o0 is a multiple of SUB (padded outputs)
                for (int j = 0; j < SUB; j++) base[j] = rowBase + (oo + j) * W - start[i * outG + oo + j];
                int p0 = base[0], p1 = base[1], p2 = base[2], p3 = base[3], p4 = base[4], p5 = base[5], p6 = base[6], p7 = base[7];
                FloatVector a0 = FloatVector.zero(S8), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                if (val == null) {
                    for (int k = k0; k < k1; k++) {
                        int t = time[k];
                        a0 = a0.add(ld8(pan, p0 + t));
                        a1 = a1.add(ld8(pan, p1 + t));
                        a2 = a2.add(ld8(pan, p2 + t));
                        a3 = a3.add(ld8(pan, p3 + t));
                        a4 = a4.add(ld8(pan, p4 + t));
                        a5 = a5.add(ld8(pan, p5 + t));
                        a6 = a6.add(ld8(pan, p6 + t));
                        a7 = a7.add(ld8(pan, p7 + t));
                    }
                } else {
                    for (int k = k0; k < k1; k++) {
                        int t = time[k];
                        FloatVector v = FloatVector.broadcast(S8, val[k]);
                        a0 = ld8(pan, p0 + t).fma(v, a0);
                        a1 = ld8(pan, p1 + t).fma(v, a1);
                        a2 = ld8(pan, p2 + t).fma(v, a2);
                        a3 = ld8(pan, p3 + t).fma(v, a3);
                        a4 = ld8(pan, p4 + t).fma(v, a4);
                        a5 = ld8(pan, p5 + t).fma(v, a5);
                        a6 = ld8(pan, p6 + t).fma(v, a6);
                        a7 = ld8(pan, p7 + t).fma(v, a7);
                    }
                }
                int q = (i * outG + oo) * W8;
                a0.add(ld8(gk, q)).intoArray(gk, q);
                a1.add(ld8(gk, q + W8)).intoArray(gk, q + W8);
                a2.add(ld8(gk, q + 2 * W8)).intoArray(gk, q + 2 * W8);
                a3.add(ld8(gk, q + 3 * W8)).intoArray(gk, q + 3 * W8);
                a4.add(ld8(gk, q + 4 * W8)).intoArray(gk, q + 4 * W8);
                a5.add(ld8(gk, q + 5 * W8)).intoArray(gk, q + 5 * W8);
                a6.add(ld8(gk, q + 6 * W8)).intoArray(gk, q + 6 * W8);
                a7.add(ld8(gk, q + 7 * W8)).intoArray(gk, q + 7 * W8);
            }
        }
    }

    private static FloatVector ld8(float[] a, int i) {
        return FloatVector.fromArray(S8, a, i);
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
