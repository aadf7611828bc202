package org.delays4j.dcls;

/**
 * DCLS-1D kernel construction and its backward, in float64 (SPEC §1).
 *
 * <p>A synapse s (one (out, in-within-group) pair, flat index {@code o·inG + i}) carries m
 * weights {@code W[s·m+j]} at positions {@code P[s·m+j]} with widths {@code SIG[s·m+j]}. Its
 * kernel row is {@code kernel[s·K + n] = Σ_j W_j · ĝ_n(P_j + c, SIG_j)}, c = K/2, with the tap
 * weights ĝ of {@link DclsVersion}. The backward maps a kernel cotangent to gradients of W, P
 * and SIG with the reference's autograd conventions: d|u|/du = 0 at u = 0 and relu'(0) = 0.
 *
 * <p>Float64 throughout: the construction costs O(synapses·m·K), negligible next to the
 * convolution, and keeps the float64 reference path exact to ~1e-15.
 */
public final class DclsKernel1d {
    /** The reference's normalisation guard: ĝ = g / (Σ g + 1e-7). */
    static final double NORM_EPS = 1e-7;

    private DclsKernel1d() {}

    /**
     * The tap weights of one (P, SIG) pair: {@code out[n] = ĝ_n} for n = 0..K-1 (normalised
     * for gauss/max/v1, interpolation coefficients for v0). SIG is ignored by v1 and v0.
     */
    public static void taps(DclsVersion v, int K, double P, double SIG, double[] out) {
        double p = P + K / 2;
        switch (v) {
            case V0 -> {
                java.util.Arrays.fill(out, 0, K, 0.0);
                double fl = Math.floor(p), r = p - fl;
                int f = (int) fl;
                if (f >= 0 && f < K) out[f] += 1 - r;
                if (f + 1 >= 0 && f + 1 < K) out[f + 1] += r;
            }
            case GAUSS -> {
                gaussRaw(K, p, Math.abs(SIG) + 0.27, out);
                double sum = 0;
                for (int n = 0; n < K; n++) sum += out[n];
                normalise(out, K, sum);
            }
            case MAX, V1 -> {
                double s = v == DclsVersion.MAX ? Math.abs(SIG) + 1.0 : 1.0, sum = 0;
                for (int n = 0; n < K; n++) {
                    out[n] = Math.max(s - Math.abs(n - p), 0.0);
                    sum += out[n];
                }
                normalise(out, K, sum);
            }
        }
    }

    /**
     * Unnormalised Gaussian taps {@code g[n] = exp(-½((n-p)/s)²)} by a recurrence outward from
     * the tap nearest p: {@code g(d±1) = g(d)·r} with {@code r} itself multiplied by
     * {@code exp(-1/s²)} per step. Four exponentials instead of K; the relative error after k
     * steps is about k²·2⁻⁵³ (≈ 1e-14 at K = 25), far below the float64 tolerance of 1e-10.
     * Every other tap is farther from p than the start, so underflow only ever rounds values
     * that are negligible next to it.
     */
    static void gaussRaw(int K, double p, double s, double[] g) {
        int n0 = (int) Math.max(0, Math.min(K - 1, Math.rint(p)));
        double d0 = n0 - p, z0 = d0 / s, inv = 1 / (s * s), q = Math.exp(-inv);
        double g0 = Math.exp(-0.5 * z0 * z0);
        g[n0] = g0;
        double v = g0, r = Math.exp(-(2 * d0 + 1) * 0.5 * inv);
        for (int n = n0 + 1; n < K; n++) {
            v *= r;
            g[n] = v;
            r *= q;
        }
        v = g0;
        r = Math.exp(-(1 - 2 * d0) * 0.5 * inv);
        for (int n = n0 - 1; n >= 0; n--) {
            v *= r;
            g[n] = v;
            r *= q;
        }
    }

    private static void normalise(double[] g, int K, double sum) {
        double d = sum + NORM_EPS;
        for (int n = 0; n < K; n++) g[n] /= d;
    }

    /**
     * Builds {@code kernel[s·K + n]} (shape [synapses][K]) from W, P, SIG (each [synapses][m]).
     * SIG may be null for v0/v1.
     */
    public static void construct(DclsVersion v, int K, int synapses, int m, double[] W, double[] P, double[] SIG,
                                 double[] kernel) {
        construct(v, K, 0, synapses, m, W, P, SIG, kernel);
    }

    /** {@link #construct} for synapses {@code [from, to)} only (for parallel callers). */
    public static void construct(DclsVersion v, int K, int from, int to, int m, double[] W, double[] P, double[] SIG,
                                 double[] kernel) {
        Scratch sc = new Scratch(K);
        for (int s = from; s < to; s++) constructSynapse(v, K, s, m, W, P, SIG, kernel, sc);
    }

    /**
     * Per-thread scratch of the per-synapse routines: tap buffers, and the width-only factors of
     * the Gaussian recurrence for the last width seen (all synapses usually share one SIG).
     */
    static final class Scratch {
        final double[] g, dp, ds;
        private double width = Double.NaN, inv, q, h;

        Scratch(int K) {
            g = new double[K];
            dp = new double[K];
            ds = new double[K];
        }
    }

    /**
     * Unnormalised Gaussian taps into {@code sc.g} as {@link #gaussRaw}, with two exponentials per
     * call instead of four: {@code q = exp(-1/s²)} and {@code h = exp(-1/(2s²))} depend on the width
     * only (kept from the last call with the same s), and the two first ratios are
     * {@code h·e} and {@code h/e} with {@code e = exp(-d0/s²)} (their product is q). Same accuracy
     * class as gaussRaw (a few ulps per step of the recurrence, ≈ 1e-14 relative at K = 25).
     * Returns Σ_n g_n (the two runs summed separately, then the centre).
     */
    static double gaussFast(int K, double p, double s, Scratch sc) {
        if (s != sc.width) {
            sc.width = s;
            sc.inv = 1 / (s * s);
            sc.q = Math.exp(-sc.inv);
            sc.h = Math.exp(-0.5 * sc.inv);
        }
        double inv = sc.inv, q = sc.q, h = sc.h;
        double[] g = sc.g;
        int n0 = (int) Math.max(0, Math.min(K - 1, Math.rint(p)));
        double d0 = n0 - p, g0 = Math.exp(-0.5 * d0 * d0 * inv), e = Math.exp(-d0 * inv);
        g[n0] = g0;
        double v = g0, r = h * e, up = 0;
        for (int n = n0 + 1; n < K; n++) {
            v *= r;
            g[n] = v;
            up += v;
            r *= q;
        }
        double down = 0;
        v = g0;
        r = h / e;
        for (int n = n0 - 1; n >= 0; n--) {
            v *= r;
            g[n] = v;
            down += v;
            r *= q;
        }
        return g0 + (up + down);
    }

    /** Row {@code kernel[s·K .. s·K+K)} of synapse s. */
    static void constructSynapse(DclsVersion v, int K, int s, int m, double[] W, double[] P, double[] SIG, double[] kernel,
                                 Scratch sc) {
        constructSynapse(v, K, s, m, W, P, SIG, kernel, s * K, sc);
    }

    /** The row of synapse s into {@code kernel[kb .. kb+K)} (any row buffer). */
    static void constructSynapse(DclsVersion v, int K, int s, int m, double[] W, double[] P, double[] SIG, double[] kernel,
                                 int kb, Scratch sc) {
        double[] g = sc.g;
        java.util.Arrays.fill(kernel, kb, kb + K, 0.0);
        for (int j = 0; j < m; j++) {
            int e = s * m + j;
            if (v == DclsVersion.GAUSS) {
                double sum = gaussFast(K, P[e] + K / 2, Math.abs(SIG == null ? 0 : SIG[e]) + 0.27, sc);
                double f = W[e] / (sum + NORM_EPS);
                for (int n = 0; n < K; n++) kernel[kb + n] += f * g[n];
            } else {
                taps(v, K, P[e], SIG == null ? 0 : SIG[e], g);
                double w = W[e];
                for (int n = 0; n < K; n++) kernel[kb + n] += w * g[n];
            }
        }
    }

    /**
     * The plain form of {@link #construct} (every version through {@link #taps}): the reference the
     * fast Gaussian path is tested against.
     */
    static void constructNaive(DclsVersion v, int K, int synapses, int m, double[] W, double[] P, double[] SIG,
                               double[] kernel) {
        double[] g = new double[K];
        for (int s = 0; s < synapses; s++) {
            int kb = s * K;
            java.util.Arrays.fill(kernel, kb, kb + K, 0.0);
            for (int j = 0; j < m; j++) {
                int e = s * m + j;
                taps(v, K, P[e], SIG == null ? 0 : SIG[e], g);
                double w = W[e];
                for (int n = 0; n < K; n++) kernel[kb + n] += w * g[n];
            }
        }
    }

    /**
     * Accumulates the gradients of W, P, SIG for a kernel cotangent {@code gKernel} ([synapses][K]).
     * Any of gW, gP, gSIG may be null to skip it; gSIG is left untouched for v0/v1.
     */
    public static void backward(DclsVersion v, int K, int synapses, int m, double[] W, double[] P, double[] SIG,
                                double[] gKernel, double[] gW, double[] gP, double[] gSIG) {
        backward(v, K, 0, synapses, m, W, P, SIG, gKernel, gW, gP, gSIG);
    }

    /** {@link #backward} for synapses {@code [from, to)} only (disjoint outputs: safe in parallel). */
    public static void backward(DclsVersion v, int K, int from, int to, int m, double[] W, double[] P, double[] SIG,
                                double[] gKernel, double[] gW, double[] gP, double[] gSIG) {
        Scratch sc = new Scratch(K);
        for (int s = from; s < to; s++) backwardSynapse(v, K, s, m, W, P, SIG, gKernel, s * K, gW, gP, gSIG, sc);
    }

    /**
     * {@link #backward} of synapse s alone, its kernel cotangent read from {@code gKernel[kb .. kb+K)}
     * (any row buffer). Gaussian: one pass over the taps gathers the five sums the three gradients
     * are made of (with u_n = W(gk_n/D − A/D²), Σ u_n·∂g_n/∂p = W/s·(Σ gk g z / D − A/D²·Σ g z), the
     * same for s with z²), the same values as the per-tap form up to float64 rounding.
     */
    static void backwardSynapse(DclsVersion v, int K, int s, int m, double[] W, double[] P, double[] SIG,
                                double[] gKernel, int kb, double[] gW, double[] gP, double[] gSIG, Scratch sc) {
        if (v != DclsVersion.GAUSS) {
            backwardTaps(v, K, s, m, W, P, SIG, gKernel, kb, gW, gP, gSIG, sc);
            return;
        }
        double c = K / 2;
        double[] g = sc.g;
        for (int j = 0; j < m; j++) {
            int e = s * m + j;
            double w = W[e], p = P[e] + c, sig = SIG == null ? 0 : SIG[e], sw = Math.abs(sig) + 0.27, is = 1 / sw;
            double sum = gaussFast(K, p, sw, sc);
            double sa = 0, sgz = 0, sgz2 = 0, sagz = 0, sagz2 = 0;
            for (int n = 0; n < K; n++) {
                double z = (n - p) * is, gn = g[n], gz = gn * z, gk = gKernel[kb + n];
                sa += gk * gn;
                sgz += gz;
                sgz2 += gz * z;
                sagz += gk * gz;
                sagz2 += gk * gz * z;
            }
            double id = 1 / (sum + NORM_EPS);
            if (gW != null) gW[e] += sa * id;
            double ad = sa * id * id, wis = w * is;
            if (gP != null) gP[e] += wis * (id * sagz - ad * sgz);
            if (gSIG != null) gSIG[e] += Math.signum(sig) * (wis * (id * sagz2 - ad * sgz2));
        }
    }

    /** The plain form of {@link #backward} (per-tap derivatives): the reference the fast path is tested against. */
    static void backwardNaive(DclsVersion v, int K, int synapses, int m, double[] W, double[] P, double[] SIG,
                              double[] gKernel, double[] gW, double[] gP, double[] gSIG) {
        Scratch sc = new Scratch(K);
        for (int s = 0; s < synapses; s++) backwardTaps(v, K, s, m, W, P, SIG, gKernel, s * K, gW, gP, gSIG, sc);
    }

    /** Per-tap backward of synapse s for every version (gaussRaw for the Gaussian taps). */
    private static void backwardTaps(DclsVersion v, int K, int s, int m, double[] W, double[] P, double[] SIG,
                                     double[] gKernel, int kb, double[] gW, double[] gP, double[] gSIG, Scratch sc) {
        double c = K / 2;
        double[] g = sc.g, dp = sc.dp, ds = sc.ds;
        for (int j = 0; j < m; j++) {
            int e = s * m + j;
            double w = W[e], p = P[e] + c;
            if (v == DclsVersion.V0) {
                // kernel = W·((1-r)[n=f] + r[n=f+1]); floor has zero gradient, dr/dP = 1.
                double fl = Math.floor(p), r = p - fl;
                int f = (int) fl;
                double gf = f >= 0 && f < K ? gKernel[kb + f] : 0, gf1 = f + 1 >= 0 && f + 1 < K ? gKernel[kb + f + 1] : 0;
                if (gW != null) gW[e] += (1 - r) * gf + r * gf1;
                if (gP != null) gP[e] += w * (gf1 - gf);
                continue;
            }
            double sig = SIG == null ? 0 : SIG[e];
            double sum = 0;
            switch (v) {
                case GAUSS -> {
                    double sw = Math.abs(sig) + 0.27, is = 1 / sw;
                    gaussRaw(K, p, sw, g);
                    for (int n = 0; n < K; n++) {
                        double z = (n - p) * is, gn = g[n];
                        dp[n] = gn * z * is;     // d/dp exp(-z²/2) with dz/dp = -1/s
                        ds[n] = gn * z * z * is; // d/ds with dz/ds = -z/s
                        sum += gn;
                    }
                }
                default -> { // MAX, V1: relu(s - |n - p|)
                    double sw = v == DclsVersion.MAX ? Math.abs(sig) + 1.0 : 1.0;
                    for (int n = 0; n < K; n++) {
                        double u = n - p, h = sw - Math.abs(u);
                        boolean on = h > 0; // relu'(0) = 0
                        g[n] = on ? h : 0;
                        dp[n] = on ? Math.signum(u) : 0; // d|u|/du = 0 at u = 0
                        ds[n] = on ? 1 : 0;
                        sum += g[n];
                    }
                }
            }
            double d = sum + NORM_EPS, id = 1 / d, a = 0;
            for (int n = 0; n < K; n++) a += gKernel[kb + n] * g[n];
            if (gW != null) gW[e] += a * id;
            if (gP == null && (gSIG == null || !v.usesSigma())) continue;
            // dL/dg_n = W (gk_n / D - A / D²): the normalisation couples all taps.
            double accP = 0, accS = 0, ad = a * id * id;
            for (int n = 0; n < K; n++) {
                double u = w * (gKernel[kb + n] * id - ad);
                accP += u * dp[n];
                accS += u * ds[n];
            }
            if (gP != null) gP[e] += accP;
            if (gSIG != null && v.usesSigma()) gSIG[e] += Math.signum(sig) * accS;
        }
    }
}
