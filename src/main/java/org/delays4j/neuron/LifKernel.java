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
                s[row + i] = spike(hi, threshold);
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
        double[] mean = norm.mean(), invStd = norm.invStd();
        float[] gamma = norm.gamma(), beta = norm.beta();
        float[] state = h == null ? new float[to - from] : null;
        for (int t = 0; t < T; t++) {
            int row = t * n, prev = row - n;
            // runs of whole channels, so the inner loops are branch-free and unit-stride (vectorisable)
            for (int i = from; i < to; ) {
                int c0 = i % C, len = Math.min(to - i, C - c0);
                if (h == null) {
                    for (int j = 0, k = row + i, q = i - from; j < len; j++, k++, q++) {
                        int c = c0 + j;
                        float hi = a * state[q] + (float) ((x[k] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                        float sp = spike(hi, threshold);
                        state[q] = hi * (1f - sp);
                        s[k] = sp;
                    }
                } else if (t == 0) {
                    for (int j = 0, k = row + i; j < len; j++, k++) {
                        int c = c0 + j;
                        float hi = a * 0f + (float) ((x[k] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                        h[k] = hi;
                        s[k] = spike(hi, threshold);
                    }
                } else {
                    for (int j = 0, k = row + i, kp = prev + i; j < len; j++, k++, kp++) {
                        int c = c0 + j;
                        float hi = a * (h[kp] * (1f - s[kp])) + (float) ((x[k] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                        h[k] = hi;
                        s[k] = spike(hi, threshold);
                    }
                }
                i += len;
            }
        }
    }

    /**
     * Eval {@link #forwardNormalised} without caches for samples {@code [b0, b1)} that emits each
     * row's spikes as a channel list (row r = t·B + b: {@code cols[r·C ..]}, ascending,
     * {@code count[r]} of them) instead of a dense 0/1 array. The same float operations, so the
     * same spikes.
     */
    static void forwardEvents(float[] x, org.delays4j.layer.BatchNorm1d.Affine norm, int C, int[] count, int[] cols,
                              int T, int B, int b0, int b1, float a, float threshold) {
        double[] mean = norm.mean(), invStd = norm.invStd();
        float[] gamma = norm.gamma(), beta = norm.beta();
        float[] state = new float[(b1 - b0) * C];
        for (int t = 0; t < T; t++) {
            for (int b = b0; b < b1; b++) {
                int r = t * B + b, k0 = r * C, q0 = (b - b0) * C, n = 0;
                for (int c = 0; c < C; c++) {
                    float hi = a * state[q0 + c] + (float) ((x[k0 + c] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                    float sp = spike(hi, threshold);
                    state[q0 + c] = hi * (1f - sp);
                    cols[k0 + n] = c; // written always, kept only when it spiked: no branch
                    n += (int) sp;
                }
                count[r] = n;
            }
        }
    }

    /**
     * {@code hi >= threshold ? 1 : 0} without a branch (spikes are data-dependent, a branch
     * mispredicts often): the sign of the float difference, which rounding never flips; adding +0
     * turns the -0 of {@code -0 - (+0)} into +0, so equal values give +0. Inputs are not NaN.
     */
    static float spike(float hi, float threshold) {
        return 1 - (Float.floatToRawIntBits((hi - threshold) + 0f) >>> 31);
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
                float g = carry * (1f - s[k]); // a spike blocks the path; no data-dependent branch
                if (gs != null) g += gs[k] * surrogate.grad(h[k] - threshold);
                gx[k] = g;
                if (wantDecayGrad && t > 0 && s[prev + i] == 0f) dA += (double) g * h[prev + i];
            }
        }
        return dA;
    }
}
