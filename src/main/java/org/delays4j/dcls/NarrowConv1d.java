package org.delays4j.dcls;

import org.delays4j.core.Parallel;
import org.delays4j.core.SpikeEvents;

/**
 * The narrow-kernel path: a direct correlation that visits only the kept kernel entries
 * ({@link NarrowKernel}), for the forward pass on dense input and for the input gradient
 * (whose cotangent is always dense, so tap sparsity is what can be exploited there).
 *
 * <p>Per sample, the source sequence is copied channel-major into a zero-margined panel
 * {@code [channel][margin + time + margin]}, so every (source channel, tap) entry is one
 * contiguous time window and the time axis vectorises ({@link TapKernels}). Samples are split
 * across threads; each destination value is summed in the same entry order whatever the
 * thread count.
 */
final class NarrowConv1d {
    private NarrowConv1d() {}

    /** y [Tout][B][out] += conv(x, kept entries). */
    static void forward(ConvShape s, NarrowKernel nk, float[] x, float[] y) {
        // y[t,o] += Σ w · x[t + n - padL, i]: panel column = margin + t + n - padL, margin = K-1.
        run(s.B(), s.T(), s.in(), x, null, s.Tout(), s.out(), y, false, null, nk.forward(), s.K() - 1 - s.padLeft(), +1, s.K(), null);
    }

    /**
     * {@link #forward} that overwrites y with {@code bias + conv} (bias null: 0), so a reused y
     * needs no zeroing pass; the input is dense ({@code x}) or, when {@code x} is null, binary
     * spikes as per-row lists ({@code ev}), written straight into the per-sample panel. Same sums
     * in the same order as {@link #forward} on a zero- or bias-filled y.
     */
    static void forwardOverwrite(ConvShape s, NarrowKernel nk, float[] x, SpikeEvents ev, float[] bias, float[] y) {
        run(s.B(), s.T(), s.in(), x, ev, s.Tout(), s.out(), y, true, bias, nk.forward(), s.K() - 1 - s.padLeft(), +1, s.K(), null);
    }

    /**
     * gx [T][B][in] += correlation of gy with the kept entries (the transpose of forward). With
     * {@code keep} [B][in] (null: all), the columns (b, i) whose keep value is 0 are skipped and
     * left as they are: the caller discards them (the dropout before this layer zeroes them).
     */
    static void inputGrad(ConvShape s, NarrowKernel nk, float[] gy, float[] gx, float[] keep) {
        // gx[t,i] += Σ w · gy[t + padL - n, o]: panel column = margin + t + padL - n.
        run(s.B(), s.Tout(), s.out(), gy, null, s.T(), s.in(), gx, false, null, nk.inputGrad(), s.K() - 1 + s.padLeft(), -1, s.K(), keep);
    }

    /**
     * dst[t, b, c] += Σ_{e of c} w_e · src[t + base - margin + sign·tap_e, b, src_e] for t < Td,
     * with src zero outside [0, Ts); destination columns (b, c) with {@code keep[b·Cd + c] == 0}
     * get nothing added (keep null: none skipped).
     */
    private static void run(int B, int Ts, int Cs, float[] src, SpikeEvents ev, int Td, int Cd, float[] dst, boolean overwrite,
                            float[] bias, NarrowKernel.Lists l, int base, int sign, int K, float[] keep) {
        if (Td == 0 || B == 0) return;
        int margin = K - 1;
        int len = TapKernels.paddedLength(Td);
        // rows of acc one cache line longer when len spans a multiple of 8 lines: a write-back
        // sweep over channels at one t would otherwise hit only a few L1 sets
        int stride = len % 128 == 0 ? len + 16 : len;
        // widest read: base + (K-1) + len - 1 must stay inside the panel row
        int width = Math.max(margin + Ts + margin, base + K + len);
        int[] srcCh = l.src(), tap = l.tap(), bp = l.blockPtr();
        int nb = l.blocks();
        float[] w = l.w();
        int[] off = new int[srcCh.length];
        for (int e = 0; e < off.length; e++) off[e] = srcCh[e] * width + base + sign * tap[e];
        Parallel.forRange(B, (chunk, b0, b1) -> {
            float[] panel = new float[Cs * width], acc = new float[Cd * stride];
            for (int b = b0; b < b1; b++) {
                if (src != null) {
                    for (int t = 0; t < Ts; t++) {
                        int row = (t * B + b) * Cs;
                        for (int c = 0; c < Cs; c++) panel[c * width + margin + t] = src[row + c];
                    }
                } else { // spike lists: clear the time span, then set the spikes
                    int[] count = ev.count(), cols = ev.cols();
                    for (int c = 0; c < Cs; c++) java.util.Arrays.fill(panel, c * width + margin, c * width + margin + Ts, 0f);
                    for (int t = 0; t < Ts; t++) {
                        int r = t * B + b;
                        for (int k = r * Cs, ke = k + count[r]; k < ke; k++) panel[cols[k] * width + margin + t] = 1f;
                    }
                }
                java.util.Arrays.fill(acc, 0f);
                // source blocks outermost: one block's panel rows stay in L1 for every destination
                for (int k = 0; k < nb; k++) {
                    for (int c = 0; c < Cd; c++) {
                        if (keep != null && keep[b * Cd + c] == 0f) continue; // discarded by the caller
                        int e0 = bp[c * (nb + 1) + k], e1 = bp[c * (nb + 1) + k + 1];
                        if (e0 < e1) TapKernels.correlate(panel, off, w, e0, e1, acc, c * stride, len);
                    }
                }
                for (int t = 0; t < Td; t++) {
                    int row = (t * B + b) * Cd;
                    if (!overwrite) for (int c = 0; c < Cd; c++) dst[row + c] += acc[c * stride + t];
                    else if (bias == null) for (int c = 0; c < Cd; c++) dst[row + c] = acc[c * stride + t];
                    else for (int c = 0; c < Cd; c++) dst[row + c] = bias[c] + acc[c * stride + t];
                }
            }
        });
    }
}
