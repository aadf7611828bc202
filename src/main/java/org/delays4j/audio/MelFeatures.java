package org.delays4j.audio;

import org.delays4j.util.Check;

/**
 * The log-mel feature pipeline of the reference's Google Speech Commands set (SNN-delays
 * {@code build_transform(is_train=False)} + {@code PadOrTruncate}), computed in double precision:
 *
 * <ol>
 *   <li>(audio at another rate than {@link Config#inputRate()}: resampled to it first, e.g. FSDD
 *       8 → 16 kHz; not part of the reference, it is how 8 kHz audio enters the same pipeline);</li>
 *   <li>pad with zeros on the right, or cut, to {@link Config#length()} samples;</li>
 *   <li>resample {@code inputRate → featureRate} ({@link Resampler}, torchaudio's windowed sinc);</li>
 *   <li>Hann power spectrogram ({@link Spectrogram}, n_fft, hop, centred, reflect);</li>
 *   <li>HTK mel bank ({@link MelFilterbank});</li>
 *   <li>{@code 10·log10(max(x, amin))} dB.</li>
 * </ol>
 *
 * The output is frame-major {@code [frames][nMels]} (101 × 140 for GSC). Instances are immutable
 * and safe to share between threads.
 */
public final class MelFeatures {
    /**
     * Pipeline settings.
     *
     * @param inputRate   rate the pad/cut step works at (Hz); other audio is resampled to it first
     * @param length      samples after pad/cut, at {@code inputRate}
     * @param featureRate rate of the spectrogram (Hz)
     * @param nFft        FFT size = window length
     * @param hop         hop length in samples at {@code featureRate}
     * @param nMels       number of mel filters
     * @param fMin        lowest mel edge (Hz)
     * @param fMax        highest mel edge (Hz; may exceed the Nyquist frequency, as in the reference)
     * @param amin        floor before the logarithm
     */
    public record Config(int inputRate, int length, int featureRate, int nFft, int hop, int nMels,
                         double fMin, double fMax, double amin) {
        public Config {
            Check.that(inputRate > 0 && featureRate > 0, "sample rate", "must be positive");
            Check.that(length > nFft, "length", "must exceed n_fft (" + nFft + "), got " + length);
            Check.that(nFft >= 2 && nFft % 2 == 0, "n_fft", "must be even and >= 2, got " + nFft);
            Check.that(hop >= 1, "hop", "must be >= 1, got " + hop);
            Check.that(nMels >= 1, "n_mels", "must be >= 1, got " + nMels);
            Check.that(fMin >= 0 && fMax > fMin, "f_min/f_max", "need 0 <= f_min < f_max, got " + fMin + ", " + fMax);
            Check.that(amin > 0, "amin", "must be positive, got " + amin);
        }

        /** The reference's GSC setting: 1 s at 16 kHz → 8 kHz, n_fft 256, hop 80, 140 mels, 50 Hz-14 kHz. */
        public static Config gsc() {
            return new Config(16000, 16000, 8000, 256, 80, 140, 50.0, 14000.0, 1e-10);
        }

        /**
         * The GSC setting applied directly at 8 kHz (no 16 kHz round trip): pad/cut to 8000 samples,
         * no resampling; same spectrogram and mel bank. Close to, not equal to, {@link #gsc()} on
         * 8 kHz audio (the round trip low-passes at 0.99·4 kHz).
         */
        public static Config direct8k() {
            return new Config(8000, 8000, 8000, 256, 80, 140, 50.0, 14000.0, 1e-10);
        }

        /** Frames per sample: {@code 1 + samplesAtFeatureRate / hop}. */
        public int frames() {
            int n = (int) Math.ceil((double) length * featureRate / inputRate);
            return 1 + n / hop;
        }
    }

    private final Config config;
    private final Resampler down;
    private final Spectrogram spectrogram;
    private final MelFilterbank bank;

    public MelFeatures(Config config) {
        this.config = config;
        this.down = Resampler.of(config.inputRate(), config.featureRate());
        this.spectrogram = new Spectrogram(config.nFft(), config.hop());
        this.bank = MelFilterbank.htk(config.nFft() / 2 + 1, config.nMels(), config.featureRate(), config.fMin(), config.fMax());
    }

    public Config config() {
        return config;
    }

    /** The mel filterbank in use. */
    public MelFilterbank filterbank() {
        return bank;
    }

    /** Frames per sample. */
    public int frames() {
        return config.frames();
    }

    /** Values per frame ({@code nMels}). */
    public int channels() {
        return config.nMels();
    }

    /**
     * Step 1, the reference's {@code PadOrTruncate}: zeros appended on the right up to
     * {@link Config#length()}, or the first {@code length} samples kept.
     */
    public double[] padOrTruncate(double[] x) {
        double[] y = new double[config.length()];
        System.arraycopy(x, 0, y, 0, Math.min(x.length, y.length));
        return y;
    }

    /** Step 2: resampling from {@code inputRate} to {@code featureRate}. */
    public double[] resample(double[] x) {
        return down.apply(x);
    }

    /** Step 3: power spectrogram, {@code [frames][nFft/2+1]}. */
    public double[][] power(double[] x) {
        return spectrogram.power(x);
    }

    /** Step 4: mel spectrogram, {@code [frames][nMels]}. */
    public double[][] mel(double[][] power) {
        double[][] out = new double[power.length][];
        for (int f = 0; f < power.length; f++) out[f] = bank.apply(power[f]);
        return out;
    }

    /** Step 5: {@code 10·log10(max(x, amin))} (reference value 1, so no offset), in place. */
    public double[][] toDb(double[][] mel) {
        for (double[] row : mel) {
            for (int j = 0; j < row.length; j++) row[j] = 10.0 * Math.log10(Math.max(row[j], config.amin()));
        }
        return mel;
    }

    /** The whole pipeline on samples at {@code inputRate}: dB features {@code [frames][nMels]}. */
    public double[][] compute(double[] samplesAtInputRate) {
        return toDb(mel(power(resample(padOrTruncate(samplesAtInputRate)))));
    }

    /**
     * The whole pipeline on a recording at any rate: resampled to {@code inputRate} first when it
     * differs (torchaudio's sinc resampler, as the golden FSDD cases do 8 → 16 kHz).
     */
    public double[][] compute(Audio audio) {
        double[] x = audio.samples();
        if (audio.sampleRate() != config.inputRate()) x = Resampler.of(audio.sampleRate(), config.inputRate()).apply(x);
        return compute(x);
    }

    /** {@link #compute(Audio)} as float32, frame-major flat {@code [frames·nMels]}. */
    public float[] computeFloat(Audio audio) {
        double[][] db = compute(audio);
        int m = config.nMels();
        float[] out = new float[db.length * m];
        for (int f = 0; f < db.length; f++) {
            for (int j = 0; j < m; j++) out[f * m + j] = (float) db[f][j];
        }
        return out;
    }
}
