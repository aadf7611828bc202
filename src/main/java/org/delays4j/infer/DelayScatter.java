package org.delays4j.infer;

import org.delays4j.core.Parallel;

/**
 * The event-driven delay convolution: for every non-zero input (t, b, i) with value v and every
 * non-zero kernel entry (tap n, output o, weight w) of channel i, {@code y[t + padL - n, b, o] += v·w}.
 * Exact for any kernel; fast when the kernel has one entry per synapse (integer delays) and the
 * input is sparse.
 *
 * <p>A {@link Table} lists each input channel's entries grouped by tap, so the entries that land
 * inside the output for a given t are one contiguous range. Each sample accumulates into a
 * private [Tout][out] buffer (its delay window stays in cache) and samples are split across
 * threads, so the summation order does not depend on the thread count.
 */
public final class DelayScatter {
    private DelayScatter() {}

    /**
     * The non-zero kernel entries per input channel: entries {@code tapPtr[i·(K+1) + n] ..
     * tapPtr[i·(K+1) + n + 1]} are channel i's at tap n, with weight {@code w[e]} and offset
     * {@code off[e] = (padL - n)·out + o} into a sample's [Tout][out] buffer at input step 0.
     */
    public record Table(int K, int in, int out, int padLeft, int[] tapPtr, int[] off, float[] w) {
        /** Number of non-zero kernel entries. */
        public int entries() {
            return w.length;
        }

        /**
         * From a tap-major kernel {@code kt[(n·in + i)·outG + oo]} with {@code groups} groups
         * (input i feeds outputs {@code (i / (in/groups))·outG + oo}).
         */
        public static Table fromTapMajor(float[] kt, int K, int in, int outG, int groups, int padLeft) {
            int out = outG * groups, inG = in / groups, nnz = 0;
            for (float v : kt) if (v != 0f) nnz++;
            int[] ptr = new int[in * (K + 1) + 1], off = new int[nnz];
            float[] w = new float[nnz];
            int e = 0;
            for (int i = 0; i < in; i++) {
                int go = (i / inG) * outG;
                for (int n = 0; n < K; n++) {
                    ptr[i * (K + 1) + n] = e;
                    int row = (n * in + i) * outG;
                    for (int oo = 0; oo < outG; oo++) {
                        float v = kt[row + oo];
                        if (v == 0f) continue;
                        off[e] = (padLeft - n) * out + go + oo;
                        w[e++] = v;
                    }
                }
                ptr[i * (K + 1) + K] = e;
            }
            ptr[in * (K + 1)] = e;
            return new Table(K, in, out, padLeft, ptr, off, w);
        }
    }

    /**
     * y [Tout][B][out] += the delayed scatter of the non-zero inputs given as CSR over rows
     * r = t·B + b ({@code rowPtr} has one segment per row, or {@code groups} segments per row;
     * only its first and last boundary per row are used). {@code vals == null}: all values are 1.
     */
    public static void forward(int T, int B, int in, int out, int padLeft, int Tout, int[] rowPtr, int[] cols,
                               float[] vals, Table tab, float[] y) {
        run(T, B, out, padLeft, Tout, rowPtr, null, 0, cols, vals, tab, false, null, y);
    }

    /**
     * {@link #forward} that overwrites y with {@code bias + scatter} ({@code bias} [out] or null
     * for 0) instead of adding to it, so y need not be zeroed first (a reused buffer). Same sums in
     * the same order: bit-identical to zero-or-bias filling y and calling {@link #forward}.
     */
    public static void forwardOverwrite(int T, int B, int out, int padLeft, int Tout, int[] rowPtr, int[] cols,
                                        float[] vals, Table tab, float[] bias, float[] y) {
        run(T, B, out, padLeft, Tout, rowPtr, null, 0, cols, vals, tab, true, bias, y);
    }

    /**
     * {@link #forwardOverwrite} of binary spikes given as one channel list per row r = t·B + b:
     * {@code cols[r·stride] .. cols[r·stride + count[r] - 1]}, ascending (a
     * {@link org.delays4j.core.SpikeEvents}). The same additions in the same order as the CSR
     * form of the same spikes.
     */
    public static void forwardRows(int T, int B, int out, int padLeft, int Tout, int[] count, int stride, int[] cols,
                                   Table tab, float[] bias, float[] y) {
        run(T, B, out, padLeft, Tout, null, count, stride, cols, null, tab, true, bias, y);
    }

    private static void run(int T, int B, int out, int padLeft, int Tout, int[] rowPtr, int[] count, int stride,
                            int[] cols, float[] vals, Table tab, boolean overwrite, float[] bias, float[] y) {
        if (Tout == 0 || B == 0) return;
        Parallel.forRange(B, (chunk, b0, b1) -> {
            float[] acc = new float[Tout * out];
            for (int b = b0; b < b1; b++) {
                sample(b, T, B, out, padLeft, Tout, rowPtr, count, stride, cols, vals, tab, acc);
                flush(b, B, out, Tout, acc, overwrite, bias, y);
            }
        });
    }

    /**
     * Scatters sample b's spikes into {@code acc} [Tout][out] (zero on entry). Rows come from the
     * CSR {@code rowPtr}, or, when it is null, from the per-row lists {@code count}/{@code stride}.
     */
    private static void sample(int b, int T, int B, int out, int padLeft, int Tout, int[] rowPtr, int[] count, int stride,
                               int[] cols, float[] vals, Table tab, float[] acc) {
        int segs = rowPtr == null ? 0 : (rowPtr.length - 1) / Math.max(1, T * B);
        int K = tab.K();
        int[] ptr = tab.tapPtr(), off = tab.off();
        float[] w = tab.w();
        for (int t = 0; t < T; t++) {
            int r = t * B + b;
            // taps whose output step t + padL - n lies in [0, Tout)
            int nLo = Math.max(0, t + padLeft - Tout + 1), nHi = Math.min(K - 1, t + padLeft);
            if (nLo > nHi) continue;
            int base = t * out;
            int k0, k1;
            if (rowPtr != null) {
                k0 = rowPtr[r * segs];
                k1 = rowPtr[(r + 1) * segs];
            } else {
                k0 = r * stride;
                k1 = k0 + count[r];
            }
            for (int k = k0; k < k1; k++) {
                int p0 = cols[k] * (K + 1);
                int e0 = ptr[p0 + nLo], e1 = ptr[p0 + nHi + 1];
                if (vals == null) {
                    for (int e = e0; e < e1; e++) acc[base + off[e]] += w[e];
                } else {
                    float v = vals[k];
                    for (int e = e0; e < e1; e++) acc[base + off[e]] += v * w[e];
                }
            }
        }
    }

    /** Adds (or, with {@code overwrite}, writes bias plus) sample b's {@code acc} into y and zeroes acc. */
    private static void flush(int b, int B, int out, int Tout, float[] acc, boolean overwrite, float[] bias, float[] y) {
        for (int t = 0; t < Tout; t++) {
            int yr = (t * B + b) * out, ar = t * out;
            if (!overwrite) {
                for (int o = 0; o < out; o++) y[yr + o] += acc[ar + o];
            } else if (bias == null) {
                System.arraycopy(acc, ar, y, yr, out); // 0 + a == a for the +0-started sums
            } else {
                for (int o = 0; o < out; o++) y[yr + o] = bias[o] + acc[ar + o];
            }
            java.util.Arrays.fill(acc, ar, ar + out, 0f);
        }
    }
}
