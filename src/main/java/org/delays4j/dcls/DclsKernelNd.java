package org.delays4j.dcls;

/**
 * DCLS kernel construction in D = 1..3 spatial dimensions and its backward, in float64.
 *
 * <p>Element e = s·m + j (synapse s = o·inG + i, weight j) has a weight {@code W[e]} and, per
 * dimension d, a position {@code P[d·E + e]} and a width {@code SIG[d·E + e]} (E elements). Its
 * interpolation weights on the {@code K_1×…×K_D} grid are the product over dimensions of the 1-D
 * <em>unnormalised</em> tap weights g_d of {@link DclsVersion}:
 * {@code ĝ[n] = Π_d g_d[n_d] / (Σ_grid Π_d g_d + 1e-7)} for gauss/max/v1 (the grid sum is
 * {@code Π_d Σ g_d}), and {@code ĝ[n] = Π_d g_d[n_d]} for v0 (bilinear in 2-D, trilinear in 3-D).
 * {@code kernel[s·V + n] = Σ_j W · ĝ[n]}, V = Π K_d, n row-major over (n_1, …, n_D).
 *
 * <p>Backward, with G = Π_d g_d, D = Σ G + ε and u[n] = W·(gk[n]/D − A/D²), A = Σ gk·G (for v0
 * u = W·gk): ∂L/∂W = A/D, and for a parameter θ of dimension d only,
 * {@code ∂L/∂θ = Σ_n u[n] · ∂g_d[n_d]/∂θ · Π_{d'≠d} g_{d'}[n_{d'}]} (since ∂D/∂θ = Σ ∂G/∂θ).
 * Autograd's conventions hold: d|u|/du = 0 at 0, relu'(0) = 0, and the floor of v0 has zero gradient.
 */
public final class DclsKernelNd {
    private DclsKernelNd() {}

    /**
     * Unnormalised 1-D tap weights of one dimension and their derivatives wrt P and SIG.
     * {@code p} is the grid coordinate P + c. Returns Σ g.
     */
    static double raw(DclsVersion v, int K, double p, double sig, double[] g, double[] dp, double[] ds) {
        java.util.Arrays.fill(g, 0, K, 0.0);
        if (dp != null) java.util.Arrays.fill(dp, 0, K, 0.0);
        if (ds != null) java.util.Arrays.fill(ds, 0, K, 0.0);
        double sum = 0;
        switch (v) {
            case V0 -> {
                double fl = Math.floor(p), r = p - fl;
                int f = (int) fl;
                if (f >= 0 && f < K) {
                    g[f] += 1 - r;
                    if (dp != null) dp[f] -= 1;
                }
                if (f + 1 >= 0 && f + 1 < K) {
                    g[f + 1] += r;
                    if (dp != null) dp[f + 1] += 1;
                }
                return 1; // unused: v0 is not normalised
            }
            case GAUSS -> {
                double s = Math.abs(sig) + 0.27, is = 1 / s, sgn = Math.signum(sig);
                for (int n = 0; n < K; n++) {
                    double z = (n - p) * is, gn = Math.exp(-0.5 * z * z);
                    g[n] = gn;
                    if (dp != null) dp[n] = gn * z * is;            // dz/dp = −1/s
                    if (ds != null) ds[n] = sgn * gn * z * z * is;  // dz/ds = −z/s, ds/dSIG = sign(SIG)
                    sum += gn;
                }
            }
            case MAX, V1 -> {
                boolean max = v == DclsVersion.MAX;
                double s = max ? Math.abs(sig) + 1 : 1, sgn = Math.signum(sig);
                for (int n = 0; n < K; n++) {
                    double u = n - p, h = s - Math.abs(u);
                    if (h > 0) { // relu'(0) = 0
                        g[n] = h;
                        if (dp != null) dp[n] = Math.signum(u); // d|u|/du = 0 at 0
                        if (ds != null && max) ds[n] = sgn;
                        sum += h;
                    }
                }
            }
        }
        return sum;
    }

    /** Builds {@code kernel} ([synapses][V]) from W ([E]), P and SIG ([D][E]); SIG may be null for v0/v1. */
    public static void construct(DclsVersion v, int[] K, int synapses, int m, double[] W, double[] P, double[] SIG,
                                 double[] kernel) {
        construct(v, K, 0, synapses, m, W, P, SIG, kernel);
    }

    /** {@link #construct} for synapses {@code [from, to)} only (disjoint outputs: safe in parallel). */
    public static void construct(DclsVersion v, int[] K, int from, int to, int m, double[] W, double[] P,
                                 double[] SIG, double[] kernel) {
        Grid grid = new Grid(K);
        int E = W.length;
        double[] G = new double[grid.volume];
        for (int s = from; s < to; s++) {
            int kb = s * grid.volume;
            java.util.Arrays.fill(kernel, kb, kb + grid.volume, 0.0);
            for (int j = 0; j < m; j++) {
                int e = s * m + j;
                double scale = W[e] / grid.fill(v, P, SIG, e, E, false);
                grid.product(G);
                for (int n = 0; n < grid.volume; n++) kernel[kb + n] += scale * G[n];
            }
        }
    }

    /**
     * Accumulates the gradients of W ([E]), P and SIG ([D][E]) for a kernel cotangent {@code gKernel}
     * ([synapses][V]). gW, gP, gSIG may be null to skip them; gSIG is untouched for v0/v1.
     */
    public static void backward(DclsVersion v, int[] K, int synapses, int m, double[] W, double[] P, double[] SIG,
                                double[] gKernel, double[] gW, double[] gP, double[] gSIG) {
        backward(v, K, 0, synapses, m, W, P, SIG, gKernel, gW, gP, gSIG);
    }

    /** {@link #backward} for synapses {@code [from, to)} only (disjoint outputs: safe in parallel). */
    public static void backward(DclsVersion v, int[] K, int from, int to, int m, double[] W, double[] P,
                                double[] SIG, double[] gKernel, double[] gW, double[] gP, double[] gSIG) {
        Grid grid = new Grid(K);
        int E = W.length, V = grid.volume, D = K.length;
        boolean norm = v != DclsVersion.V0, sigma = gSIG != null && v.usesSigma();
        double[] G = new double[V], u = new double[V];
        for (int s = from; s < to; s++) {
            int kb = s * V;
            for (int j = 0; j < m; j++) {
                int e = s * m + j;
                double den = grid.fill(v, P, SIG, e, E, true), w = W[e];
                grid.product(G);
                double a = 0;
                for (int n = 0; n < V; n++) a += gKernel[kb + n] * G[n];
                if (gW != null) gW[e] += a / den;
                if (gP == null && !sigma) continue;
                double ad = a / (den * den);
                for (int n = 0; n < V; n++) u[n] = norm ? w * (gKernel[kb + n] / den - ad) : w * gKernel[kb + n];
                for (int d = 0; d < D; d++) {
                    if (gP != null) gP[d * E + e] += grid.contract(u, d, grid.dp[d]);
                    if (sigma) gSIG[d * E + e] += grid.contract(u, d, grid.ds[d]);
                }
            }
        }
    }

    /** Per-dimension 1-D weights of one element and the grid they span (scratch, one per call). */
    private static final class Grid {
        final int[] K;
        final int volume;
        final int[][] index; // index[n][d]: the multi-index of flat grid entry n
        final double[][] g, dp, ds;

        Grid(int[] K) {
            this.K = K.clone();
            int vol = 1;
            for (int k : K) vol = Math.multiplyExact(vol, k);
            volume = vol;
            int D = K.length;
            index = new int[vol][D];
            for (int n = 0; n < vol; n++) {
                int r = n;
                for (int d = D - 1; d >= 0; d--) {
                    index[n][d] = r % K[d];
                    r /= K[d];
                }
            }
            g = new double[D][];
            dp = new double[D][];
            ds = new double[D][];
            for (int d = 0; d < D; d++) {
                g[d] = new double[K[d]];
                dp[d] = new double[K[d]];
                ds[d] = new double[K[d]];
            }
        }

        /** Fills g (and dp, ds) for element e; returns the normaliser (Π Σ g_d + ε, or 1 for v0). */
        double fill(DclsVersion v, double[] P, double[] SIG, int e, int E, boolean derivatives) {
            double prod = 1;
            for (int d = 0; d < K.length; d++) {
                double sig = SIG == null ? 0 : SIG[d * E + e];
                prod *= raw(v, K[d], P[d * E + e] + K[d] / 2, sig, g[d], derivatives ? dp[d] : null,
                        derivatives ? ds[d] : null);
            }
            return v == DclsVersion.V0 ? 1 : prod + DclsKernel1d.NORM_EPS;
        }

        /** G[n] = Π_d g_d[n_d]. */
        void product(double[] G) {
            for (int n = 0; n < volume; n++) {
                int[] ix = index[n];
                double p = 1;
                for (int d = 0; d < ix.length; d++) p *= g[d][ix[d]];
                G[n] = p;
            }
        }

        /** Σ_n u[n] · h[n_d] · Π_{d'≠d} g_{d'}[n_{d'}]. */
        double contract(double[] u, int d, double[] h) {
            double acc = 0;
            for (int n = 0; n < volume; n++) {
                int[] ix = index[n];
                double p = u[n] * h[ix[d]];
                if (p == 0) continue;
                for (int q = 0; q < ix.length; q++) if (q != d) p *= g[q][ix[q]];
                acc += p;
            }
            return acc;
        }
    }
}
