package org.delays4j.dcls;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * could flip a spike).
 *
 * <p>Memory: the batch is processed in equal chunks of samples whose x and gy spectra fit a budget
 * set by the heap's size ({@link #chunkBudget}); the kernel gradient's spectrum {@code (N/2+1)·2·in·out} floats (the
 * kernel's spectrum for the input gradient, in the same buffer afterwards) is summed over the
 * chunks. Buffers are reused between calls and shared by all layers: 77 MB for SHD (batch 256,
 * 700 MB heap; 116 MB in one chunk).
 * The input gradient transforms each chunk of gy again (the kernel gradient's pass is over by
 * then), unless one chunk holds the whole batch. Bins are split across threads,
 * each bin's product computed by one thread in a fixed order: bit-identical for any thread count.
 */
final class FftConv1d {
    /**
     * The spectra buffers, shared by all layers (they run one after another, so one set sized for
     * the largest layer serves all): a backward takes the set from here and puts it back; a
     * concurrent backward finds the slot empty and allocates its own. Softly held between calls,
     * so a heap that runs short reclaims them before it fails elsewhere.
     */
    private static final AtomicReference<SoftReference<float[][]>> POOL = new AtomicReference<>();
    /**
     * Set when the heap could not hold the spectra: from then on {@link #backward} declines at once
     * (the layer uses its direct paths) rather than paying a failed allocation at every call.
     */
    private static final AtomicBoolean MEMORY_SHORT = new AtomicBoolean();

    private final long chunkFloats;
    private Fft fft;
    private float[] xs, gys, kr;

    /** Chunk budget from the heap: see {@link #chunkBudget}. */
    FftConv1d() {
        this(0);
    }

    /** With a fixed budget for one chunk's spectra in floats (tests: many chunks on small shapes); 0: from the heap. */
    FftConv1d(long chunkFloats) {
        this.chunkFloats = chunkFloats;
    }

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
     * Returns false, having written nothing, when the heap cannot hold the spectra buffers (then
     * and for the rest of the run): the caller computes the gradients on its direct paths.
     */
    boolean backward(ConvShape s, float[] x, float[] gy, float[] kt, float[] gx, float[] gkt) {
        if (s.groups() != 1) throw new IllegalArgumentException("FFT gradients need groups = 1, got " + s.groups());
        if ((gx == null && gkt == null) || s.Tout() == 0 || s.B() == 0) return true;
        if (MEMORY_SHORT.get()) return false;
        int n = length(s);
        if (fft == null || fft.size() != n) fft = new Fft(n);
        int nb = fft.bins(), in = s.in(), out = s.out();
        long krFloats = (long) nb * 2 * in * out;
        int bc = chunk(s.B(), nb, Math.max(in, out), chunkFloats > 0 ? chunkFloats : chunkBudget(Runtime.getRuntime().maxMemory(), krFloats));
        SoftReference<float[][]> held = POOL.getAndSet(null);
        float[][] pool = held == null ? null : held.get();
        if (pool == null) pool = new float[][] {new float[0], new float[0], new float[0]};
        try {
            xs = pool[0] = grow(pool[0], (long) nb * bc * 2 * in);
            gys = pool[1] = grow(pool[1], (long) nb * bc * 2 * out);
            kr = pool[2] = grow(pool[2], (long) nb * 2 * in * out);
        } catch (OutOfMemoryError e) {
            // nothing written yet: drop the buffers, and the FFT path for the rest of the run
            xs = gys = kr = null;
            if (!MEMORY_SHORT.getAndSet(true)) {
                long mb = ((long) nb * bc * 2 * (in + out) + (long) nb * 2 * in * out) * Float.BYTES >> 20;
                System.err.println("delays4j: FFT gradients off for this run: the heap cannot hold their " + mb
                        + " MB of spectra (the direct paths give the same gradients; a larger heap, e.g. DELAYS4J_HEAP, is faster for wide kernels)");
            }
            return false;
        }
        try {
            if (gkt != null) kernelGrad(s, x, gy, gkt, nb, bc);
            if (gx != null) inputGrad(s, gy, kt, gx, nb, bc, gkt != null);
        } finally {
            xs = gys = kr = null;
            POOL.set(new SoftReference<>(pool));
        }
        return true;
    }

    /** Samples per chunk: equal chunks whose spectra stay under {@code budget} floats. */
    static int chunk(int B, int nb, int channels, long budget) {
        long per = (long) nb * 2 * channels;
        int max = (int) Math.max(1, Math.min(B, budget / per));
        int chunks = (B + max - 1) / max;
        return (B + chunks - 1) / chunks;
    }

    /**
     * Floats for one chunk's spectra (x or gy) given the heap's size in bytes: all three buffers
     * within an eighth of the heap (at least 4 MB per chunk buffer). For SHD at batch 256 with a
     * 700 MB heap: two chunks of 128 samples, 77 MB in all; one chunk (fastest: no second pass
     * over gy, fewer, larger products) from about 1 GB.
     */
    static long chunkBudget(long maxHeapBytes, long krFloats) {
        return Math.max(1L << 20, (maxHeapBytes / 32 - krFloats) / 2);
    }

    /** gkt += kernel gradient: R_f = Σ_b X_f·conj(GY_f) summed over sample chunks, then one inverse. */
    private void kernelGrad(ConvShape s, float[] x, float[] gy, float[] gkt, int nb, int bc) {
        int B = s.B(), in = s.in(), out = s.out(), io = in * out;
        java.util.Arrays.fill(kr, 0, nb * 2 * io, 0f);
        for (int b0 = 0; b0 < B; b0 += bc) {
            int nbc = Math.min(bc, B - b0);
            spectra(gy, s.Tout(), B, out, b0, nbc, gys);
            spectra(x, s.T(), B, in, b0, nbc, xs);
            Parallel.forRange(nb, (chunk, f0, f1) -> {
                Ops ops = Kernels.ops();
                float[] xsum = new float[nbc * in], gm = new float[nbc * out], gd = new float[nbc * out];
                float[] k1 = new float[io], k2 = new float[io], k3 = new float[io];
                for (int f = f0; f < f1; f++) {
                    // GK = Σ_b X·conj(G) with three real products (Gauss): k1 = (Xr+Xi)ᵀGr,
                    // k2 = Xrᵀ(-Gi-Gr), k3 = Xiᵀ(Gr-Gi); re += k1 - k3, im += k1 + k2
                    int xo = f * nbc * 2 * in, go = f * nbc * 2 * out, base = f * 2 * io;
                    for (int b = 0; b < nbc; b++) {
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
                    ops.gemmTN(in, out, nbc, xsum, 0, in, gys, go, 2 * out, k1, 0, out);
                    ops.gemmTN(in, out, nbc, xs, xo, 2 * in, gm, 0, out, k2, 0, out);
                    ops.gemmTN(in, out, nbc, xs, xo + in, 2 * in, gd, 0, out, k3, 0, out);
                    for (int c = 0; c < io; c++) {
                        kr[base + c] += k1[c] - k3[c];
                        kr[base + io + c] += k1[c] + k2[c];
                    }
                }
            });
        }
        int jobs = (io + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(jobs, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int c0 = j * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, io - c0);
                fft.realInverse(kr, c0, 2 * io, io, c, gkt, c0, io, s.K(), -s.padLeft(), 1f, w);
            }
        });
    }

    /** gx += input gradient, one sample chunk at a time ({@code gysReady}: gys holds the last chunk's spectra). */
    private void inputGrad(ConvShape s, float[] gy, float[] kt, float[] gx, int nb, int bc, boolean gysReady) {
        int B = s.B(), in = s.in(), out = s.out(), io = in * out;
        int jobs = (io + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(jobs, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int c0 = j * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, io - c0);
                fft.realForward(kt, c0, io, s.K(), c, kr, c0, 2 * io, io, w);
            }
        });
        for (int b0 = 0; b0 < B; b0 += bc) {
            int nbc = Math.min(bc, B - b0);
            // with one chunk, the kernel gradient has just transformed this gy
            if (!(gysReady && bc >= B)) spectra(gy, s.Tout(), B, out, b0, nbc, gys);
            Parallel.forRange(nb, (chunk, f0, f1) -> {
                Ops ops = Kernels.ops();
                float[] gsum = new float[nbc * out], kd = new float[io], ksn = new float[io];
                for (int f = f0; f < f1; f++) {
                    // GX = GY·Kᵀ with three real products (Gauss): k1 = (Gr+Gi)Krᵀ,
                    // k2 = Gr(Ki-Kr)ᵀ, k3 = Gi(Kr+Ki)ᵀ; re = k1 - k3, im = k1 + k2
                    int go = f * nbc * 2 * out, base = f * 2 * io, dst = f * nbc * 2 * in;
                    for (int b = 0; b < nbc; b++) {
                        int q = go + b * 2 * out;
                        for (int o = 0; o < out; o++) gsum[b * out + o] = gys[q + o] + gys[q + out + o];
                    }
                    for (int c = 0; c < io; c++) {
                        float re = kr[base + c], im = kr[base + io + c];
                        kd[c] = im - re;
                        ksn[c] = -re - im;
                    }
                    java.util.Arrays.fill(xs, dst, dst + nbc * 2 * in, 0f);
                    ops.gemmNT(nbc, in, out, gsum, 0, out, kr, base, out, xs, dst, 2 * in);
                    for (int b = 0; b < nbc; b++) System.arraycopy(xs, dst + b * 2 * in, xs, dst + b * 2 * in + in, in);
                    ops.gemmNT(nbc, in, out, gys, go + out, 2 * out, ksn, 0, out, xs, dst, 2 * in);
                    ops.gemmNT(nbc, in, out, gys, go, 2 * out, kd, 0, out, xs, dst + in, 2 * in);
                }
            });
            inverse(xs, s.T(), B, in, b0, nbc, s.padLeft(), gx);
        }
    }

    /**
     * Spectra [bin][nbc][re | im of C] of the real series src[t][b][c] of samples b0..b0+nbc-1,
     * t < rows (zero up to N).
     */
    private void spectra(float[] src, int rows, int B, int C, int b0, int nbc, float[] dst) {
        int per = (C + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(nbc * per, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int b = j / per, c0 = (j % per) * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, C - c0);
                fft.realForward(src, (b0 + b) * C + c0, B * C, rows, c, dst, b * 2 * C + c0, nbc * 2 * C, C, w);
            }
        });
    }

    /** dst[t][b0 + b][c] += the inverse of spec [bin][nbc][re | im of C] at index t + shift, t < rows. */
    private void inverse(float[] spec, int rows, int B, int C, int b0, int nbc, int shift, float[] dst) {
        int per = (C + 2 * Fft.BLOCK - 1) / (2 * Fft.BLOCK);
        Parallel.forRange(nbc * per, (chunk, j0, j1) -> {
            Fft.Work w = fft.work();
            for (int j = j0; j < j1; j++) {
                int b = j / per, c0 = (j % per) * 2 * Fft.BLOCK, c = Math.min(2 * Fft.BLOCK, C - c0);
                fft.realInverse(spec, b * 2 * C + c0, nbc * 2 * C, C, c, dst, (b0 + b) * C + c0, B * C, rows, shift, 1f, w);
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
