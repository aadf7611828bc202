package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.core.Parallel;
import org.delays4j.infer.DelayScatter;

/**
 * A layer's constructed kernel and its scratch, reused across calls: float64 parameters and
 * kernel [syn][K] (syn = out·inG), the float32 tap-major kernel [K][in][outG] the convolution
 * paths read, and the gradient buffers of the backward. Derived views (kept-tap statistics,
 * the narrow lists, the integer-delay scatter table) are computed lazily once per build.
 */
final class KernelBuffers {
    private final int syn, m, K, in, inG, outG;
    private final double[] w, p, sg, k64;
    final float[] kt;
    private float[] gkt;
    private double[] gk64, gw, gp, gs;

    // Lazily derived from the current kernel.
    private double statsTol = Double.NaN;
    private long kept;
    private int maxTaps;
    private NarrowKernel narrow;
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

    /** Rebuilds the kernel from the float32 parameters. */
    void build(DclsVersion v, float[] W, float[] P, float[] SIG) {
        for (int e = 0; e < w.length; e++) {
            w[e] = W[e];
            p[e] = P[e];
            sg[e] = SIG[e];
        }
        Parallel.forRange(syn, (chunk, a, b) -> {
            DclsKernel1d.construct(v, K, a, b, m, w, p, sg, k64);
            for (int s = a; s < b; s++) {
                int o = s / inG, i = (o / outG) * inG + s % inG, oo = o % outG;
                for (int n = 0; n < K; n++) kt[(n * in + i) * outG + oo] = (float) k64[s * K + n];
            }
        });
        statsTol = Double.NaN;
        narrow = null;
        scatter = null;
    }

    /** Whether kernel entry (s, n) survives the narrow bound |k| > tol·Σ_j|W_j|. */
    boolean keep(int s, int n, double tol) {
        double a = Math.abs(k64[s * K + n]);
        if (a == 0) return false;
        double sw = 0;
        for (int j = 0; j < m; j++) sw += Math.abs(w[s * m + j]);
        return a > tol * sw;
    }

    private void stats(double tol) {
        if (Double.compare(statsTol, tol) == 0) return;
        long total = 0;
        int mx = 0;
        for (int s = 0; s < syn; s++) {
            int c = 0;
            for (int n = 0; n < K; n++) if (keep(s, n, tol)) c++;
            total += c;
            mx = Math.max(mx, c);
        }
        kept = total;
        maxTaps = mx;
        statsTol = tol;
    }

    /** Fraction of kernel entries the narrow bound keeps. */
    double keptFraction(double tol) {
        stats(tol);
        return (double) kept / ((long) syn * K);
    }

    /** Whether every synapse keeps at most m taps: integer delays (e.g. the rounded {@code max} eval kernel). */
    boolean singleTap(double tol) {
        stats(tol);
        return maxTaps <= m;
    }

    /** The per-channel lists of kept taps (built once per kernel). */
    NarrowKernel narrow(ConvShape s, double tol) {
        if (narrow == null || narrow.tolerance() != tol) narrow = NarrowKernel.build(s, this, tol);
        return narrow;
    }

    /** The integer-delay scatter table of the non-zero kernel entries (built once per kernel). */
    DelayScatter.Table scatter(ConvShape s, PathPolicy policy) {
        if (scatter == null) {
            int G = s.groups();
            scatter = DelayScatter.Table.fromTapMajor(kt, K, in, outG, G, s.padLeft());
        }
        return scatter;
    }

    double kernel64(int s, int n) {
        return k64[s * K + n];
    }

    int synapses() {
        return syn;
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
        Parallel.forRange(syn, (chunk, a, b) -> {
            for (int s = a; s < b; s++) {
                int o = s / inG, i = (o / outG) * inG + s % inG, oo = o % outG;
                for (int n = 0; n < K; n++) gk64[s * K + n] = gktIn[(n * in + i) * outG + oo];
            }
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
