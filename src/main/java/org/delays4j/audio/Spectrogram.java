package org.delays4j.audio;

import org.jtransforms.fft.DoubleFFT_1D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * Power spectrogram as torchaudio's {@code Spectrogram(n_fft, hop_length, window_fn=hann_window,
 * power=2, center=True, pad_mode="reflect", onesided=True, normalized=False)}, in double precision.
 *
 * <p>The signal is reflect-padded by {@code nFft/2} on each side (the edge sample is not repeated),
 * frame f starts at {@code f·hop} of the padded signal, is multiplied by the periodic Hann window
 * {@code w[n] = 0.5 − 0.5·cos(2πn/nFft)}, and {@code |FFT|²} of its first {@code nFft/2+1} bins is
 * kept. The FFT is JTransforms' {@link DoubleFFT_1D}, forced single-threaded so results do not
 * depend on its pool and it does not compete with {@link org.delays4j.core.Parallel}.
 */
public final class Spectrogram {
    static {
        // JTransforms shares one global pool; our callers parallelise over files instead.
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int nFft, hop;
    private final double[] window;
    private final ThreadLocal<DoubleFFT_1D> fft;

    /** A spectrogram with FFT size {@code nFft} (even, window length = nFft) and hop {@code hop}. */
    public Spectrogram(int nFft, int hop) {
        if (nFft < 2 || nFft % 2 != 0) throw new IllegalArgumentException("n_fft must be even and >= 2, got " + nFft);
        if (hop < 1) throw new IllegalArgumentException("hop must be >= 1, got " + hop);
        this.nFft = nFft;
        this.hop = hop;
        this.window = hannPeriodic(nFft);
        // DoubleFFT_1D keeps scratch state per instance: one per thread.
        this.fft = ThreadLocal.withInitial(() -> new DoubleFFT_1D(nFft));
    }

    /** torch.hann_window(n, periodic=True): {@code 0.5 − 0.5·cos(2πi/n)}, evaluated as torch does. */
    public static double[] hannPeriodic(int n) {
        double[] w = new double[n];
        double step = Math.PI * 2.0 / n;
        for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(i * step);
        return w;
    }

    /** Number of frequency bins, {@code nFft/2 + 1}. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of frames for {@code n} samples: {@code 1 + n / hop} (centred). */
    public int frames(int n) {
        return 1 + n / hop;
    }

    /**
     * The power spectrogram of {@code x}, frame-major: {@code [frames(n)][bins()]}.
     *
     * @throws IllegalArgumentException if {@code x} is not longer than {@code nFft/2} (reflect padding needs it)
     */
    public double[][] power(double[] x) {
        int n = x.length, pad = nFft / 2;
        if (n <= pad) throw new IllegalArgumentException("signal of " + n + " samples is too short for reflect padding of " + pad);
        int frames = frames(n), bins = bins();
        double[][] out = new double[frames][bins];
        double[] buf = new double[nFft];
        DoubleFFT_1D f = fft.get();
        for (int fr = 0; fr < frames; fr++) {
            int start = fr * hop - pad; // index in x of the frame's first sample
            for (int i = 0; i < nFft; i++) buf[i] = window[i] * x[reflect(start + i, n)];
            f.realForward(buf);
            // realForward layout: buf[0] = Re X0, buf[1] = Re X(n/2), buf[2k], buf[2k+1] = Re, Im Xk.
            double[] row = out[fr];
            row[0] = buf[0] * buf[0];
            row[bins - 1] = buf[1] * buf[1];
            for (int k = 1; k < bins - 1; k++) row[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
        }
        return out;
    }

    /** Reflect padding index ("reflect" mode: −1 → 1, n → n−2). */
    private static int reflect(int i, int n) {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }

    /**
     * The same spectrogram by a direct O(n²) DFT: the obviously-correct twin of {@link #power}
     * used by the tests.
     */
    public double[][] powerByDft(double[] x) {
        int n = x.length, pad = nFft / 2;
        if (n <= pad) throw new IllegalArgumentException("signal of " + n + " samples is too short for reflect padding of " + pad);
        int frames = frames(n), bins = bins();
        double[][] out = new double[frames][bins];
        double[] seg = new double[nFft];
        for (int fr = 0; fr < frames; fr++) {
            int start = fr * hop - pad;
            for (int i = 0; i < nFft; i++) seg[i] = window[i] * x[reflect(start + i, n)];
            for (int k = 0; k < bins; k++) {
                double re = 0, im = 0;
                for (int i = 0; i < nFft; i++) {
                    // (k·i) mod nFft keeps the angle small and exact.
                    double a = 2 * Math.PI * (((long) k * i) % nFft) / nFft;
                    re += seg[i] * Math.cos(a);
                    im -= seg[i] * Math.sin(a);
                }
                out[fr][k] = re * re + im * im;
            }
        }
        return out;
    }
}
