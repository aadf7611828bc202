package org.delays4j.dcls;

import java.util.concurrent.atomic.AtomicReference;
import org.delays4j.core.Fft;
import org.delays4j.core.Kernels;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;

/**
 * The gradients of a wide kernel through the Fourier domain (groups = 1). Both are K-tap
 * correlations along time: with {@code c = gy ⊛ k} the linear convolution,
 * {@code gx[t,b,i] = c[t + padL]} and {@code gk[n,i,o] = Σ_b Σ_t x[t,b,i]·gy[t + padL - n,b,o]}.
 * On a DFT of length {@code N ≥ T + max(padL, padR)} (then no wrapped term reaches a wanted
 * index; see {@link #length}) each becomes, per frequency bin f, one complex matrix product:
 * {@code GX_f[b,i] = Σ_o GY_f[b,o]·K_f[i,o]} and {@code GK_f[i,o] = Σ_b X_f[b,i]·conj(GY_f[b,o])},
 * read back at index {@code t + padL} and {@code n - padL} (mod N) of the inverse transforms.
 *
 * <p>Each complex product is three real products on the compute core ({@link Kernels#ops()};
 * Gauss's trick: {@code (a+ib)(c+id)} from {@code c(a+b)}, {@code a(d-c)}, {@code b(c+d)}), with
 * the spectra stored {@code [bin][B][re | im]} (real parts of all channels, then imaginary) so
 * that each part is a strided matrix. For N ≈ 1.2·T that is 3·(N/2+1)·B·in·out multiply-adds per
 * gradient instead of K·Tout·B·in·out: 7-10× fewer at K = 25, independent of σ and input density. The transforms ({@link Fft}, real series in pairs)
 * cost O((B·in + B·out + in·out)·N·log N).
 *
 * <p>Error: float32 rounding of the transforms and sums, about {@code log N · 2⁻²⁴} of the
 * gradients' norm (measured ≲ 1e-6 relative), spread over all entries rather than per entry, so
 * used for gradients only; the forward pass never goes through here (a rounding change there
 * could flip a spike). Three spectra buffers of {@code (N/2+1)·B·2in}, {@code (N/2+1)·B·2out}
 * and {@code (N/2+1)·2·in·out} floats are reused between calls and shared by all layers (110 MB
 * for SHD's 256→256 layer at batch 256). Bins are split across threads,
 * each bin's product computed by one thread in a fixed order: bit-identical for any thread count.
 */
final class FftConv1d {
    /**
     * The spectra buffers, shared by all layers (they run one after another, so one set sized for
     * the largest layer serves all): a backward takes the set from here and puts it back; a
     * concurrent backward finds the slot empty and allocates its own.
     */
    private static final AtomicReference<float[][]> POOL = new AtomicReference<>();

    private Fft fft;
    private float[] xs, gys, kr;

    /** The transform length for a shape: the smallest 2^a·3^b·5^c ≥ T + max(padL, padR) (and ≥ Tout, K). */
    static int length(ConvShape s) {
        int padR = s.Tout() + s.K() - 1 - s.T() - s.padLeft();
        return Fft.goodLength(Math.max(Math.max(s.T() + Math.max(s.padLeft(), padR), s.Tout()), s.K()));
    }

    /** Multiply-adds of the per-bin complex products of one gradient (3 real products per bin). */
    static long productMacs(ConvShape s) {
        return 3L * (length(s) / 2 + 1) * s.B() * s.in() * s.out();
    }

    /**
     * Adds the input gradient to {@code gx} [T][B][in] and the kernel gradient to {@code gkt}
     * [K][in][out] (tap-major, as {@link KernelBuffers#gradBuffer()}); either may be null to skip
     * it. {@code x} is needed only for the kernel gradient, {@code kt} only for the input gradient.
     */
    void backward(ConvShape s, float[] x, float[] gy, float[] kt, float[] gx, float[] gkt) {
        if (s.groups() != 1) throw new IllegalArgumentException("FFT gradients need groups = 1, got " + s.groups());
        if ((gx == null && gkt == null) || s.Tout() == 0 || s.B() == 0) return;
        int n = length(s);
        if (fft == null || fft.size() != n) fft = new Fft(n);
        int nb = fft.bins(), B = s.B(), in = s.in(), out = s.out(), io = in * out;
        float[][] pool = POOL.getAndSet(null);
        if (pool == null) pool = new float[][] {new float[0], new float[0], new float[0]};
        xs = pool[0] = grow(pool[0], (long) nb * B * 2 * in);
        gys = pool[1] = grow(pool[1], (long) nb * B * 2 * out);
        kr = pool[2] = grow(pool[2], (long) nb * 2 * io);
        try {
            run(s, x, gy, kt, gx, gkt, nb);
        } finally {
            xs = gys = kr = null;
            POOL.set(pool);
        }
    }

    private void run(ConvShape s, float[] x, float[] gy, float[] kt, float[] gx, float[] gkt, int nb) {
        int B = s.B(), in = s.in(), out = s.out(), io = in * out;
        spectra(gy, s.Tout(), B, out, gys);
        if (gkt != null) {
            spectra(x, s.T(), B, in, xs);
            Parallel.forRange(nb, (chunk, f0, f1) -> {
                Ops ops = Kernels.ops();
                float[] xsum = new float[B * in], gm = new float[B * out], gd = new float[B * out];
                float[] k1 = new float[io], k2 = new float[io], k3 = new float[io];
                for (int f = f0; f < f1; f++) {
                    // GK = Σ_b X·conj(G) with three real products (Gauss): k1 = (Xr+Xi)ᵀGr,
                    // k2 = Xrᵀ(-Gi-Gr), k3 = Xiᵀ(Gr-Gi); re = k1 - k3, im = k1 + k2
                    int xo = f * B * 2 * in, go = f * B * 2 * out, base = f * 2 * io;
                    for (int b = 0; b < B; b++) {
                        int r = xo + b * 2 * in;
                        for (int i = 0; i < in; i++) xsum[b * in + i] = xs[r + i] + xs[r + in + i];
                        int q = go + b * 2 * out;
                        for (int o = 0; o < out; o++) {
                            float gr = gys[q + o], gi = gys[q + out + o];
                            gm[b * out + o] = -gi - gr;
                            gd[b * out + o] = gr - gi;
                        }
                    }
                    java.util.Arrays.fill(k1, 0f);
                    java.util.Arrays.fill(k2, 0f);
                    java.util.Arrays.fill(k3, 0f);
                    ops.gemmTN(in, out, B, xsum, 0, in, gys, go, 2 * out, k1, 0, out);
                    ops.gemmTN(in, out, B, xs, xo, 2 * in, gm, 0, out, k2, 0, out);
                    ops.gemmTN(in, out, B, xs, xo + in, 2 * in, gd, 0, out, k3, 0, out);
                    for (int c = 0; c < io; c++) {
                        kr[base + c] = k1[c] - k3[c];
                        kr[base + io + c] = k1[c] + k2[c];
                    }
                }
            });
            int jobs = (io + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
            Parallel.forRange(jobs, (chunk, j0, j1) -> {
                Fft.Work w = fft.work();
                for (int j = j0; j < j1; j++) {
                    int c0 = j * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, io - c0);
                    fft.realInverse(kr, c0, 2 * io, io, c, gkt, c0, io, s.K(), -s.padLeft(), 1f, w);
                }
            });
        }
        if (gx != null) {
            int jobs = (io + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
            Parallel.forRange(jobs, (chunk, j0, j1) -> {
                Fft.Work w = fft.work();
                for (int j = j0; j < j1; j++) {
                    int c0 = j * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, io - c0);
                    fft.realForward(kt, c0, io, s.K(), c, kr, c0, 2 * io, io, w);
                }
            });
            Parallel.forRange(nb, (chunk, f0, f1) -> {
                Ops ops = Kernels.ops();
                float[] gsum = new float[B * out], kd = new float[io], ksn = new float[io];
                for (int f = f0; f < f1; f++) {
                    // GX = GY·Kᵀ with three real products (Gauss): k1 = (Gr+Gi)Krᵀ,
                    // k2 = Gr(Ki-Kr)ᵀ, k3 = Gi(Kr+Ki)ᵀ; re = k1 - k3, im = k1 + k2
                    int go = f * B * 2 * out, base = f * 2 * io, dst = f * B * 2 * in;
                    for (int b = 0; b < B; b++) {
                        int q = go + b * 2 * out;
                        for (int o = 0; o < out; o++) gsum[b * out + o] = gys[q + o] + gys[q + out + o];
                    }
                    for (int c = 0; c < io; c++) {
                        float re = kr[base + c], im = kr[base + io + c];
                        kd[c] = im - re;
                        ksn[c] = -re - im;
                    }
                    java.util.Arrays.fill(xs, dst, dst + B * 2 * in, 0f);
                    ops.gemmNT(B, in, out, gsum, 0, out, kr, base, out, xs, dst, 2 * in);
                    for (int b = 0; b < B; b++) System.arraycopy(xs, dst + b * 2 * in, xs, dst + b * 2 * in + in, in);
                    ops.gemmNT(B, in, out, gys, go + out, 2 * out, ksn, 0, out, xs, dst, 2 * in);
                    ops.gemmNT(B, in, out, gys, go, 2 * out, kd, 0, out, xs, dst + in, 2 * in);
                }
            });
            inverse(xs, s.T(), B, in, s.padLeft(), gx);
        }
    }

    /** Spectra [bin][B][re | im of C] of the real series src[t][b][c], t < rows (zero up to N). */
    private void spectra(float[] src, int rows, int B, int C, float[] dst) {
        int per = (C + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(B * per, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int b = j / per, c0 = (j % per) * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, C - c0);
                fft.realForward(src, b * C + c0, B * C, rows, c, dst, b * 2 * C + c0, B * 2 * C, C, w);
            }
        });
    }

    /** dst[t][b][c] += the inverse of spec [bin][B][re | im of C] at index t + shift, t < rows. */
    private void inverse(float[] spec, int rows, int B, int C, int shift, float[] dst) {
        int per = (C + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(B * per, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int b = j / per, c0 = (j % per) * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, C - c0);
                fft.realInverse(spec, b * 2 * C + c0, B * 2 * C, C, c, dst, b * C + c0, B * C, rows, shift, 1f, w);
            }
        });
    }

    private static float[] grow(float[] a, long size) {
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("FFT spectra too large: " + size + " floats");
        return a.length >= size ? a : new float[(int) size];
    }

    /** The float64 twin: both gradients of one shape by the direct sums (tests). */
    static void naive(ConvShape s, double[] x, double[] gy, double[] kt, double[] gx, double[] gkt) {
        int B = s.B(), in = s.in(), out = s.out();
        for (int n = 0; n < s.K(); n++) {
            for (int u = 0; u < s.Tout(); u++) {
                int t = u + n - s.padLeft();
                if (t < 0 || t >= s.T()) continue;
                for (int b = 0; b < B; b++) {
                    for (int i = 0; i < in; i++) {
                        double xv = x[(t * B + b) * in + i], acc = 0;
                        for (int o = 0; o < out; o++) {
                            double g = gy[(u * B + b) * out + o];
                            acc += g * kt[(n * in + i) * out + o];
                            gkt[(n * in + i) * out + o] += xv * g;
                        }
                        gx[(t * B + b) * in + i] += acc;
                    }
                }
            }
        }
    }
}
