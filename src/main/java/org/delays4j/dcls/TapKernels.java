package org.delays4j.dcls;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;

/**
 * The inner loop of the narrow path: a sparse-tap correlation along time,
 * {@code acc[accOff + t] += Σ_e w[e] · src[off[e] + t]} for t in [0, len), over a list of entries e
 * (each a source row and tap folded into {@code off[e]}). A plain-loop twin and a Vector API
 * version (time in registers, 4 vectors at a time, FMA per entry) are chosen by
 * {@link Kernels#vectorized()}.
 */
final class TapKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private TapKernels() {}

    /** Lanes the caller must round {@code len} up to (and leave readable past the sources). */
    static int lanes() {
        return S.length();
    }

    /**
     * The length to compute for n steps: a multiple of {@link #lanes()}, rounded up to a whole
     * 8-vector block when that wastes at most one vector (one pass over the entries instead of three).
     */
    static int paddedLength(int n) {
        int L = S.length(), nv = (n + L - 1) / L;
        if (nv % 8 == 7) nv++;
        return nv * L;
    }

    static void correlate(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int accOff, int len) {
        if (Kernels.vectorized()) correlateVector(src, off, w, e0, e1, acc, accOff, len);
        else correlateNaive(src, off, w, e0, e1, acc, accOff, len);
    }

    /** Plain loops: obviously correct. */
    static void correlateNaive(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int accOff, int len) {
        for (int e = e0; e < e1; e++) {
            float we = w[e];
            int o = off[e];
            for (int t = 0; t < len; t++) acc[accOff + t] += we * src[o + t];
        }
    }

    /** Vector API: {@code len} must be a multiple of {@link #lanes()}. */
    static void correlateVector(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int accOff, int len) {
        int L = S.length(), t = 0;
        for (; t + 8 * L <= len; t += 8 * L) {
            int q = accOff + t;
            FloatVector a0 = ld(acc, q), a1 = ld(acc, q + L), a2 = ld(acc, q + 2 * L), a3 = ld(acc, q + 3 * L),
                    a4 = ld(acc, q + 4 * L), a5 = ld(acc, q + 5 * L), a6 = ld(acc, q + 6 * L), a7 = ld(acc, q + 7 * L);
            for (int e = e0; e < e1; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                int o = off[e] + t;
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + L).fma(wv, a1);
                a2 = FloatVector.fromArray(S, src, o + 2 * L).fma(wv, a2);
                a3 = FloatVector.fromArray(S, src, o + 3 * L).fma(wv, a3);
                a4 = FloatVector.fromArray(S, src, o + 4 * L).fma(wv, a4);
                a5 = FloatVector.fromArray(S, src, o + 5 * L).fma(wv, a5);
                a6 = FloatVector.fromArray(S, src, o + 6 * L).fma(wv, a6);
                a7 = FloatVector.fromArray(S, src, o + 7 * L).fma(wv, a7);
            }
            a0.intoArray(acc, q);
            a1.intoArray(acc, q + L);
            a2.intoArray(acc, q + 2 * L);
            a3.intoArray(acc, q + 3 * L);
            a4.intoArray(acc, q + 4 * L);
            a5.intoArray(acc, q + 5 * L);
            a6.intoArray(acc, q + 6 * L);
            a7.intoArray(acc, q + 7 * L);
        }
        for (; t + 4 * L <= len; t += 4 * L) {
            int q = accOff + t;
            FloatVector a0 = ld(acc, q), a1 = ld(acc, q + L), a2 = ld(acc, q + 2 * L), a3 = ld(acc, q + 3 * L);
            for (int e = e0; e < e1; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                int o = off[e] + t;
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + L).fma(wv, a1);
                a2 = FloatVector.fromArray(S, src, o + 2 * L).fma(wv, a2);
                a3 = FloatVector.fromArray(S, src, o + 3 * L).fma(wv, a3);
            }
            a0.intoArray(acc, q);
            a1.intoArray(acc, q + L);
            a2.intoArray(acc, q + 2 * L);
            a3.intoArray(acc, q + 3 * L);
        }
        for (; t + 2 * L <= len; t += 2 * L) {
            int q = accOff + t;
            FloatVector a0 = ld(acc, q), a1 = ld(acc, q + L);
            for (int e = e0; e < e1; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                int o = off[e] + t;
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + L).fma(wv, a1);
            }
            a0.intoArray(acc, q);
            a1.intoArray(acc, q + L);
        }
        for (; t < len; t += L) {
            FloatVector a0 = ld(acc, accOff + t);
            for (int e = e0; e < e1; e++) {
                a0 = FloatVector.fromArray(S, src, off[e] + t).fma(FloatVector.broadcast(S, w[e]), a0);
            }
            a0.intoArray(acc, accOff + t);
        }
    }

    private static FloatVector ld(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }
}
