package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.core.Parallel;
import org.delays4j.infer.DelayScatter;

/**
 * A layer's constructed kernel and its scratch, reused across calls: float64 parameters and
 * kernel [syn][K] (syn = out·inG), the float32 tap-major kernel [K][in][outG] the convolution
 * paths read, and the gradient buffers of the backward. The kernel is rebuilt only when W, P,
 * SIG or the version changed since the last build (inference reuses it batch after batch).
 * Derived views (the kept-tap mask, the narrow lists, the blocked copy of the sparse path, the
 * integer-delay scatter table) are computed lazily once per build.
 */
final class KernelBuffers {
    private final int syn, m, K, in, inG, outG;
    private final double[] w, p, sg, k64;
    final float[] kt;
    private float[] gkt;
    private double[] gk64, gw, gp, gs;
    private boolean built;
    private DclsVersion builtVersion;

    // Lazily derived from the current kernel.
    private double maskTol = Double.NaN;
    private boolean[] keepMask;
    private long kept;
    private int maxTaps;
    private NarrowKernel narrow;
    private float[] blocked;
    private Snippets snippets;
    private boolean snippetsTried;
    private DelayScatter.Table scatter;

    KernelBuffers(Dcls1dConfig cfg) {
        m = cfg.kernelCount();
        K = cfg.kernelSize();
        in = cfg.in();
        inG = cfg.inPerGroup();
        outG = cfg.outPerGroup();
        syn = cfg.out() * inG;
        w = new double[syn * m];
        p = new double[syn * m];
        sg = new double[syn * m];
        k64 = new double[syn * K];
        kt = new float[K * in * outG];
    }

    /** Rebuilds the kernel from the float32 parameters, unless they are those of the last build. */
    void build(DclsVersion v, float[] W, float[] P, float[] SIG) {
        if (built && v == builtVersion && same(W, w) && same(P, p) && same(SIG, sg)) return;
        for (int e = 0; e < w.length; e++) {
            w[e] = W[e];
            p[e] = P[e];
            sg[e] = SIG[e];
        }
        int out = syn / inG;
        Parallel.forRange(out, (chunk, o0, o1) -> {
            DclsKernel1d.construct(v, K, o0 * inG, o1 * inG, m, w, p, sg, k64);
            transpose(o0, o1, true, kt, null);
        });
        built = true;
        builtVersion = v;
        maskTol = Double.NaN;
        narrow = null;
        blocked = null;
        scatter = null;
        snippets = null;
        snippetsTried = false;
    }

    /**
     * Copies between the [out][inG][K] float64 layout and the tap-major float32 [K][in][outG] one
     * for outputs [o0, o1), in blocks of 16 outputs so both sides are read and written in runs.
     * {@code toTapMajor}: k64 → tm, else tm → d64.
     */
    private void transpose(int o0, int o1, boolean toTapMajor, float[] tm, double[] d64) {
        for (int ob = o0; ob < o1; ob += 16) {
            int oe = Math.min(o1, ob + 16);
            for (int ii = 0; ii < inG; ii++) {
                for (int n = 0; n < K; n++) {
                    for (int o = ob; o < oe; o++) {
                        int s = o * inG + ii, t = (n * in + (o / outG) * inG + ii) * outG + o % outG;
                        if (toTapMajor) tm[t] = (float) k64[s * K + n];
                        else d64[s * K + n] = tm[t];
                    }
                }
            }
        }
    }

    private static boolean same(float[] f, double[] d) {
        for (int k = 0; k < f.length; k++) if (f[k] != d[k] && !(Float.isNaN(f[k]) && Double.isNaN(d[k]))) return false;
        return true;
    }

    /** Marks the entries (s, n) that survive the narrow bound |k| > tol·Σ_j|W_j| (once per build and tol). */
    private void mask(double tol) {
        if (Double.compare(maskTol, tol) == 0) return;
        if (keepMask == null) keepMask = new boolean[syn * K];
        long[] keptPer = new long[Parallel.chunks(syn)];
        int[] maxPer = new int[keptPer.length];
        Parallel.forRange(syn, (chunk, a, b) -> {
            long c = 0;
            int mx = 0;
            for (int s = a; s < b; s++) {
                double sw = 0;
                for (int j = 0; j < m; j++) sw += Math.abs(w[s * m + j]);
                double thr = tol * sw;
                int cs = 0;
                for (int n = 0; n < K; n++) {
                    double v = Math.abs(k64[s * K + n]);
                    boolean keep = v != 0 && v > thr;
                    keepMask[s * K + n] = keep;
                    if (keep) cs++;
                }
                c += cs;
                mx = Math.max(mx, cs);
            }
            keptPer[chunk] = c;
            maxPer[chunk] = mx;
        });
        kept = Arrays.stream(keptPer).sum();
        maxTaps = Arrays.stream(maxPer).max().orElse(0);
        maskTol = tol;
        snippets = null;
        snippetsTried = false;
    }

    /** Fraction of kernel entries the narrow bound keeps. */
    double keptFraction(double tol) {
        mask(tol);
        return (double) kept / ((long) syn * K);
    }

    /** Whether every synapse keeps at most m taps: integer delays (e.g. the rounded {@code max} eval kernel). */
    boolean singleTap(double tol) {
        mask(tol);
        return maxTaps <= m;
    }

    /** The per-channel lists of kept taps (built once per kernel and tol). */
    NarrowKernel narrow(ConvShape s, double tol) {
        if (narrow == null || narrow.tolerance() != tol) {
            mask(tol);
            narrow = NarrowKernel.build(s, kt, keepMask, kept, tol);
        }
        return narrow;
    }

    /** One 8-tap window per synapse, or null when some synapse's kept taps span more (once per build and tol). */
    Snippets snippets(ConvShape s, double tol) {
        mask(tol);
        if (!snippetsTried) {
            snippets = Snippets.build(s, kt, keepMask);
            snippetsTried = true;
        }
        return snippets;
    }

    /** The kernel re-laid out for the sparse path (once per build). */
    float[] blocked() {
        if (blocked == null) blocked = SparseConv1d.block(kt, K, in, outG);
        return blocked;
    }

    /** The integer-delay scatter table of the non-zero kernel entries (built once per kernel). */
    DelayScatter.Table scatter(ConvShape s) {
        if (scatter == null) scatter = DelayScatter.Table.fromTapMajor(kt, K, in, outG, s.groups(), s.padLeft());
        return scatter;
    }

    /** A zeroed float32 tap-major gradient buffer. */
    float[] gradBuffer() {
        if (gkt == null) gkt = new float[kt.length];
        else Arrays.fill(gkt, 0f);
        return gkt;
    }

    /** Maps a tap-major kernel gradient to W/P/SIG gradients (accumulated; null = skip). */
    void backward(DclsVersion v, float[] gktIn, float[] gW, float[] gP, float[] gSIG) {
        if (gk64 == null) {
            gk64 = new double[k64.length];
            gw = new double[w.length];
            gp = new double[w.length];
            gs = new double[w.length];
        }
        Parallel.forRange(syn / inG, (chunk, o0, o1) -> {
            transpose(o0, o1, false, gktIn, gk64);
            int a = o0 * inG, b = o1 * inG;
            Arrays.fill(gw, a * m, b * m, 0);
            Arrays.fill(gp, a * m, b * m, 0);
            Arrays.fill(gs, a * m, b * m, 0);
            DclsKernel1d.backward(v, K, a, b, m, w, p, sg, gk64, gW == null ? null : gw, gP == null ? null : gp,
                    gSIG == null ? null : gs);
            for (int e = a * m; e < b * m; e++) {
                if (gW != null) gW[e] += (float) gw[e];
                if (gP != null) gP[e] += (float) gp[e];
                if (gSIG != null) gSIG[e] += (float) gs[e];
            }
        });
    }
}
