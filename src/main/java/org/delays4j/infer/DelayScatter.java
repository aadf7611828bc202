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
        if (Tout == 0 || B == 0) return;
        Parallel.forRange(B, (chunk, b0, b1) -> {
            float[] acc = new float[Tout * out];
            for (int b = b0; b < b1; b++) sample(b, T, B, out, padLeft, Tout, rowPtr, cols, vals, tab, acc, y);
        });
    }

    /** Scatters sample b's spikes into {@code acc} [Tout][out] (zero on entry and exit), then adds it to y. */
    private static void sample(int b, int T, int B, int out, int padLeft, int Tout, int[] rowPtr, int[] cols,
                               float[] vals, Table tab, float[] acc, float[] y) {
        int segs = (rowPtr.length - 1) / Math.max(1, T * B);
        int K = tab.K();
        int[] ptr = tab.tapPtr(), off = tab.off();
        float[] w = tab.w();
        for (int t = 0; t < T; t++) {
            int r = t * B + b;
            // taps whose output step t + padL - n lies in [0, Tout)
            int nLo = Math.max(0, t + padLeft - Tout + 1), nHi = Math.min(K - 1, t + padLeft);
            if (nLo > nHi) continue;
            int base = t * out;
            for (int k = rowPtr[r * segs], ke = rowPtr[(r + 1) * segs]; k < ke; k++) {
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
        for (int t = 0; t < Tout; t++) {
            int yr = (t * B + b) * out, ar = t * out;
            for (int o = 0; o < out; o++) {
                y[yr + o] += acc[ar + o];
                acc[ar + o] = 0f;
            }
        }
    }
}
