package org.delays4j.neuron;

/**
 * The fused-over-time LIF recurrences on flat time-major arrays, for one range of neurons.
 *
 * <p>A neuron is a column {@code i} of a [T][n] array (n = B·C); time step t of it is
 * {@code t·n + i}. Both loops run time outermost over a contiguous range of columns, so every
 * inner loop is a unit-stride sweep, and no state array is needed: the membrane after the
 * previous step's reset is read back from {@code h} and {@code s}.
 */
final class LifKernel {
    private LifKernel() {}

    /**
     * Forward over columns {@code [from, to)}: {@code h = a·v + x; s = h ≥ θ; v = h·(1 − s)}.
     * Writes h (charge before reset) and s (0/1); also v when {@code v != null}.
     */
    static void forward(float[] x, float[] h, float[] s, float[] v, int T, int n, int from, int to,
                        float a, float threshold) {
        for (int t = 0; t < T; t++) {
            int row = t * n, prev = row - n;
            for (int i = from; i < to; i++) {
                // v after the previous reset: h·(1 − s) is exact since s is 0 or 1
                float vPrev = t == 0 ? 0f : h[prev + i] * (1f - s[prev + i]);
                float hi = a * vPrev + x[row + i];
                h[row + i] = hi;
                s[row + i] = hi >= threshold ? 1f : 0f;
            }
            if (v != null) membrane(h, s, v, row + from, row + to);
        }
    }

    /**
     * {@link #forward} of {@code norm(x)} (column i is channel {@code i mod C}), spikes only.
     * With {@code h == null} (eval, no caches) the membrane after reset is carried in a state row
     * of the range's width instead of being read back from h.
     */
    static void forwardNormalised(float[] x, org.delays4j.layer.BatchNorm1d.Affine norm, int C, float[] h, float[] s,
                                  int T, int n, int from, int to, float a, float threshold) {
        float[] state = h == null ? new float[to - from] : null;
        int c0 = from % C;
        for (int t = 0; t < T; t++) {
            int row = t * n, prev = row - n;
            for (int i = from, c = c0; i < to; i++) {
                float vPrev = h == null ? state[i - from] : t == 0 ? 0f : h[prev + i] * (1f - s[prev + i]);
                float hi = a * vPrev + norm.apply(x[row + i], c);
                boolean spike = hi >= threshold;
                if (h == null) state[i - from] = spike ? 0f : hi;
                else h[row + i] = hi;
                s[row + i] = spike ? 1f : 0f;
                if (++c == C) c = 0;
            }
        }
    }

    /** The membrane after reset, {@code v = s ? 0 : h} (+0 as the reference's {@code (1−s)·h + s·0}), over {@code [from, to)}. */
    static void membrane(float[] h, float[] s, float[] v, int from, int to) {
        for (int k = from; k < to; k++) v[k] = s[k] != 0f ? 0f : h[k];
    }

    /**
     * Backward over columns {@code [from, to)} given cotangents on the spikes ({@code gs}) and/or
     * on the membrane after reset ({@code gv}); either may be null (zero). Writes dL/dh = dL/dx
     * into {@code gx}:
     * {@code gh[t] = gs[t]·σ'(h[t] − θ) + (1 − s[t])·(gv[t] + a·gh[t+1])} — the reset is detached,
     * so a spike blocks the path through v.
     *
     * @return Σ gh[t]·v[t−1] over the range: dL/da, the gradient wrt the decay factor a (for PLIF)
     */
    static double backward(float[] gs, float[] gv, float[] h, float[] s, float[] gx, int T, int n, int from, int to,
                           float a, float threshold, Surrogate surrogate, boolean wantDecayGrad) {
        double dA = 0;
        for (int t = T - 1; t >= 0; t--) {
            int row = t * n, next = row + n, prev = row - n;
            boolean last = t == T - 1;
            for (int i = from; i < to; i++) {
                int k = row + i;
                float carry = (gv == null ? 0f : gv[k]) + (last ? 0f : a * gx[next + i]);
                float g = s[k] != 0f ? 0f : carry;
                if (gs != null) g += gs[k] * surrogate.grad(h[k] - threshold);
                gx[k] = g;
                if (wantDecayGrad && t > 0 && s[prev + i] == 0f) dA += (double) g * h[prev + i];
            }
        }
        return dA;
    }
}
