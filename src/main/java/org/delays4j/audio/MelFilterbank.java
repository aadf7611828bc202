package org.delays4j.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Triangular mel filterbank on the HTK mel scale, as torchaudio's {@code melscale_fbanks(n_freqs,
 * f_min, f_max, n_mels, sample_rate, norm=None, mel_scale="htk")}, in double precision.
 *
 * <p>{@code mel(f) = 2595·log10(1 + f/700)}; {@code n_mels + 2} points equally spaced in mel between
 * {@code mel(f_min)} and {@code mel(f_max)} are mapped back to Hz ({@code f_pts}); filter m rises
 * from {@code f_pts[m]} to {@code f_pts[m+1]} and falls to {@code f_pts[m+2]}, evaluated at the FFT
 * bin frequencies {@code linspace(0, sample_rate // 2, n_freqs)}. Nothing stops {@code f_max} from
 * exceeding the Nyquist frequency: filters lying wholly above it are then all zero (the
 * reference's GSC setting, f_max 14 kHz at 8 kHz, has 53 such filters; see docs/features.md).
 */
public final class MelFilterbank {
    private final double[][] fb; // [nFreqs][nMels]
    /** Per bin, the filters with a non-zero weight are {@code [first[k], end[k])}: the bank is sparse. */
    private final int[] first, end;

    private MelFilterbank(double[][] fb) {
        this.fb = fb;
        this.first = new int[fb.length];
        this.end = new int[fb.length];
        for (int k = 0; k < fb.length; k++) {
            int a = 0, b = fb[k].length;
            while (a < b && fb[k][a] == 0) a++;
            while (b > a && fb[k][b - 1] == 0) b--;
            first[k] = a;
            end[k] = b;
        }
    }

    /** HTK mel value of {@code hz}. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Inverse of {@link #hzToMel}. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** {@code torch.linspace}'s values: the first half stepped from {@code start}, the second from {@code end}. */
    public static double[] linspace(double start, double end, int steps) {
        double[] v = new double[steps];
        if (steps == 1) {
            v[0] = start;
            return v;
        }
        double step = (end - start) / (steps - 1);
        int half = steps / 2;
        for (int i = 0; i < steps; i++) v[i] = i < half ? start + step * i : end - step * (steps - i - 1);
        return v;
    }

    /** The HTK filterbank for {@code nFreqs} bins of a {@code sampleRate} signal. */
    public static MelFilterbank htk(int nFreqs, int nMels, int sampleRate, double fMin, double fMax) {
        if (nFreqs < 2 || nMels < 1) throw new IllegalArgumentException("need n_freqs >= 2 and n_mels >= 1");
        if (!(fMin >= 0 && fMax > fMin)) throw new IllegalArgumentException("need 0 <= f_min < f_max, got " + fMin + ", " + fMax);
        double[] freqs = linspace(0, sampleRate / 2, nFreqs); // integer division, as sample_rate // 2
        double[] m = linspace(hzToMel(fMin), hzToMel(fMax), nMels + 2);
        double[] f = new double[m.length];
        for (int i = 0; i < m.length; i++) f[i] = melToHz(m[i]);
        double[][] fb = new double[nFreqs][nMels];
        for (int k = 0; k < nFreqs; k++) {
            for (int j = 0; j < nMels; j++) {
                double down = (-1.0 * (f[j] - freqs[k])) / (f[j + 1] - f[j]);
                double up = (f[j + 2] - freqs[k]) / (f[j + 2] - f[j + 1]);
                fb[k][j] = Math.max(0.0, Math.min(down, up));
            }
        }
        return new MelFilterbank(fb);
    }

    public int freqs() {
        return fb.length;
    }

    public int mels() {
        return fb[0].length;
    }

    /** Weight of FFT bin k in filter m. */
    public double weight(int k, int m) {
        return fb[k][m];
    }

    /** Indices of the filters whose weights are all zero (no FFT bin falls inside them). */
    public List<Integer> allZeroFilters() {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < mels(); j++) {
            boolean zero = true;
            for (double[] row : fb) zero &= row[j] == 0;
            if (zero) out.add(j);
        }
        return out;
    }

    /**
     * Applies the bank to one frame's power spectrum: {@code mel[m] = Σ_k power[k]·fb[k][m]}, summed
     * over k in order. Only each bin's non-zero weights are visited (a finite power times a zero
     * weight adds exactly nothing, so the result is the same as the dense sum).
     */
    public double[] apply(double[] power) {
        if (power.length != fb.length) throw new IllegalArgumentException("spectrum has " + power.length + " bins, bank expects " + fb.length);
        double[] mel = new double[mels()];
        for (int k = 0; k < fb.length; k++) {
            double p = power[k];
            double[] row = fb[k];
            for (int j = first[k]; j < end[k]; j++) mel[j] += p * row[j];
        }
        return mel;
    }

    /** The dense sum over every weight: the obviously-correct twin of {@link #apply}, for tests. */
    double[] applyDense(double[] power) {
        double[] mel = new double[mels()];
        for (int k = 0; k < fb.length; k++) {
            for (int j = 0; j < mel.length; j++) mel[j] += power[k] * fb[k][j];
        }
        return mel;
    }
}
