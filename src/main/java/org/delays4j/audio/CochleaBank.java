package org.delays4j.audio;

/**
 * Per-channel coefficients of the cochlear model at one sample rate, shared by the naive and the
 * Vector API kernels. Arrays are padded to {@code padded} channels with zero coefficients: padded
 * channels stay at rest and never spike.
 *
 * <p>Gammatone (Hohmann 2002): pole {@code a = λ·e^{iω}} with {@code λ = exp(−2π·1.019·ERB(fc)/fs)},
 * {@code ω = 2π·fc/fs}; four cascaded one-pole complex stages {@code y ← a·y + g·in}, with
 * {@code g = 1 − λ} per stage and the basilar-membrane output {@code 2·Re(y₄)} (unit gain at fc).
 */
final class CochleaBank {
    /** Gammatone order (cascaded complex one-pole stages). */
    static final int ORDER = 4;
    /** Bandwidth factor of a 4th-order gammatone relative to the ERB. */
    static final double BANDWIDTH_FACTOR = 1.019;

    final int channels, padded, sampleRate, refractorySteps;
    final double[] centres, ar, ai, nai, g;
    /** LIF decay per step {@code exp(−dt/τ)}, input weight {@code (1 − decay)·gain}, threshold. */
    final double decay, weight, threshold;

    CochleaBank(CochlearEncoder.Config c, int sampleRate, int lanes) {
        this.channels = c.channels();
        this.sampleRate = sampleRate;
        this.padded = (channels + lanes - 1) / lanes * lanes;
        double nyquist = sampleRate / 2.0;
        this.centres = ErbScale.centres(channels, c.fMin(), c.fMaxFraction() * nyquist);
        this.ar = new double[padded];
        this.ai = new double[padded];
        this.nai = new double[padded];
        this.g = new double[padded];
        for (int ch = 0; ch < channels; ch++) {
            double fc = centres[ch];
            double lambda = Math.exp(-2 * Math.PI * BANDWIDTH_FACTOR * ErbScale.bandwidth(fc) / sampleRate);
            double w = 2 * Math.PI * fc / sampleRate;
            ar[ch] = lambda * Math.cos(w);
            ai[ch] = lambda * Math.sin(w);
            nai[ch] = -ai[ch];
            g[ch] = 1 - lambda;
        }
        double dt = 1.0 / sampleRate;
        this.decay = Math.exp(-dt / (c.tauMs() / 1000));
        this.weight = (1 - decay) * c.gain();
        this.threshold = 1.0;
        this.refractorySteps = (int) Math.round(c.refractoryMs() / 1000 * sampleRate);
    }
}
