package org.delays4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.delays4j.audio.Audio;
import org.delays4j.audio.CochlearEncoder;
import org.delays4j.audio.MelFeatures;
import org.delays4j.audio.Progress;
import org.delays4j.audio.WavFile;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * The Free Spoken Digit Dataset (a directory of {@code {digit}_{speaker}_{index}.wav}, 8 kHz) as
 * a {@link Dataset}: 10 classes, speakers from the file names, the conventional halves of
 * {@link FsddSplit} (repetitions 0-4 = test, the rest = train). The {@code fsdd} preset trains on
 * {@link FsddLogMel} (its 40-band features and three splits); this loader offers the other
 * representations.
 *
 * <p>Three representations ({@link Features}): log-mel features through the GSC pipeline after an
 * 8 → 16 kHz upsampling (exactly the golden FSDD cases), the same features computed directly at
 * 8 kHz, or spikes from the {@link CochlearEncoder} binned like SHD ({@link SpikeDataset#binned},
 * so exactly what training on the file {@code delays4j encode} writes gives). All 3 000 recordings
 * are read and converted at load, in parallel over files; the result does not depend on the
 * thread count.
 */
public final class FsddDataset implements Dataset {
    /** How a recording becomes frames. */
    public enum Features {
        /** 8 → 16 kHz (torchaudio sinc), then the GSC pipeline: 101 frames × 140 log-mel (dB). */
        MEL,
        /** The GSC spectrogram and mel bank applied directly at 8 kHz (pad/cut to 8000 samples): 101 × 140. */
        MEL_8K,
        /** Cochlear-encoder spikes, binned: {@code dt} frames × {@code channels/group} counts. */
        SPIKES
    }

    /**
     * Loading options.
     *
     * @param kind      the representation
     * @param encoder   encoder settings (for {@link Features#SPIKES})
     * @param dtSeconds bin width for spikes (s)
     * @param groupSize encoder channels summed per input channel for spikes
     */
    public record Options(Features kind, CochlearEncoder.Config encoder, double dtSeconds, int groupSize) {
        public Options {
            if (kind == null) throw new UserInputException("features: choose one of " + List.of(Features.values()));
            if (!(dtSeconds > 0 && dtSeconds < 10)) throw new UserInputException("dt: must be a positive number of seconds, got " + dtSeconds);
            if (groupSize < 1) throw new UserInputException("group size: must be >= 1, got " + groupSize);
        }

        /** Defaults: the default encoder, 10 ms bins, groups of 5 (700 → 140 channels, as the SHD preset). */
        public static Options of(Features kind) {
            return new Options(kind, CochlearEncoder.Config.defaults(), 0.01, 5);
        }
    }

    /** The two conventional halves. */
    public record TrainTest(FsddDataset train, FsddDataset test) {}

    private final AudioCorpus corpus;
    private final int[] members;
    private final Options options;
    private final float[][] mel;         // per corpus file, MEL kinds (else null)
    private final SpikeDataset spikes;   // every corpus file, SPIKES (else null)
    private final Dataset binned;        // spikes binned like SHD
    private final int channels, melFrames;

    private FsddDataset(AudioCorpus corpus, int[] members, Options options, float[][] mel, SpikeDataset spikes, int melFrames) {
        this.corpus = corpus;
        this.members = members;
        this.options = options;
        this.mel = mel;
        this.spikes = spikes;
        this.binned = spikes == null ? null : spikes.binned(options.dtSeconds(), options.groupSize());
        this.channels = binned != null ? binned.channels() : MelFeatures.Config.gsc().nMels();
        this.melFrames = melFrames;
    }

    /** Loads {@code dir} with default options. */
    public static TrainTest load(Path dir, Features kind) {
        return load(dir, Options.of(kind), Progress.NONE);
    }

    /**
     * Loads {@code dir} (the recordings directory, or the FSDD repository root holding
     * {@code recordings/}), converting every file in parallel.
     *
     * @throws UserInputException for a missing directory, a badly named or unreadable file, mixed sample
     *     rates (SPIKES) or a rate other than 8 kHz (MEL_8K)
     */
    public static TrainTest load(Path dir, Options options, Progress progress) {
        AudioCorpus corpus = AudioCorpus.scan(dir);
        if (corpus.layout() != AudioCorpus.Layout.FSDD) {
            throw new UserInputException(dir + ": this is a Speech Commands-style word/*.wav directory, not FSDD"
                    + " ({digit}_{speaker}_{index}.wav files)");
        }
        int n = corpus.size();
        int[] test = FsddSplit.TEST.members(corpus);
        int[] train = IntStream.range(0, n).filter(i -> FsddSplit.of(corpus.fsddIndex(i)) != FsddSplit.TEST).toArray();
        if (options.kind() == Features.SPIKES) {
            SpikeDataset spikes = AudioSpikes.encode(corpus, new CochlearEncoder(options.encoder()), progress);
            return new TrainTest(new FsddDataset(corpus, train, options, null, spikes, 0),
                    new FsddDataset(corpus, test, options, null, spikes, 0));
        }
        boolean direct = options.kind() == Features.MEL_8K;
        MelFeatures features = new MelFeatures(direct ? MelFeatures.Config.direct8k() : MelFeatures.Config.gsc());
        float[][] mel = new float[n][];
        AtomicInteger done = new AtomicInteger();
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                Audio a = WavFile.read(corpus.files().get(i));
                if (direct && a.sampleRate() != 8000) {
                    throw new UserInputException(a.source() + ": sample rate " + a.sampleRate() + " Hz; MEL_8K needs 8000 Hz audio (use MEL)");
                }
                mel[i] = features.computeFloat(a);
                if (progress != null) progress.done(done.incrementAndGet(), n);
            }
        });
        // MEL resamples every recording to 16 kHz first, so mixed rates need no check here.
        return new TrainTest(new FsddDataset(corpus, train, options, mel, null, features.frames()),
                new FsddDataset(corpus, test, options, mel, null, features.frames()));
    }

    /** The representation and settings used. */
    public Options options() {
        return options;
    }

    /** The WAV file of sample i. */
    public Path file(int i) {
        return corpus.files().get(members[i]);
    }

    /**
     * The encoder's spikes of every recording of the directory, train and test, in file order
     * (only for {@link Features#SPIKES}); sample i of this split is entry {@link #corpusIndex(int)}.
     */
    public SpikeDataset spikes() {
        if (spikes == null) throw new IllegalStateException("loaded as " + options.kind() + ", not SPIKES");
        return spikes;
    }

    /** Index of sample i among all the directory's recordings (sorted by name). */
    public int corpusIndex(int i) {
        return members[i];
    }

    /** The FSDD repetition index of sample i (0-4 for the test split). */
    public int repetition(int i) {
        return corpus.fsddIndex(members[i]);
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int classes() {
        return 10;
    }

    @Override
    public int label(int i) {
        return corpus.labels()[members[i]];
    }

    /** 101 for the mel kinds; for spikes {@code floor(lastSpike/dt) + 1} (1 without spikes), the SHD rule ({@link Binning}). */
    @Override
    public int length(int i) {
        return binned == null ? melFrames : binned.length(members[i]);
    }

    @Override
    public String speaker(int i) {
        return corpus.speakers().get(members[i]);
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        if (binned != null) {
            binned.frames(members[i], dst, offset, stride);
            return;
        }
        float[] f = mel[members[i]];
        for (int t = 0; t < melFrames; t++) System.arraycopy(f, t * channels, dst, offset + t * stride, channels);
    }

    @Override
    public String describe() {
        return "Free Spoken Digit Dataset (" + corpus.root() + ", " + options.kind() + ": " + size() + " recordings, "
                + channels + " channels, 10 digits)";
    }
}
