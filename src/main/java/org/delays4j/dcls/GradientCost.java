package org.delays4j.dcls;

/**
 * Estimated cost of each way to compute a layer's two gradients, in units of one multiply-add of
 * the dense path, for {@link FftMode#AUTO}. The factors were fitted to single-thread timings of
 * the kernels on the SHD layer shapes (140→256, 256→256, 256→20 at batch 256, K = 25, σ 0.23 and
 * 12, input density 0.1 and 0.2; the narrow factor re-measured after the 7-vector narrow pass; see
 * docs/fft.md); the choice only has to be right where the
 * paths differ by more than the fit's error (about ±30 %).
 */
final class GradientCost {
    /** A multiply-add of the per-bin complex products, relative to a dense one (larger, better-shaped products). */
    static final double FFT_PRODUCT = 0.8;
    /** One real series · N·log2(N) of the transforms (pack, butterflies, unpack). */
    static final double FFT_TRANSFORM = 12;
    /** One (kept entry, sample, output step) of the narrow input gradient. */
    static final double NARROW = 1.2;
    /** One (non-zero input, tap, output + 80) of the sparse kernel gradient (the 80: per-event overhead). */
    static final double SPARSE = 4;
    /** One (non-zero input, window tap, output + 11) of the snippet kernel gradient. */
    static final double SNIPPET = 5.5;

    private GradientCost() {}

    static double dense(ConvShape s) {
        return s.denseMacs();
    }

    /** The narrow input gradient over {@code entries} kept entries, {@code keepFraction} of the columns computed. */
    static double narrowInputGrad(ConvShape s, long entries, double keepFraction) {
        return NARROW * entries * s.B() * s.T() * keepFraction;
    }

    static double sparseKernelGrad(ConvShape s, long nnz) {
        return SPARSE * nnz * s.K() * (s.outG() + 80.0);
    }

    static double snippetKernelGrad(ConvShape s, long nnz) {
        return SNIPPET * nnz * Snippets.WIDTH * (s.outG() + 11.0);
    }

    /** The FFT path computing the input gradient ({@code gx}), the kernel gradient ({@code gk}) or both. */
    static double fft(ConvShape s, boolean gx, boolean gk) {
        if (!gx && !gk) return 0;
        int n = FftConv1d.length(s);
        double perSeries = n * Math.log(Math.max(2, n)) / Math.log(2);
        long series = (long) s.B() * s.out();                              // gy, shared
        if (gk) series += (long) s.B() * s.in() + (long) s.in() * s.out(); // x forward, gk inverse
        if (gx) series += (long) s.in() * s.out() + (long) s.B() * s.in(); // kernel forward, gx inverse
        int products = (gx ? 1 : 0) + (gk ? 1 : 0);
        return FFT_PRODUCT * products * FftConv1d.productMacs(s) + FFT_TRANSFORM * series * perSeries;
    }

    /**
     * Which gradients to take through the FFT, {gx, gk}, given the cost of each on its current
     * path ({@code curX}, {@code curK}; ignored when that gradient is not wanted).
     */
    static boolean[] choose(ConvShape s, boolean wantX, boolean wantK, double curX, double curK) {
        double best = (wantX ? curX : 0) + (wantK ? curK : 0);
        boolean[] pick = {false, false};
        for (int m = 1; m < 4; m++) {
            boolean fx = (m & 1) != 0, fk = (m & 2) != 0;
            if ((fx && !wantX) || (fk && !wantK)) continue;
            double c = fft(s, fx, fk) + (wantX && !fx ? curX : 0) + (wantK && !fk ? curK : 0);
            if (c < best) {
                best = c;
                pick = new boolean[] {fx, fk};
            }
        }
        return pick;
    }
}
