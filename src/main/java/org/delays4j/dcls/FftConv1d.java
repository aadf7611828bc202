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
 * <p>Each complex product is one real product of twice the size on the compute core
 * ({@link Kernels#ops()}): the spectra are stored {@code [bin][B][re | im]} (real parts of all
 * channels, then imaginary), so {@code [Xr | Xi]ᵀ·[Gr | Gi]} holds the four real blocks of the
 * kernel gradient and {@code [Gr | Gi]·[[Kr, -Ki], [Ki, Kr]]ᵀ} the input gradient. For N ≈ 1.2·T
 * that is 4·(N/2+1)·B·in·out multiply-adds per gradient instead of K·Tout·B·in·out: 5-8× fewer at
 * K = 25, independent of σ and input density. The transforms ({@link Fft}, real series in pairs)
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

    /** Multiply-adds of the per-bin complex products of one gradient (4 real products per bin). */
    static long productMacs(ConvShape s) {
        return 4L * (length(s) / 2 + 1) * s.B() * s.in() * s.out();
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
                float[] p = new float[4 * io];
                for (int f = f0; f < f1; f++) {
                    java.util.Arrays.fill(p, 0f);
                    // P = [Xr | Xi]ᵀ·[Gr | Gi]; GK = X·conj(G): re = Pr,r + Pi,i, im = Pi,r - Pr,i
                    ops.gemmTN(2 * in, 2 * out, B, xs, f * B * 2 * in, 2 * in, gys, f * B * 2 * out, 2 * out, p, 0, 2 * out);
                    int base = f * 2 * io;
                    for (int i = 0; i < in; i++) {
                        int rr = i * 2 * out, ri = (in + i) * 2 * out;
                        for (int o = 0; o < out; o++) {
                            kr[base + i * out + o] = p[rr + o] + p[ri + out + o];
                            kr[base + io + i * out + o] = p[ri + o] - p[rr + out + o];
                        }
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
                float[] kb = new float[4 * io];
                for (int f = f0; f < f1; f++) {
                    int base = f * 2 * io;
                    // rows i: [Kr, -Ki], rows in+i: [Ki, Kr] (columns o, then out+o)
                    for (int i = 0; i < in; i++) {
                        int rr = i * 2 * out, ri = (in + i) * 2 * out;
                        for (int o = 0; o < out; o++) {
                            float re = kr[base + i * out + o], im = kr[base + io + i * out + o];
                            kb[rr + o] = re;
                            kb[rr + out + o] = -im;
                            kb[ri + o] = im;
                            kb[ri + out + o] = re;
                        }
                    }
                    int dst = f * B * 2 * in;
                    java.util.Arrays.fill(xs, dst, dst + B * 2 * in, 0f);
                    ops.gemmNT(B, 2 * in, 2 * out, gys, f * B * 2 * out, 2 * out, kb, 0, 2 * out, xs, dst, 2 * in);
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
