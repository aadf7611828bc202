package org.delays4j.data;

import java.nio.file.Path;
import org.delays4j.audio.Audio;
import org.delays4j.audio.MelFeatures;
import org.delays4j.audio.WavFile;
import org.delays4j.core.Parallel;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;

/**
 * The features of the {@code fsdd} experiment: every FSDD recording (8 kHz) padded or cut to
 * {@code seconds}, a power spectrogram (n_fft 256, hop 80 = 10 ms, Hann, centred), {@code bands}
 * mel filters spanning 20 Hz to the 4 kHz Nyquist frequency (no empty filters, unlike the GSC
 * setting's 14 kHz top), then {@code (max(dB, -80) + 80) / 10}: silence and zero padding both
 * map to 0, speech to roughly 2..9, so the first BatchNorm sees features on a unit-ish scale.
 *
 * <p>Splits: {@link FsddSplit} (test = repetitions 0-4, 300 clips; validation = 5-9, 300;
 * training = 10-49, 2 400). {@link FsddDataset} is the general loader (the golden cases' 140-band
 * mel at 16 kHz, mel at 8 kHz, cochlear spikes); this class is the {@code fsdd} preset's fixed
 * feature set.
 */
public final class FsddLogMel implements Dataset {
    /** Feature settings. */
    public record Config(int bands, double seconds) {
        public Config {
            Check.that(bands >= 4 && bands <= 128, "fsdd bands", "must be in 4..128, got " + bands);
            Check.that(seconds >= 0.1 && seconds <= 10, "fsdd seconds", "must be in [0.1, 10], got " + seconds);
        }

        /** The preset's: 40 bands, 1 s (101 frames; 20 of the 3 000 clips are longer and are cut). */
        public static Config defaults() {
            return new Config(40, 1.0);
        }

        MelFeatures.Config mel() {
            return new MelFeatures.Config(8000, (int) Math.round(seconds * 8000), 8000, 256, 80, bands, 20.0, 4000.0, 1e-10);
        }
    }

    /** The three splits. */
    public record Splits(Subset train, Subset validation, Subset test) {}

    static final double FLOOR_DB = -80, SCALE_DB = 10;

    private final AudioCorpus corpus;
    private final float[][] features;
    private final int frames, bands;

    private FsddLogMel(AudioCorpus corpus, float[][] features, int frames, int bands) {
        this.corpus = corpus;
        this.features = features;
        this.frames = frames;
        this.bands = bands;
    }

    /** Reads and converts every recording of {@code dir} (in parallel; independent of the thread count). */
    public static FsddLogMel load(Path dir, Config config) {
        AudioCorpus corpus = AudioCorpus.scan(dir);
        if (corpus.layout() != AudioCorpus.Layout.FSDD) {
            throw new UserInputException(dir + ": not an FSDD recordings directory ({digit}_{speaker}_{index}.wav files)");
        }
        MelFeatures mel = new MelFeatures(config.mel());
        int n = corpus.size();
        float[][] f = new float[n][];
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                Audio a = WavFile.read(corpus.files().get(i));
                if (a.sampleRate() != 8000) {
                    throw new UserInputException(a.source() + ": sample rate " + a.sampleRate() + " Hz; the fsdd preset expects FSDD's 8000 Hz");
                }
                f[i] = scale(mel.compute(a.samples()));
            }
        });
        return new FsddLogMel(corpus, f, mel.frames(), config.bands());
    }

    /** dB → {@code (max(dB, FLOOR_DB) - FLOOR_DB) / SCALE_DB}, frame-major flat. */
    static float[] scale(double[][] db) {
        int m = db[0].length;
        float[] out = new float[db.length * m];
        for (int t = 0; t < db.length; t++) {
            for (int j = 0; j < m; j++) out[t * m + j] = (float) ((Math.max(db[t][j], FLOOR_DB) - FLOOR_DB) / SCALE_DB);
        }
        return out;
    }

    /** The three splits of {@link FsddSplit}. */
    public Splits splits() {
        return new Splits(new Subset(this, FsddSplit.TRAIN.members(corpus)), new Subset(this, FsddSplit.VALIDATION.members(corpus)),
                new Subset(this, FsddSplit.TEST.members(corpus)));
    }

    /** The FSDD repetition index of sample i. */
    public int repetition(int i) {
        return corpus.fsddIndex(i);
    }

    /** The WAV file of sample i. */
    public Path file(int i) {
        return corpus.files().get(i);
    }

    @Override
    public int size() {
        return corpus.size();
    }

    @Override
    public int channels() {
        return bands;
    }

    @Override
    public int classes() {
        return 10;
    }

    @Override
    public int label(int i) {
        return corpus.labels()[i];
    }

    @Override
    public int length(int i) {
        return frames;
    }

    @Override
    public String speaker(int i) {
        return corpus.speakers().get(i);
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        for (int t = 0; t < frames; t++) System.arraycopy(features[i], t * bands, dst, offset + t * stride, bands);
    }

    @Override
    public String describe() {
        return "FSDD log-mel (" + corpus.root() + ": " + size() + " recordings, " + bands + " bands, " + frames + " frames of 10 ms)";
    }
}
