package org.delays4j.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A batched discrete Fourier transform of length {@code n} along the first axis of {@code [n][M]}
 * data: M independent series stored contiguously per time step (the time-major layout of a
 * {@link Seq}), so every butterfly is a vector operation across series.
 *
 * <p>Stockham autosort, decimation in frequency, mixed radix: stages of radix 4, 2, 3 and 5 with
 * dedicated butterflies, any other prime factor through a plain O(p²) butterfly (correct for every
 * length, fast for lengths 2^a·3^b·5^c: see {@link #goodLength}). Stage {@code s} of radix p maps
 * {@code x[(j + r·m)·run + u]} to {@code y[(p·j + k)·run + u]}, where {@code run = stride·M} is
 * contiguous, so the innermost loop runs over {@code run} values with one vector op per butterfly
 * term ({@link Kernels#vectorized()}), or plain loops with SIMD off. Twiddles are computed in
 * float64 and rounded once; the error grows like {@code log n · 2⁻²⁴} of the signal's norm.
 *
 * <p>Real series go through {@link #realForward} / {@link #realInverse}: two real series share
 * one complex transform (one as the real, one as the imaginary part) and are separated from the
 * Hermitian symmetry, so a real transform costs half a complex one; only the {@link #bins()}
 * = n/2+1 non-redundant bins are stored. A plan is immutable and thread-safe; each thread uses
 * its own {@link Work}. {@link #naive} is the obviously-correct float64 twin.
 */
public final class Fft {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Complex series per transform inside the real helpers (two real series each). */
    public static final int BLOCK = 64;

    private final int n;
    private final int[] radix;
    /** Per stage: w^{j·k} = exp(-2πi·j·k/len) at [j·p + k], len = p·m the stage's length. */
    private final float[][] twRe, twIm, twImInv;

    /** Scratch of one thread: the data and the Stockham ping-pong buffers, {@code n·BLOCK} each. */
    public static final class Work {
        final float[] re, im, wre, wim;

        private Work(int size) {
            re = new float[size];
            im = new float[size];
            wre = new float[size];
            wim = new float[size];
        }
    }

    public Fft(int n) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be >= 1, got " + n);
        this.n = n;
        this.radix = factor(n);
        twRe = new float[radix.length][];
        twIm = new float[radix.length][];
        twImInv = new float[radix.length][];
        int len = n;
        for (int st = 0; st < radix.length; st++) {
            int p = radix[st], m = len / p;
            twRe[st] = new float[m * p];
            twIm[st] = new float[m * p];
            twImInv[st] = new float[m * p];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < p; k++) {
                    double a = -2 * Math.PI * ((long) j * k % len) / len;
                    twRe[st][j * p + k] = (float) Math.cos(a);
                    twIm[st][j * p + k] = (float) Math.sin(a);
                    twImInv[st][j * p + k] = (float) -Math.sin(a);
                }
            }
            len = m;
        }
    }

    /** Radices in stage order: 4s, then a 2, then 3s, 5s, then other primes ascending. */
    private static int[] factor(int n) {
        java.util.List<Integer> f = new java.util.ArrayList<>();
        int r = n;
        while (r % 4 == 0) {
            f.add(4);
            r /= 4;
        }
        if (r % 2 == 0) {
            f.add(2);
            r /= 2;
        }
        for (int p = 3; r > 1; p += 2) {
            if ((long) p * p > r) p = r;
            while (r % p == 0) {
                f.add(p);
                r /= p;
            }
        }
        return f.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The smallest length ≥ {@code min} whose prime factors are 2, 3 and 5 only. */
    public static int goodLength(int min) {
        for (int c = Math.max(1, min); ; c++) {
            int r = c;
            for (int p : new int[] {2, 3, 5}) while (r % p == 0) r /= p;
            if (r == 1) return c;
        }
    }

    public int size() {
        return n;
    }

    /** Non-redundant bins of a real series: n/2 + 1. */
    public int bins() {
        return n / 2 + 1;
    }

    /** Scratch for one thread's calls. */
    public Work work() {
        return new Work(n * BLOCK);
    }

    /**
     * In-place complex DFT of {@code m} series: {@code re/im[t·m + v]} for t < n, v < m, become
     * {@code X[f] = Σ_t x[t]·exp(∓2πi·f·t/n)} (minus: forward; plus: inverse, unnormalised).
     * {@code wre/wim} are scratch of at least {@code n·m} values.
     */
    public void transform(float[] re, float[] im, float[] wre, float[] wim, int m, boolean inverse) {
        boolean vec = Kernels.vectorized();
        float[] xr = re, xi = im, yr = wre, yi = wim;
        int len = n, stride = 1;
        for (int st = 0; st < radix.length; st++) {
            int p = radix[st], q = len / p, run = stride * m;
            float[] wr = twRe[st], wi = inverse ? twImInv[st] : twIm[st];
            float sg = inverse ? 1f : -1f;
            switch (p) {
                case 2 -> radix2(xr, xi, yr, yi, q, run, wr, wi, vec);
                case 3 -> radix3(xr, xi, yr, yi, q, run, wr, wi, sg, vec);
                case 4 -> radix4(xr, xi, yr, yi, q, run, wr, wi, sg, vec);
                case 5 -> radix5(xr, xi, yr, yi, q, run, wr, wi, sg, vec);
                default -> radixAny(p, xr, xi, yr, yi, q, run, wr, wi, sg);
            }
            float[] t = xr;
            xr = yr;
            yr = t;
            t = xi;
            xi = yi;
            yi = t;
            len = q;
            stride *= p;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n * m);
            System.arraycopy(xi, 0, im, 0, n * m);
        }
    }

    private static int bound(boolean vec, int run) {
        return vec ? S.loopBound(run) : 0;
    }

    private static void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int q, int run, float[] wr, float[] wi, boolean vec) {
        int ub = bound(vec, run);
        for (int j = 0; j < q; j++) {
            int i0 = j * run, i1 = (j + q) * run, o0 = 2 * j * run, o1 = o0 + run;
            float c = wr[2 * j + 1], s = wi[2 * j + 1];
            int u = 0;
            for (; u < ub; u += S.length()) {
                var ar = FloatVector.fromArray(S, xr, i0 + u);
                var ai = FloatVector.fromArray(S, xi, i0 + u);
                var br = FloatVector.fromArray(S, xr, i1 + u);
                var bi = FloatVector.fromArray(S, xi, i1 + u);
                ar.add(br).intoArray(yr, o0 + u);
                ai.add(bi).intoArray(yi, o0 + u);
                var dr = ar.sub(br);
                var di = ai.sub(bi);
                dr.mul(c).sub(di.mul(s)).intoArray(yr, o1 + u);
                dr.mul(s).add(di.mul(c)).intoArray(yi, o1 + u);
            }
            for (; u < run; u++) {
                float ar = xr[i0 + u], ai = xi[i0 + u], br = xr[i1 + u], bi = xi[i1 + u];
                yr[o0 + u] = ar + br;
                yi[o0 + u] = ai + bi;
                float dr = ar - br, di = ai - bi;
                yr[o1 + u] = dr * c - di * s;
                yi[o1 + u] = dr * s + di * c;
            }
        }
    }

    private static void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int q, int run, float[] wr, float[] wi, float sg, boolean vec) {
        int ub = bound(vec, run);
        for (int j = 0; j < q; j++) {
            int i0 = j * run, i1 = (j + q) * run, i2 = (j + 2 * q) * run, i3 = (j + 3 * q) * run;
            int o0 = 4 * j * run, o1 = o0 + run, o2 = o1 + run, o3 = o2 + run;
            float c1 = wr[4 * j + 1], s1 = wi[4 * j + 1], c2 = wr[4 * j + 2], s2 = wi[4 * j + 2], c3 = wr[4 * j + 3], s3 = wi[4 * j + 3];
            int u = 0;
            for (; u < ub; u += S.length()) {
                var a0r = FloatVector.fromArray(S, xr, i0 + u);
                var a0i = FloatVector.fromArray(S, xi, i0 + u);
                var a1r = FloatVector.fromArray(S, xr, i1 + u);
                var a1i = FloatVector.fromArray(S, xi, i1 + u);
                var a2r = FloatVector.fromArray(S, xr, i2 + u);
                var a2i = FloatVector.fromArray(S, xi, i2 + u);
                var a3r = FloatVector.fromArray(S, xr, i3 + u);
                var a3i = FloatVector.fromArray(S, xi, i3 + u);
                var t0r = a0r.add(a2r);
                var t0i = a0i.add(a2i);
                var t1r = a0r.sub(a2r);
                var t1i = a0i.sub(a2i);
                var t2r = a1r.add(a3r);
                var t2i = a1i.add(a3i);
                var dr = a1r.sub(a3r).mul(sg);
                var di = a1i.sub(a3i).mul(sg);
                t0r.add(t2r).intoArray(yr, o0 + u);
                t0i.add(t2i).intoArray(yi, o0 + u);
                // X1 = t1 + sg·i·d, X2 = t0 - t2, X3 = t1 - sg·i·d, then the twiddles
                var x1r = t1r.sub(di);
                var x1i = t1i.add(dr);
                var x2r = t0r.sub(t2r);
                var x2i = t0i.sub(t2i);
                var x3r = t1r.add(di);
                var x3i = t1i.sub(dr);
                x1r.mul(c1).sub(x1i.mul(s1)).intoArray(yr, o1 + u);
                x1r.mul(s1).add(x1i.mul(c1)).intoArray(yi, o1 + u);
                x2r.mul(c2).sub(x2i.mul(s2)).intoArray(yr, o2 + u);
                x2r.mul(s2).add(x2i.mul(c2)).intoArray(yi, o2 + u);
                x3r.mul(c3).sub(x3i.mul(s3)).intoArray(yr, o3 + u);
                x3r.mul(s3).add(x3i.mul(c3)).intoArray(yi, o3 + u);
            }
            for (; u < run; u++) {
                float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u];
                float a2r = xr[i2 + u], a2i = xi[i2 + u], a3r = xr[i3 + u], a3i = xi[i3 + u];
                float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                float t2r = a1r + a3r, t2i = a1i + a3i, dr = (a1r - a3r) * sg, di = (a1i - a3i) * sg;
                yr[o0 + u] = t0r + t2r;
                yi[o0 + u] = t0i + t2i;
                float x1r = t1r - di, x1i = t1i + dr, x2r = t0r - t2r, x2i = t0i - t2i, x3r = t1r + di, x3i = t1i - dr;
                yr[o1 + u] = x1r * c1 - x1i * s1;
                yi[o1 + u] = x1r * s1 + x1i * c1;
                yr[o2 + u] = x2r * c2 - x2i * s2;
                yi[o2 + u] = x2r * s2 + x2i * c2;
                yr[o3 + u] = x3r * c3 - x3i * s3;
                yi[o3 + u] = x3r * s3 + x3i * c3;
            }
        }
    }

    private static final float SIN60 = (float) Math.sin(Math.PI / 3);

    private static void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int q, int run, float[] wr, float[] wi, float sg, boolean vec) {
        int ub = bound(vec, run);
        float h = sg * SIN60;
        for (int j = 0; j < q; j++) {
            int i0 = j * run, i1 = (j + q) * run, i2 = (j + 2 * q) * run;
            int o0 = 3 * j * run, o1 = o0 + run, o2 = o1 + run;
            float c1 = wr[3 * j + 1], s1 = wi[3 * j + 1], c2 = wr[3 * j + 2], s2 = wi[3 * j + 2];
            int u = 0;
            for (; u < ub; u += S.length()) {
                var a0r = FloatVector.fromArray(S, xr, i0 + u);
                var a0i = FloatVector.fromArray(S, xi, i0 + u);
                var a1r = FloatVector.fromArray(S, xr, i1 + u);
                var a1i = FloatVector.fromArray(S, xi, i1 + u);
                var a2r = FloatVector.fromArray(S, xr, i2 + u);
                var a2i = FloatVector.fromArray(S, xi, i2 + u);
                var sr = a1r.add(a2r);
                var si = a1i.add(a2i);
                var dr = a1r.sub(a2r).mul(h);
                var di = a1i.sub(a2i).mul(h);
                a0r.add(sr).intoArray(yr, o0 + u);
                a0i.add(si).intoArray(yi, o0 + u);
                var mr = a0r.sub(sr.mul(0.5f));
                var mi = a0i.sub(si.mul(0.5f));
                // X1 = mid + sg·i·(√3/2)·d, X2 = mid - sg·i·(√3/2)·d
                var x1r = mr.sub(di);
                var x1i = mi.add(dr);
                var x2r = mr.add(di);
                var x2i = mi.sub(dr);
                x1r.mul(c1).sub(x1i.mul(s1)).intoArray(yr, o1 + u);
                x1r.mul(s1).add(x1i.mul(c1)).intoArray(yi, o1 + u);
                x2r.mul(c2).sub(x2i.mul(s2)).intoArray(yr, o2 + u);
                x2r.mul(s2).add(x2i.mul(c2)).intoArray(yi, o2 + u);
            }
            for (; u < run; u++) {
                float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u], a2r = xr[i2 + u], a2i = xi[i2 + u];
                float sr = a1r + a2r, si = a1i + a2i, dr = (a1r - a2r) * h, di = (a1i - a2i) * h;
                yr[o0 + u] = a0r + sr;
                yi[o0 + u] = a0i + si;
                float mr = a0r - sr * 0.5f, mi = a0i - si * 0.5f;
                float x1r = mr - di, x1i = mi + dr, x2r = mr + di, x2i = mi - dr;
                yr[o1 + u] = x1r * c1 - x1i * s1;
                yi[o1 + u] = x1r * s1 + x1i * c1;
                yr[o2 + u] = x2r * c2 - x2i * s2;
                yi[o2 + u] = x2r * s2 + x2i * c2;
            }
        }
    }

    private static final float C72 = (float) Math.cos(2 * Math.PI / 5), C144 = (float) Math.cos(4 * Math.PI / 5);
    private static final float S72 = (float) Math.sin(2 * Math.PI / 5), S144 = (float) Math.sin(4 * Math.PI / 5);

    private static void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int q, int run, float[] wr, float[] wi, float sg, boolean vec) {
        int ub = bound(vec, run);
        float sa = sg * S72, sb = sg * S144;
        for (int j = 0; j < q; j++) {
            int i0 = j * run, i1 = (j + q) * run, i2 = (j + 2 * q) * run, i3 = (j + 3 * q) * run, i4 = (j + 4 * q) * run;
            int o0 = 5 * j * run, o1 = o0 + run, o2 = o1 + run, o3 = o2 + run, o4 = o3 + run;
            float c1 = wr[5 * j + 1], s1 = wi[5 * j + 1], c2 = wr[5 * j + 2], s2 = wi[5 * j + 2];
            float c3 = wr[5 * j + 3], s3 = wi[5 * j + 3], c4 = wr[5 * j + 4], s4 = wi[5 * j + 4];
            int u = 0;
            for (; u < ub; u += S.length()) {
                var a0r = FloatVector.fromArray(S, xr, i0 + u);
                var a0i = FloatVector.fromArray(S, xi, i0 + u);
                var a1r = FloatVector.fromArray(S, xr, i1 + u);
                var a1i = FloatVector.fromArray(S, xi, i1 + u);
                var a2r = FloatVector.fromArray(S, xr, i2 + u);
                var a2i = FloatVector.fromArray(S, xi, i2 + u);
                var a3r = FloatVector.fromArray(S, xr, i3 + u);
                var a3i = FloatVector.fromArray(S, xi, i3 + u);
                var a4r = FloatVector.fromArray(S, xr, i4 + u);
                var a4i = FloatVector.fromArray(S, xi, i4 + u);
                var s1r = a1r.add(a4r);
                var s1i = a1i.add(a4i);
                var d1r = a1r.sub(a4r);
                var d1i = a1i.sub(a4i);
                var s2r = a2r.add(a3r);
                var s2i = a2i.add(a3i);
                var d2r = a2r.sub(a3r);
                var d2i = a2i.sub(a3i);
                a0r.add(s1r).add(s2r).intoArray(yr, o0 + u);
                a0i.add(s1i).add(s2i).intoArray(yi, o0 + u);
                // X1,4 = A1 ± sg·i·B1, X2,3 = A2 ± sg·i·B2 (sg folded into sa, sb)
                var A1r = a0r.add(s1r.mul(C72)).add(s2r.mul(C144));
                var A1i = a0i.add(s1i.mul(C72)).add(s2i.mul(C144));
                var A2r = a0r.add(s1r.mul(C144)).add(s2r.mul(C72));
                var A2i = a0i.add(s1i.mul(C144)).add(s2i.mul(C72));
                var B1r = d1r.mul(sa).add(d2r.mul(sb));
                var B1i = d1i.mul(sa).add(d2i.mul(sb));
                var B2r = d1r.mul(sb).sub(d2r.mul(sa));
                var B2i = d1i.mul(sb).sub(d2i.mul(sa));
                var x1r = A1r.sub(B1i);
                var x1i = A1i.add(B1r);
                var x4r = A1r.add(B1i);
                var x4i = A1i.sub(B1r);
                var x2r = A2r.sub(B2i);
                var x2i = A2i.add(B2r);
                var x3r = A2r.add(B2i);
                var x3i = A2i.sub(B2r);
                x1r.mul(c1).sub(x1i.mul(s1)).intoArray(yr, o1 + u);
                x1r.mul(s1).add(x1i.mul(c1)).intoArray(yi, o1 + u);
                x2r.mul(c2).sub(x2i.mul(s2)).intoArray(yr, o2 + u);
                x2r.mul(s2).add(x2i.mul(c2)).intoArray(yi, o2 + u);
                x3r.mul(c3).sub(x3i.mul(s3)).intoArray(yr, o3 + u);
                x3r.mul(s3).add(x3i.mul(c3)).intoArray(yi, o3 + u);
                x4r.mul(c4).sub(x4i.mul(s4)).intoArray(yr, o4 + u);
                x4r.mul(s4).add(x4i.mul(c4)).intoArray(yi, o4 + u);
            }
            for (; u < run; u++) {
                float a0r = xr[i0 + u], a0i = xi[i0 + u], a1r = xr[i1 + u], a1i = xi[i1 + u], a2r = xr[i2 + u], a2i = xi[i2 + u];
                float a3r = xr[i3 + u], a3i = xi[i3 + u], a4r = xr[i4 + u], a4i = xi[i4 + u];
                float s1r = a1r + a4r, s1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
                float s2r = a2r + a3r, s2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
                yr[o0 + u] = a0r + s1r + s2r;
                yi[o0 + u] = a0i + s1i + s2i;
                float A1r = a0r + s1r * C72 + s2r * C144, A1i = a0i + s1i * C72 + s2i * C144;
                float A2r = a0r + s1r * C144 + s2r * C72, A2i = a0i + s1i * C144 + s2i * C72;
                float B1r = d1r * sa + d2r * sb, B1i = d1i * sa + d2i * sb;
                float B2r = d1r * sb - d2r * sa, B2i = d1i * sb - d2i * sa;
                float x1r = A1r - B1i, x1i = A1i + B1r, x4r = A1r + B1i, x4i = A1i - B1r;
                float x2r = A2r - B2i, x2i = A2i + B2r, x3r = A2r + B2i, x3i = A2i - B2r;
                yr[o1 + u] = x1r * c1 - x1i * s1;
                yi[o1 + u] = x1r * s1 + x1i * c1;
                yr[o2 + u] = x2r * c2 - x2i * s2;
                yi[o2 + u] = x2r * s2 + x2i * c2;
                yr[o3 + u] = x3r * c3 - x3i * s3;
                yi[o3 + u] = x3r * s3 + x3i * c3;
                yr[o4 + u] = x4r * c4 - x4i * s4;
                yi[o4 + u] = x4r * s4 + x4i * c4;
            }
        }
    }

    /** Any radix p: X_k = Σ_r a_r·exp(sg·2πi·r·k/p), then the twiddle; plain loops (rare primes only). */
    private static void radixAny(int p, float[] xr, float[] xi, float[] yr, float[] yi, int q, int run, float[] wr, float[] wi, float sg) {
        float[] cr = new float[p], ci = new float[p];
        for (int r = 0; r < p; r++) {
            cr[r] = (float) Math.cos(2 * Math.PI * r / p);
            ci[r] = (float) (sg * Math.sin(2 * Math.PI * r / p));
        }
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < p; k++) {
                int o = (p * j + k) * run;
                float c = wr[p * j + k], s = wi[p * j + k];
                for (int u = 0; u < run; u++) {
                    float accR = 0, accI = 0;
                    for (int r = 0; r < p; r++) {
                        int i = (j + r * q) * run + u, e = (int) ((long) r * k % p);
                        accR += xr[i] * cr[e] - xi[i] * ci[e];
                        accI += xr[i] * ci[e] + xi[i] * cr[e];
                    }
                    yr[o + u] = accR * c - accI * s;
                    yi[o + u] = accR * s + accI * c;
                }
            }
        }
    }

    /**
     * Forward DFT of {@code count} real series: series j has {@code src[srcOff + t·srcLd + j]} at
     * t < rows and 0 for rows ≤ t < n. Bin f (f ≤ n/2) of series j is written to
     * {@code dst[dstOff + f·dstLd + j]} (real part) and {@code dst[dstOff + imOff + f·dstLd + j]}
     * (imaginary part).
     */
    public void realForward(float[] src, int srcOff, int srcLd, int rows, int count, float[] dst, int dstOff, int dstLd, int imOff,
                            Work w) {
        int nb = bins(), rr = Math.min(rows, n);
        boolean vec = Kernels.vectorized();
        float[] re = w.re, im = w.im;
        for (int j0 = 0; j0 < count; j0 += 2 * BLOCK) {
            int c = Math.min(2 * BLOCK, count - j0), h = (c + 1) / 2, hb = c - h, m = roundUp(h);
            for (int t = 0; t < rr; t++) {
                int s = srcOff + t * srcLd + j0;
                System.arraycopy(src, s, re, t * m, h);
                System.arraycopy(src, s + h, im, t * m, hb);
                java.util.Arrays.fill(re, t * m + h, t * m + m, 0f);
                java.util.Arrays.fill(im, t * m + hb, t * m + m, 0f);
            }
            java.util.Arrays.fill(re, rr * m, n * m, 0f);
            java.util.Arrays.fill(im, rr * m, n * m, 0f);
            transform(re, im, w.wre, w.wim, m, false);
            // A = (Z_f + conj Z_{n-f}) / 2, B = (Z_f - conj Z_{n-f}) / 2i
            int hv = bound(vec, h), hbv = bound(vec, hb);
            for (int f = 0; f < nb; f++) {
                int a = f * m, b = ((n - f) % n) * m, d = dstOff + f * dstLd + j0;
                int v = 0;
                for (; v < hv; v += S.length()) {
                    var ra = FloatVector.fromArray(S, re, a + v);
                    var rb = FloatVector.fromArray(S, re, b + v);
                    var ia = FloatVector.fromArray(S, im, a + v);
                    var ib = FloatVector.fromArray(S, im, b + v);
                    ra.add(rb).mul(0.5f).intoArray(dst, d + v);
                    ia.sub(ib).mul(0.5f).intoArray(dst, d + imOff + v);
                }
                for (; v < h; v++) {
                    dst[d + v] = 0.5f * (re[a + v] + re[b + v]);
                    dst[d + imOff + v] = 0.5f * (im[a + v] - im[b + v]);
                }
                for (v = 0; v < hbv; v += S.length()) {
                    var ra = FloatVector.fromArray(S, re, a + v);
                    var rb = FloatVector.fromArray(S, re, b + v);
                    var ia = FloatVector.fromArray(S, im, a + v);
                    var ib = FloatVector.fromArray(S, im, b + v);
                    ia.add(ib).mul(0.5f).intoArray(dst, d + h + v);
                    rb.sub(ra).mul(0.5f).intoArray(dst, d + imOff + h + v);
                }
                for (; v < hb; v++) {
                    dst[d + h + v] = 0.5f * (im[a + v] + im[b + v]);
                    dst[d + imOff + h + v] = 0.5f * (re[b + v] - re[a + v]);
                }
            }
        }
    }

    /**
     * Inverse of {@link #realForward}, accumulated: for {@code count} Hermitian spectra stored as
     * {@code realForward} writes them (bins 0..n/2 at {@code src[srcOff + f·srcLd + j]}, imaginary
     * parts {@code imOff} further; those of bins 0 and n/2 are ignored), adds
     * {@code scale · x[(r + shift) mod n]} with {@code x = (1/n) Σ_f X[f]·exp(2πi·f·t/n)} to
     * {@code dst[dstOff + r·dstLd + j]} for r < rows.
     */
    public void realInverse(float[] src, int srcOff, int srcLd, int imOff, int count, float[] dst, int dstOff, int dstLd, int rows,
                            int shift, float scale, Work w) {
        int half = n / 2;
        float k = scale / n;
        boolean vec = Kernels.vectorized();
        float[] re = w.re, im = w.im;
        for (int j0 = 0; j0 < count; j0 += 2 * BLOCK) {
            int c = Math.min(2 * BLOCK, count - j0), h = (c + 1) / 2, hb = c - h, m = roundUp(h);
            int hv = bound(vec, h), hbv = bound(vec, hb);
            // Z_f = A_f + i·B_f over all f, from bins f ≤ n/2 and X_{n-f} = conj X_f:
            // Z_f = (Ar - Bi, Ai + Br), Z_{n-f} = (Ar + Bi, Br - Ai); real bins: (Ar, Br)
            for (int f = 0; f <= half; f++) {
                int s = srcOff + f * srcLd + j0, a = f * m, b = ((n - f) % n) * m;
                if (f == 0 || 2 * f == n) {
                    System.arraycopy(src, s, re, a, h);
                    System.arraycopy(src, s + h, im, a, hb);
                    java.util.Arrays.fill(re, a + h, a + m, 0f);
                    java.util.Arrays.fill(im, a + hb, a + m, 0f);
                    continue;
                }
                int v = 0;
                for (; v < hbv; v += S.length()) {
                    var ar = FloatVector.fromArray(S, src, s + v);
                    var ai = FloatVector.fromArray(S, src, s + imOff + v);
                    var br = FloatVector.fromArray(S, src, s + h + v);
                    var bi = FloatVector.fromArray(S, src, s + imOff + h + v);
                    ar.sub(bi).intoArray(re, a + v);
                    ai.add(br).intoArray(im, a + v);
                    ar.add(bi).intoArray(re, b + v);
                    br.sub(ai).intoArray(im, b + v);
                }
                for (; v < hb; v++) {
                    float ar = src[s + v], ai = src[s + imOff + v], br = src[s + h + v], bi = src[s + imOff + h + v];
                    re[a + v] = ar - bi;
                    im[a + v] = ai + br;
                    re[b + v] = ar + bi;
                    im[b + v] = br - ai;
                }
                for (; v < h; v++) { // no B series in these columns
                    float ar = src[s + v], ai = src[s + imOff + v];
                    re[a + v] = ar;
                    im[a + v] = ai;
                    re[b + v] = ar;
                    im[b + v] = -ai;
                }
                java.util.Arrays.fill(re, a + h, a + m, 0f);
                java.util.Arrays.fill(im, a + h, a + m, 0f);
                java.util.Arrays.fill(re, b + h, b + m, 0f);
                java.util.Arrays.fill(im, b + h, b + m, 0f);
            }
            transform(re, im, w.wre, w.wim, m, true);
            for (int r = 0; r < rows; r++) {
                int t = Math.floorMod(r + shift, n), d = dstOff + r * dstLd + j0, z = t * m;
                int v = 0;
                for (; v < hv; v += S.length()) {
                    FloatVector.fromArray(S, re, z + v).mul(k).add(FloatVector.fromArray(S, dst, d + v)).intoArray(dst, d + v);
                }
                for (; v < h; v++) dst[d + v] += k * re[z + v];
                for (v = 0; v < hbv; v += S.length()) {
                    FloatVector.fromArray(S, im, z + v).mul(k).add(FloatVector.fromArray(S, dst, d + h + v)).intoArray(dst, d + h + v);
                }
                for (; v < hb; v++) dst[d + h + v] += k * im[z + v];
            }
        }
    }

    /** Series per transform rounded up to whole vectors (the padding series are zeros). */
    private static int roundUp(int h) {
        int l = S.length();
        return (h + l - 1) / l * l;
    }

    /**
     * The float64 reference: {@code X[f·m + v] = Σ_t x[t·m + v]·exp(∓2πi·f·t/n)} (plus: inverse,
     * unnormalised), returned as {re, im}.
     */
    public static double[][] naive(double[] re, double[] im, int n, int m, boolean inverse) {
        double[] outR = new double[n * m], outI = new double[n * m];
        double sg = inverse ? 1 : -1;
        for (int f = 0; f < n; f++) {
            for (int t = 0; t < n; t++) {
                double a = sg * 2 * Math.PI * ((long) f * t % n) / n, c = Math.cos(a), s = Math.sin(a);
                for (int v = 0; v < m; v++) {
                    outR[f * m + v] += re[t * m + v] * c - im[t * m + v] * s;
                    outI[f * m + v] += re[t * m + v] * s + im[t * m + v] * c;
                }
            }
        }
        return new double[][] {outR, outI};
    }
}
