package org.delays4j.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
import org.delays4j.util.Check;

/**
 * Audio → spikes in the spirit of the Heidelberg cochlea model behind SHD/SSC (Cramer et al.
 * 2020): {@code channels} gammatone band-pass filters on the ERB-rate scale (the basilar membrane),
 * half-wave rectification and 4th-root compression (the inner hair cell), and one leaky
 * integrate-and-fire neuron per channel with an absolute refractory period (the spike generator).
 * Channel 0 is the lowest frequency. See {@code docs/encoder.md} for the model, the calibration
 * and how it differs from the Heidelberg one.
 *
 * <p>Deterministic: the output depends only on the samples and the configuration (not on the
 * thread count or the SIMD switch: the naive and the Vector API kernels agree bit for bit).
 * Instances are immutable and thread-safe.
 */
public final class CochlearEncoder {
    /**
     * Encoder settings.
     *
     * @param channels     number of cochlear channels (SHD: 700)
     * @param fMin         centre frequency of channel 0 (Hz)
     * @param fMaxFraction centre frequency of the top channel as a fraction of the Nyquist frequency
     * @param levelDbfs    each recording is scaled so its RMS is this many dB re full scale
     *                     ({@code NaN}: keep the recorded level, louder then gives more spikes)
     * @param gain         hair-cell output → LIF input current (the LIF threshold is 1)
     * @param tauMs        LIF membrane time constant (ms)
     * @param refractoryMs absolute refractory period after a spike (ms)
     */
    public record Config(int channels, double fMin, double fMaxFraction, double levelDbfs, double gain,
                         double tauMs, double refractoryMs) {
        public Config {
            Check.that(channels >= 1 && channels <= 65535, "channels", "must be in 1..65535, got " + channels);
            Check.that(fMin > 0, "fMin", "must be positive, got " + fMin);
            Check.that(fMaxFraction > 0 && fMaxFraction < 1, "fMaxFraction", "must be in (0, 1), got " + fMaxFraction);
            Check.that(Double.isNaN(levelDbfs) || (levelDbfs <= 0 && levelDbfs > -200), "levelDbfs",
                    "must be in (-200, 0] dB re full scale, or NaN to keep the recorded level, got " + levelDbfs);
            Check.that(gain > 0 && Double.isFinite(gain), "gain", "must be a positive number, got " + gain);
            Check.that(tauMs > 0 && Double.isFinite(tauMs), "tauMs", "must be a positive number, got " + tauMs);
            Check.that(refractoryMs >= 0 && Double.isFinite(refractoryMs), "refractoryMs", "must be >= 0, got " + refractoryMs);
        }

        /**
         * 700 channels from 50 Hz to 0.9·Nyquist, level −20 dBFS, gain 5, τ 5 ms, refractory 1 ms:
         * calibrated on FSDD to a few thousand spikes per utterance, as in SHD (docs/encoder.md).
         */
        public static Config defaults() {
            return new Config(700, 50.0, 0.9, -20.0, 5.0, 5.0, 1.0);
        }

        public Config withChannels(int n) {
            return new Config(n, fMin, fMaxFraction, levelDbfs, gain, tauMs, refractoryMs);
        }

        public Config withLevelDbfs(double db) {
            return new Config(channels, fMin, fMaxFraction, db, gain, tauMs, refractoryMs);
        }

        public Config withGain(double g) {
            return new Config(channels, fMin, fMaxFraction, levelDbfs, g, tauMs, refractoryMs);
        }
    }

    private final Config config;
    private final Map<Integer, CochleaBank> banks = new ConcurrentHashMap<>();

    public CochlearEncoder(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    private CochleaBank bank(int sampleRate) {
        Check.that(config.fMin() < config.fMaxFraction() * sampleRate / 2, "fMin",
                config.fMin() + " Hz is above the top channel at a " + sampleRate + " Hz sample rate");
        return banks.computeIfAbsent(sampleRate, r -> new CochleaBank(config, r, CochleaKernels.LANES));
    }

    /** Centre frequencies (Hz, ascending) of the channels for audio at {@code sampleRate}. */
    public double[] centreFrequencies(int sampleRate) {
        return bank(sampleRate).centres.clone();
    }

    /** The samples scaled to {@link Config#levelDbfs()} RMS (unchanged if NaN or silent). */
    double[] input(Audio audio) {
        double[] x = audio.samples();
        if (Double.isNaN(config.levelDbfs())) return x;
        double ss = 0;
        for (double v : x) ss += v * v;
        if (ss == 0) return x;
        double scale = Math.pow(10, config.levelDbfs() / 20) / Math.sqrt(ss / x.length);
        for (int i = 0; i < x.length; i++) x[i] *= scale;
        return x;
    }

    /** Encodes one recording on the calling thread, with the kernels {@link Kernels} has in force. */
    public SpikeTrain encode(Audio audio) {
        return encode(audio, Kernels.vectorized());
    }

    /** Encodes with the Vector API kernel ({@code vector}) or the naive one. */
    SpikeTrain encode(Audio audio, boolean vector) {
        CochleaBank b = bank(audio.sampleRate());
        double[] x = input(audio);
        SpikeBuffer out = new SpikeBuffer(b.padded);
        if (vector) CochleaKernels.run(b, x, 0, b.padded, out);
        else CochleaNaive.run(b, x, 0, b.channels, out);
        return out.toTrain(b.sampleRate, b.channels, audio.seconds());
    }

    /** The basilar-membrane output of channel {@code ch} (after level scaling), for inspection. */
    public double[] basilarMembrane(Audio audio, int ch) {
        CochleaBank b = bank(audio.sampleRate());
        Check.that(ch >= 0 && ch < b.channels, "channel", "must be in 0.." + (b.channels - 1) + ", got " + ch);
        return CochleaNaive.basilarMembrane(b, input(audio), ch);
    }

    /** A source of recordings by index (for example, WAV files read on demand). */
    @FunctionalInterface
    public interface Source {
        Audio get(int i);
    }

    /**
     * Encodes {@code n} recordings in parallel over recordings ({@link Parallel#forRange}); the
     * result does not depend on the thread count. {@code progress} (may be null) is called after
     * each recording, from the worker threads.
     */
    public SpikeTrain[] encodeAll(int n, Source source, Progress progress) {
        SpikeTrain[] out = new SpikeTrain[n];
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = encode(source.get(i));
                if (progress != null) progress.done(finished.incrementAndGet(), n);
            }
        });
        return out;
    }
}
