package org.delays4j.dcls;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;

/**
 * The inner loop of the narrow path: a sparse-tap correlation along time,
 * {@code acc[t] = Σ_e w[e] · src[off[e] + t]} for t in [0, len), over a list of entries e
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

    static void correlate(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int len) {
        if (Kernels.vectorized()) correlateVector(src, off, w, e0, e1, acc, len);
        else correlateNaive(src, off, w, e0, e1, acc, len);
    }

    /** Plain loops: obviously correct. */
    static void correlateNaive(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int len) {
        java.util.Arrays.fill(acc, 0, len, 0f);
        for (int e = e0; e < e1; e++) {
            float we = w[e];
            int o = off[e];
            for (int t = 0; t < len; t++) acc[t] += we * src[o + t];
        }
    }

    /** Vector API: {@code len} must be a multiple of {@link #lanes()}. */
    static void correlateVector(float[] src, int[] off, float[] w, int e0, int e1, float[] acc, int len) {
        int L = S.length(), t = 0;
        for (; t + 4 * L <= len; t += 4 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int e = e0; e < e1; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                int o = off[e] + t;
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + L).fma(wv, a1);
                a2 = FloatVector.fromArray(S, src, o + 2 * L).fma(wv, a2);
                a3 = FloatVector.fromArray(S, src, o + 3 * L).fma(wv, a3);
            }
            a0.intoArray(acc, t);
            a1.intoArray(acc, t + L);
            a2.intoArray(acc, t + 2 * L);
            a3.intoArray(acc, t + 3 * L);
        }
        for (; t + 2 * L <= len; t += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0;
            for (int e = e0; e < e1; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                int o = off[e] + t;
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + L).fma(wv, a1);
            }
            a0.intoArray(acc, t);
            a1.intoArray(acc, t + L);
        }
        for (; t < len; t += L) {
            FloatVector a0 = FloatVector.zero(S);
            for (int e = e0; e < e1; e++) {
                a0 = FloatVector.fromArray(S, src, off[e] + t).fma(FloatVector.broadcast(S, w[e]), a0);
            }
            a0.intoArray(acc, t);
        }
    }
}
