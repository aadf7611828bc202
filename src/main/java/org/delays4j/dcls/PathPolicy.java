package org.delays4j.dcls;

import org.delays4j.util.Check;

/**
 * When {@link ExecPath#AUTO} leaves the dense path, and how much the narrow paths may drop.
 *
 * @param sparseDensity  with a wide kernel, the input counts as sparse (path {@code sparse}) when
 *                       its fraction of non-zero values is at most this
 * @param windowDensity  with a narrow kernel, the input counts as sparse (path {@code sparse-narrow})
 *                       when its fraction of non-zero values is at most this
 * @param trainWindowDensity the same bound for a training forward when the narrow kernel fits one
 *                       8-tap window per synapse: the window kernel gradient then replaces the
 *                       dense one (~2.5× cheaper at 30 % input density on the SHD shapes), which
 *                       outweighs a slower forward up to ~60 % density
 * @param narrowFraction the kernel counts as narrow when the fraction of kept (tap, in, out)
 *                       entries is at most this
 * @param tapTolerance   a kernel entry is dropped by the narrow paths when
 *                       {@code |kernel[o,i,n]| ≤ tapTolerance · Σ_j |W[o,i,j]|}; the default
 *                       2⁻²⁴ (half a float32 ulp of the synapse's weight) changes nothing beyond
 *                       float32 rounding
 * @param fft            whether the backward pass may compute its gradients through the Fourier
 *                       domain ({@link FftMode}; default from {@code -Ddelays4j.fft} /
 *                       {@code DELAYS4J_FFT}, else auto)
 */
public record PathPolicy(double sparseDensity, double windowDensity, double trainWindowDensity, double narrowFraction,
                         double tapTolerance, FftMode fft) {
    /** Defaults from the SHD layer shapes at batch 256 (see docs/dcls.md). */
    public static final PathPolicy DEFAULT = new PathPolicy(0.1, 0.2, 0.5, 0.5, 0x1p-24, FftMode.fromEnvironment());

    public PathPolicy {
        Check.that(sparseDensity >= 0 && sparseDensity <= 1, "dcls.sparse_density", "must be in [0, 1], got " + sparseDensity);
        Check.that(windowDensity >= 0 && windowDensity <= 1, "dcls.window_density", "must be in [0, 1], got " + windowDensity);
        Check.that(trainWindowDensity >= 0 && trainWindowDensity <= 1, "dcls.train_window_density",
                "must be in [0, 1], got " + trainWindowDensity);
        Check.that(narrowFraction >= 0 && narrowFraction <= 1, "dcls.narrow_fraction", "must be in [0, 1], got " + narrowFraction);
        Check.that(tapTolerance >= 0 && tapTolerance < 1, "dcls.tap_tolerance", "must be in [0, 1), got " + tapTolerance);
        Check.that(fft != null, "dcls.fft", "missing; use one of auto, on, off");
    }

    public PathPolicy withTapTolerance(double t) {
        return new PathPolicy(sparseDensity, windowDensity, trainWindowDensity, narrowFraction, t, fft);
    }

    public PathPolicy withFft(FftMode m) {
        return new PathPolicy(sparseDensity, windowDensity, trainWindowDensity, narrowFraction, tapTolerance, m);
    }
}
