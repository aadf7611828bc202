package org.delays4j.audio;

/**
 * The ERB-rate (equivalent rectangular bandwidth) scale of Glasberg &amp; Moore (1990), on which
 * cochlear filters are spaced evenly: {@code E(f) = 21.4·log10(1 + 0.00437·f)} ERBs, and a filter
 * at {@code f} has bandwidth {@code ERB(f) = 24.7·(0.00437·f + 1)} Hz.
 */
public final class ErbScale {
    private ErbScale() {}

    /** Number of ERBs below {@code hz}. */
    public static double hzToErbRate(double hz) {
        return 21.4 * Math.log10(1 + 0.00437 * hz);
    }

    /** Inverse of {@link #hzToErbRate}. */
    public static double erbRateToHz(double erbs) {
        return (Math.pow(10, erbs / 21.4) - 1) / 0.00437;
    }

    /** Equivalent rectangular bandwidth (Hz) of the auditory filter centred at {@code hz}. */
    public static double bandwidth(double hz) {
        return 24.7 * (0.00437 * hz + 1);
    }

    /** {@code n} centre frequencies evenly spaced in ERB-rate from {@code lo} to {@code hi} Hz, ascending. */
    public static double[] centres(int n, double lo, double hi) {
        if (n < 1) throw new IllegalArgumentException("need at least one channel, got " + n);
        if (!(lo > 0 && hi > lo)) throw new IllegalArgumentException("need 0 < lo < hi, got " + lo + ", " + hi);
        double a = hzToErbRate(lo), b = hzToErbRate(hi);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = n == 1 ? lo : erbRateToHz(a + (b - a) * i / (n - 1));
        return f;
    }
}
