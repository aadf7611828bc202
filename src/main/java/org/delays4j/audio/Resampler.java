package org.delays4j.audio;

/**
 * Band-limited resampling by a rational factor with a Hann-windowed sinc kernel, the
 * {@code sinc_interpolation} method of torchaudio's {@code Resample} (torchaudio 0.13,
 * {@code _get_sinc_resample_kernel} / {@code _apply_sinc_resample_kernel}), in double precision.
 *
 * <p>With {@code g = gcd(from, to)}, {@code orig = from/g}, {@code new = to/g}: the cut-off is
 * {@code base = min(orig, new)·rolloff} (in units of the reduced rates), the half-length
 * {@code width = ceil(lowpassFilterWidth·orig/base)}, and output phase {@code p} (0 ≤ p &lt; new) uses
 * the {@code 2·width + orig} taps
 * {@code k_p[j] = sinc(π·t)·cos²(π·t/(2·lpw))·base/orig} with
 * {@code t = clamp((−p/new + (j − width)/orig)·base, −lpw, lpw)}. The input is zero-padded by
 * {@code width} on the left and {@code width + orig} on the right, correlated with stride
 * {@code orig}, phases interleaved, and cut to {@code ceil(new·N/orig)} samples.
 */
public final class Resampler {
    /** torchaudio's default {@code lowpass_filter_width}. */
    public static final int DEFAULT_LOWPASS_FILTER_WIDTH = 6;
    /** torchaudio's default {@code rolloff}. */
    public static final double DEFAULT_ROLLOFF = 0.99;

    private final int from, to, orig, up, width;
    private final double[][] kernel;

    private Resampler(int from, int to, int lowpassFilterWidth, double rolloff) {
        if (from <= 0 || to <= 0) throw new IllegalArgumentException("sample rates must be positive: " + from + " -> " + to);
        this.from = from;
        this.to = to;
        int g = gcd(from, to);
        this.orig = from / g;
        this.up = to / g;
        double base = Math.min(orig, up) * rolloff;
        this.width = (int) Math.ceil(lowpassFilterWidth * orig / base);
        int taps = 2 * width + orig;
        this.kernel = new double[up][taps];
        for (int p = 0; p < up; p++) {
            for (int j = 0; j < taps; j++) {
                // Same operation order as the reference: idx = (j - width)/orig; t = (-p/new + idx)·base.
                double t = ((double) -p / up + (double) (j - width) / orig) * base;
                t = Math.max(-lowpassFilterWidth, Math.min(lowpassFilterWidth, t));
                double c = Math.cos(t * Math.PI / lowpassFilterWidth / 2);
                double window = c * c;
                t *= Math.PI;
                double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
                kernel[p][j] = sinc * (window * (base / orig));
            }
        }
    }

    /** A resampler from {@code from} Hz to {@code to} Hz with torchaudio's defaults (width 6, rolloff 0.99). */
    public static Resampler of(int from, int to) {
        return new Resampler(from, to, DEFAULT_LOWPASS_FILTER_WIDTH, DEFAULT_ROLLOFF);
    }

    /** A resampler with explicit kernel parameters. */
    public static Resampler of(int from, int to, int lowpassFilterWidth, double rolloff) {
        if (lowpassFilterWidth < 1) throw new IllegalArgumentException("lowpass filter width must be >= 1");
        if (!(rolloff > 0 && rolloff <= 1)) throw new IllegalArgumentException("rolloff must be in (0, 1], got " + rolloff);
        return new Resampler(from, to, lowpassFilterWidth, rolloff);
    }

    /** Half-length of the kernel in input samples (torchaudio's {@code width}). */
    public int width() {
        return width;
    }

    /** The kernel of output phase {@code p} (a copy), {@code 2·width + orig} taps. */
    public double[] kernel(int p) {
        return kernel[p].clone();
    }

    /** Number of output phases ({@code to / gcd}). */
    public int phases() {
        return up;
    }

    /** Output length for {@code n} input samples: {@code ceil(new·n/orig)}. */
    public int outputLength(int n) {
        return (int) Math.ceil((double) up * n / orig);
    }

    /** Resamples {@code x}; the identity (a copy) when the two rates are equal. */
    public double[] apply(double[] x) {
        if (from == to) return x.clone();
        int n = x.length, outLen = outputLength(n), taps = 2 * width + orig;
        double[] y = new double[outLen];
        for (int o = 0; o < outLen; o++) {
            int frame = o / up, p = o % up;
            double[] k = kernel[p];
            // Padded index frame·orig + j maps to input index frame·orig + j − width.
            int start = frame * orig - width;
            int j0 = Math.max(0, -start), j1 = Math.min(taps, n - start);
            double s = 0;
            for (int j = j0; j < j1; j++) s += k[j] * x[start + j];
            y[o] = s;
        }
        return y;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
