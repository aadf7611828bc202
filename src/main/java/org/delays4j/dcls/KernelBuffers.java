package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
import org.delays4j.infer.DelayScatter;

/**
 * A layer's constructed kernel and its scratch, reused across calls: float64 parameters and
 * kernel [syn][K] (syn = out·inG), the float32 tap-major kernel [K][in][outG] the convolution
 * paths read, and the gradient buffers of the backward. The kernel is rebuilt only when W, P,
 * SIG or the version changed since the last build (inference reuses it batch after batch).
 * Derived views (the kept-tap mask, the narrow lists, the blocked copy of the sparse path, the
 * integer-delay scatter table) are computed lazily once per build, each only when a path asks
 * for it; the mask for the last tolerance used is made during the build itself.
 *
 * <p>Everything here is owned by one layer and overwritten by its next build or backward: the
 * narrow view checks that its build is still current, the windows and tables are replaced. The
 * layer's outputs and input gradients are not kept here (callers hold them across calls).
 * All passes split outputs (or inputs) into fixed chunks with disjoint writes: the same bits at
 * any thread count.
 */
final class KernelBuffers {
    /** Outputs per block of the fused build and backward: their rows stay in L1 while being transposed. */
    private static final int OUT_BLOCK = 16;
    private final int syn, m, K, in, inG, outG;
    private final double[] w, p, sg, k64;
    final float[] kt;
    private float[] gkt;
    /** Whether gkt is all zeros (the backward clears what it has read): gradBuffer need not fill it. */
    private boolean gktZero;
    private double[] gw, gp, gs;
    private boolean built;
    private DclsVersion builtVersion;
    /** Counts the builds: a derived view made before a rebuild must not read the new arrays. */
    private long generation;

    // Lazily derived from the current kernel.
    private double maskTol = Double.NaN;
    private boolean[] keepMask;
    private int[] synKept;
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

    /**
     * Rebuilds the kernel from the float32 parameters, unless they are those of the last build.
     * One parallel pass over blocks of outputs copies the parameters, builds the float64 rows,
     * writes their float32 tap-major transpose and, when a tolerance was asked for before (the
     * layer's policy: the same every step), the keep mask for it, while the rows are in L1.
     */
    void build(DclsVersion v, float[] W, float[] P, float[] SIG) {
        if (built && v == builtVersion && same(W, w) && same(P, p) && same(SIG, sg)) return;
        double tol = maskTol;
        boolean withMask = !Double.isNaN(tol);
        int out = syn / inG;
        long[] keptPer = new long[Parallel.chunks(out)];
        int[] maxPer = new int[keptPer.length];
        // the windows were asked for after the last build (for this tolerance): make them here too
        boolean fuseWindows = withMask && snippetsTried;
        int[] wStart = fuseWindows ? new int[in * outG] : null;
        float[] wRev = fuseWindows ? new float[in * outG * Snippets.WIDTH] : null;
        boolean[] tooWide = new boolean[keptPer.length];
        Parallel.forRange(out, (chunk, o0, o1) -> {
            for (int e = o0 * inG * m, end = o1 * inG * m; e < end; e++) {
                w[e] = W[e];
                p[e] = P[e];
                sg[e] = SIG[e];
            }
            DclsKernel1d.Scratch g = new DclsKernel1d.Scratch(K);
            int[] col = new int[OUT_BLOCK];
            // the block's rows are built here (in L1), then masked, transposed and copied out
            double[] rows = new double[OUT_BLOCK * K];
            GaussLanes.Scratch lanes = vectorGauss(v) ? new GaussLanes.Scratch(K) : null;
            int[] sy = new int[GaussLanes.LANES];
            long c = 0;
            int mx = 0;
            for (int ob = o0; ob < o1; ob += OUT_BLOCK) {
                int oe = Math.min(o1, ob + OUT_BLOCK);
                columns(ob, oe, col);
                for (int ii = 0; ii < inG; ii++) {
                    if (lanes != null) {
                        for (int h = 0; h < oe - ob; h += GaussLanes.LANES) {
                            int cnt = Math.min(GaussLanes.LANES, oe - ob - h);
                            for (int l = 0; l < cnt; l++) sy[l] = (ob + h + l) * inG + ii;
                            GaussLanes.construct(K, m, sy, cnt, w, p, sg, rows, h * K, lanes);
                        }
                    }
                    for (int o = ob; o < oe; o++) {
                        int s = o * inG + ii, r = (o - ob) * K;
                        if (lanes == null) DclsKernel1d.constructSynapse(v, K, s, m, w, p, sg, rows, r, g);
                        System.arraycopy(rows, r, k64, s * K, K);
                        if (withMask) {
                            int cs = maskRow(s, rows, r, tol);
                            c += cs;
                            mx = Math.max(mx, cs);
                            if (fuseWindows && !tooWide[chunk]) {
                                int sn = ((o / outG) * inG + ii) * outG + o % outG;
                                tooWide[chunk] = !Snippets.fill(K, rows, r, keepMask, s * K, sn, wStart, wRev);
                            }
                        }
                    }
                    toTapMajor(oe - ob, ii, col, rows);
                }
            }
            keptPer[chunk] = c;
            maxPer[chunk] = mx;
        });
        built = true;
        builtVersion = v;
        generation++;
        if (withMask) {
            kept = Arrays.stream(keptPer).sum();
            maxTaps = Arrays.stream(maxPer).max().orElse(0);
        } else {
            maskTol = Double.NaN;
        }
        narrow = null;
        blocked = null;
        scatter = null;
        snippets = null;
        snippetsTried = false;
        if (fuseWindows) {
            boolean wide = false;
            for (boolean t : tooWide) wide |= t;
            snippets = wide ? null : new Snippets(wStart, wRev, outG);
            snippetsTried = true;
        }
    }

    /** Whether the Gaussian rows and their backward run synapse-per-lane ({@link GaussLanes}): SIMD on, blocks a multiple of the lanes. */
    private static boolean vectorGauss(DclsVersion v) {
        return v == DclsVersion.GAUSS && Kernels.vectorized() && OUT_BLOCK % GaussLanes.LANES == 0;
    }

    /** kt[n][i][oo] = (float) rows[j][n] for the nb outputs ob + j of the block and one ii (runs of up to 16 floats). */
    private void toTapMajor(int nb, int ii, int[] col, double[] rows) {
        int tn = in * outG;
        for (int n = 0, t0 = ii * outG; n < K; n++, t0 += tn) {
            for (int j = 0; j < nb; j++) kt[t0 + col[j]] = (float) rows[j * K + n];
        }
    }

    /**
     * col[j] = the offset of output ob + j in a tap-major row: kt[(n·in + g·inG + ii)·outG + oo] =
     * kt[(n·in + ii)·outG + col[j]] with col[j] = g·inG·outG + oo, g, oo = the group and index of output ob + j.
     */
    private void columns(int ob, int oe, int[] col) {
        for (int o = ob; o < oe; o++) col[o - ob] = (o / outG) * inG * outG + o % outG;
    }

    private static boolean same(float[] f, double[] d) {
        for (int k = 0; k < f.length; k++) if (f[k] != d[k] && !(Float.isNaN(f[k]) && Double.isNaN(d[k]))) return false;
        return true;
    }

    /**
     * Sets the keep flags of synapse s, whose row is {@code row[r .. r+K)}, for tol (|k| > tol·Σ_j|W_j|;
     * the bound is ≥ 0, so a kept entry is non-zero) and returns how many it keeps. Branch-free.
     */
    private int maskRow(int s, double[] row, int r, double tol) {
        double sw = 0;
        for (int j = 0; j < m; j++) sw += Math.abs(w[s * m + j]);
        double thr = tol * sw;
        int cs = 0;
        for (int n = 0; n < K; n++) {
            boolean keep = Math.abs(row[r + n]) > thr;
            keepMask[s * K + n] = keep;
            cs += keep ? 1 : 0;
        }
        synKept[s] = cs;
        return cs;
    }

    /** Marks the entries (s, n) that survive the narrow bound |k| > tol·Σ_j|W_j| (once per build and tol). */
    private void mask(double tol) {
        if (Double.compare(maskTol, tol) == 0) return;
        if (keepMask == null) {
            keepMask = new boolean[syn * K];
            synKept = new int[syn];
        }
        long[] keptPer = new long[Parallel.chunks(syn)];
        int[] maxPer = new int[keptPer.length];
        Parallel.forRange(syn, (chunk, a, b) -> {
            long c = 0;
            int mx = 0;
            for (int s = a; s < b; s++) {
                int cs = maskRow(s, k64, s * K, tol);
                c += cs;
                mx = Math.max(mx, cs);
            }
            keptPer[chunk] = c;
            maxPer[chunk] = mx;
        });
        kept = Arrays.stream(keptPer).sum();
        maxTaps = Arrays.stream(maxPer).max().orElse(0);
        maskTol = tol;
        narrow = null;
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
            long gen = generation;
            narrow = NarrowKernel.of(s, k64, keepMask, synKept, tol, () -> generation == gen && Double.compare(maskTol, tol) == 0);
        }
        return narrow;
    }

    /** One 8-tap window per synapse, or null when some synapse's kept taps span more (once per build and tol). */
    Snippets snippets(ConvShape s, double tol) {
        mask(tol);
        if (!snippetsTried) {
            snippets = Snippets.build(s, k64, keepMask);
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
        else if (!gktZero) Arrays.fill(gkt, 0f);
        gktZero = false;
        return gkt;
    }

    /**
     * Maps a tap-major kernel gradient to W/P/SIG gradients (accumulated; null = skip); when
     * {@code gktIn} is the {@link #gradBuffer()}, it is left zeroed. Parallel
     * over outputs; each block of 16 outputs gathers its float32 rows from the tap-major gradient
     * (runs of 16 floats) into a float64 row buffer and maps them synapse by synapse.
     */
    void backward(DclsVersion v, float[] gktIn, float[] gW, float[] gP, float[] gSIG) {
        // our own buffer is cleared block by block as it is read (it is in cache then), so the next
        // gradBuffer() skips its fill; every entry belongs to exactly one (output, ii, tap)
        boolean clear = gktIn == gkt;
        backwardRows(v, gktIn, clear, null, null, gW, gP, gSIG);
        if (clear) gktZero = true;
    }

    /**
     * {@link #backward} for a kernel gradient given as one {@link Snippets#WIDTH}-tap window per
     * synapse ({@code gkSnip} [in·outG][WIDTH], window order), zero elsewhere: the rows are read
     * from the windows directly, with no tap-major buffer to scatter into, gather from and clear.
     * The same values as scattering the windows into a zeroed buffer and calling {@link #backward}.
     */
    void backwardWindows(DclsVersion v, Snippets sn, float[] gkSnip, float[] gW, float[] gP, float[] gSIG) {
        backwardRows(v, null, false, sn, gkSnip, gW, gP, gSIG);
    }

    /** The kernel backward over blocks of outputs, rows from the tap-major gradient or from the windows. */
    private void backwardRows(DclsVersion v, float[] gktIn, boolean clear, Snippets sn, float[] gkSnip, float[] gW,
                              float[] gP, float[] gSIG) {
        if (gw == null) {
            gw = new double[w.length];
            gp = new double[w.length];
            gs = new double[w.length];
        }
        boolean vec = vectorGauss(v);
        Parallel.forRange(syn / inG, (chunk, o0, o1) -> {
            double[] rows = new double[OUT_BLOCK * K];
            DclsKernel1d.Scratch scratch = new DclsKernel1d.Scratch(K);
            GaussLanes.Scratch lanes = vec ? new GaussLanes.Scratch(K) : null;
            int[] sy = new int[GaussLanes.LANES];
            int[] col = new int[OUT_BLOCK];
            int tn = in * outG;
            for (int ob = o0; ob < o1; ob += OUT_BLOCK) {
                int oe = Math.min(o1, ob + OUT_BLOCK), nb = oe - ob;
                columns(ob, oe, col);
                for (int ii = 0; ii < inG; ii++) {
                    if (vec) {
                        // tap-major block rows[n·OUT_BLOCK + j]: lane j of tap n is output ob + j
                        if (sn == null) {
                            for (int n = 0, t0 = ii * outG; n < K; n++, t0 += tn) {
                                for (int j = 0; j < nb; j++) rows[n * OUT_BLOCK + j] = gktIn[t0 + col[j]];
                                if (clear) for (int j = 0; j < nb; j++) gktIn[t0 + col[j]] = 0f;
                            }
                        } else {
                            Arrays.fill(rows, 0);
                            windowRows(sn, gkSnip, ob, nb, ii, rows, OUT_BLOCK, 1);
                        }
                        for (int o = ob; o < oe; o++) {
                            int s = o * inG + ii;
                            Arrays.fill(gw, s * m, s * m + m, 0);
                            Arrays.fill(gp, s * m, s * m + m, 0);
                            Arrays.fill(gs, s * m, s * m + m, 0);
                        }
                        for (int h = 0; h < nb; h += GaussLanes.LANES) {
                            int cnt = Math.min(GaussLanes.LANES, nb - h);
                            for (int l = 0; l < cnt; l++) sy[l] = (ob + h + l) * inG + ii;
                            GaussLanes.backward(K, m, sy, cnt, w, p, sg, rows, h, OUT_BLOCK, gW == null ? null : gw,
                                    gP == null ? null : gp, gSIG == null ? null : gs, lanes);
                        }
                        for (int o = ob; o < oe; o++) {
                            for (int e = (o * inG + ii) * m; e < (o * inG + ii) * m + m; e++) {
                                if (gW != null) gW[e] += (float) gw[e];
                                if (gP != null) gP[e] += (float) gp[e];
                                if (gSIG != null) gSIG[e] += (float) gs[e];
                            }
                        }
                        continue;
                    }
                    if (sn == null) {
                        for (int n = 0, t0 = ii * outG; n < K; n++, t0 += tn) {
                            for (int j = 0; j < nb; j++) rows[j * K + n] = gktIn[t0 + col[j]];
                            if (clear) for (int j = 0; j < nb; j++) gktIn[t0 + col[j]] = 0f;
                        }
                    } else {
                        Arrays.fill(rows, 0, nb * K, 0);
                        windowRows(sn, gkSnip, ob, nb, ii, rows, 1, K);
                    }
                    for (int o = ob; o < oe; o++) {
                        int s = o * inG + ii;
                        Arrays.fill(gw, s * m, s * m + m, 0);
                        Arrays.fill(gp, s * m, s * m + m, 0);
                        Arrays.fill(gs, s * m, s * m + m, 0);
                        DclsKernel1d.backwardSynapse(v, K, s, m, w, p, sg, rows, (o - ob) * K, gW == null ? null : gw,
                                gP == null ? null : gp, gSIG == null ? null : gs, scratch);
                        for (int e = s * m; e < s * m + m; e++) {
                            if (gW != null) gW[e] += (float) gw[e];
                            if (gP != null) gP[e] += (float) gp[e];
                            if (gSIG != null) gSIG[e] += (float) gs[e];
                        }
                    }
                }
            }
        });
    }

    /**
     * Window gradients of outputs ob .. ob+nb-1 for input ii (group-relative) into kernel rows:
     * tap n of output ob+j goes to {@code rows[n·strideN + j·strideJ]} (taps outside [0, K) dropped).
     */
    private void windowRows(Snippets sn, float[] gkSnip, int ob, int nb, int ii, double[] rows, int strideN, int strideJ) {
        int W8 = Snippets.WIDTH;
        for (int j = 0; j < nb; j++) {
            int o = ob + j, ws = ((o / outG) * inG + ii) * outG + o % outG, st = sn.start()[ws];
            for (int q = 0; q < W8; q++) {
                int n = st + W8 - 1 - q;
                if (n < K) rows[n * strideN + j * strideJ] = gkSnip[ws * W8 + q];
            }
        }
    }
}
