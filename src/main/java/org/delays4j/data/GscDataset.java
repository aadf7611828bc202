package org.delays4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.delays4j.audio.Audio;
import org.delays4j.audio.MelFeatures;
import org.delays4j.audio.Progress;
import org.delays4j.audio.WavFile;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * Google Speech Commands v0.02 as the reference feeds it: each {@code word/*.wav} clip (35 words,
 * classes sorted by name) becomes 101 frames × 140 log-mel values ({@link MelFeatures.Config#gsc()}).
 * Splits follow the dataset's own lists: {@code validation_list.txt} and {@code testing_list.txt}
 * name the validation and test clips, training is everything else (as torchaudio's
 * {@code SPEECHCOMMANDS} subsets).
 *
 * <p>Loading only lists the files (105 k names), so it is fast; features are computed on first
 * use and cached (about 57 KB per clip: the full training split takes ~4.8 GB, so pass
 * {@code cache=false} on small heaps). {@link #precompute(Progress)} and {@link #prefetch(int[])}
 * compute many clips in parallel with {@link Parallel#forRange}. A clip's features do not depend on
 * the thread count.
 */
public final class GscDataset implements Dataset {
    /** Which clips. {@code ALL} needs no split lists. */
    public enum Split { TRAIN, VALID, TEST, ALL }

    /** File listing the validation clips, in the dataset root. */
    public static final String VALIDATION_LIST = "validation_list.txt";
    /** File listing the test clips, in the dataset root. */
    public static final String TESTING_LIST = "testing_list.txt";

    private static final MelFeatures FEATURES = new MelFeatures(MelFeatures.Config.gsc());

    private final AudioCorpus corpus;
    private final int[] members; // indices into the corpus
    private final Split split;
    private final AtomicReferenceArray<float[]> cache;

    private GscDataset(AudioCorpus corpus, int[] members, Split split, boolean cache) {
        this.corpus = corpus;
        this.members = members;
        this.split = split;
        this.cache = cache ? new AtomicReferenceArray<>(members.length) : null;
    }

    /** Lists split {@code split} of the dataset at {@code root}, caching features once computed. */
    public static GscDataset load(Path root, Split split) {
        return load(root, split, true);
    }

    /**
     * Lists split {@code split} of the dataset at {@code root}.
     *
     * @param cache keep each clip's features after the first computation
     * @throws UserInputException when the directory, a split list or a listed clip is missing or malformed
     */
    public static GscDataset load(Path root, Split split, boolean cache) {
        AudioCorpus corpus = AudioCorpus.scanGsc(root);
        if (split == Split.ALL) return new GscDataset(corpus, range(corpus.size()), split, cache);
        Set<String> valid = readList(root, VALIDATION_LIST, corpus), test = readList(root, TESTING_LIST, corpus);
        int[] members = java.util.stream.IntStream.range(0, corpus.size()).filter(i -> {
            String k = corpus.keys().get(i);
            return switch (split) {
                case VALID -> valid.contains(k);
                case TEST -> test.contains(k);
                default -> !valid.contains(k) && !test.contains(k);
            };
        }).toArray();
        if (members.length == 0) {
            throw new UserInputException(root + ": the " + split.name().toLowerCase(java.util.Locale.ROOT)
                    + " split is empty; check " + VALIDATION_LIST + " and " + TESTING_LIST);
        }
        return new GscDataset(corpus, members, split, cache);
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** Reads a split list: one {@code word/file.wav} per line, each an existing clip. */
    private static Set<String> readList(Path root, String name, AudioCorpus corpus) {
        Path f = root.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new UserInputException(f + ": split list not found; GSC v0.02 ships " + VALIDATION_LIST + " and " + TESTING_LIST
                    + " in its root (or use the ALL split)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f);
        } catch (IOException e) {
            throw new UserInputException(f + ": cannot read the split list (" + e.getMessage() + ")", e);
        }
        Set<String> known = new HashSet<>(corpus.keys()), out = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            if (!line.matches("[^/\\\\]+/[^/\\\\]+\\.wav")) {
                throw new UserInputException(f + " line " + (i + 1) + ": '" + line + "' is not of the form word/file.wav");
            }
            if (!known.contains(line)) {
                throw new UserInputException(f + " line " + (i + 1) + ": " + line + " is not under " + root
                        + " (wrong directory, or an incomplete copy of the dataset)");
            }
            out.add(line);
        }
        return out;
    }

    /** The split this dataset holds. */
    public Split split() {
        return split;
    }

    /** Class names (the word directories, sorted), index = label. */
    public List<String> classNames() {
        return corpus.classes();
    }

    /** The WAV file of sample i. */
    public Path file(int i) {
        return corpus.files().get(members[i]);
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public int channels() {
        return FEATURES.channels();
    }

    @Override
    public int classes() {
        return corpus.classes().size();
    }

    @Override
    public int label(int i) {
        return corpus.labels()[members[i]];
    }

    /** Always 101: every clip is padded or cut to 1 s. */
    @Override
    public int length(int i) {
        return FEATURES.frames();
    }

    /** The speaker hash of the clip's name (before {@code _nohash_}). */
    @Override
    public String speaker(int i) {
        return corpus.speakers().get(members[i]);
    }

    /** Sample i's features, frame-major {@code [101·140]} (computed now, or from the cache). */
    public float[] features(int i) {
        float[] f = cache == null ? null : cache.get(i);
        if (f == null) {
            f = compute(file(i));
            if (cache != null) cache.compareAndSet(i, null, f);
        }
        return f;
    }

    private static float[] compute(Path wav) {
        Audio a = WavFile.read(wav);
        if (a.sampleRate() != 16000) {
            throw new UserInputException(wav + ": sample rate " + a.sampleRate() + " Hz; Speech Commands clips are 16000 Hz");
        }
        return FEATURES.computeFloat(a);
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        float[] f = features(i);
        int T = FEATURES.frames(), C = FEATURES.channels();
        for (int t = 0; t < T; t++) System.arraycopy(f, t * C, dst, offset + t * stride, C);
    }

    /** Computes the features of {@code indices} not yet cached, in parallel (a batch about to be used). */
    public void prefetch(int[] indices) {
        if (cache == null) return;
        Parallel.forRange(indices.length, (chunk, from, to) -> {
            for (int k = from; k < to; k++) features(indices[k]);
        });
    }

    /**
     * Computes and caches every clip's features in parallel, reporting progress; a bad clip stops
     * it with a {@link UserInputException} naming the file.
     */
    public GscDataset precompute(Progress progress) {
        if (cache == null) throw new IllegalStateException("precompute needs the cache (load with cache=true)");
        AtomicInteger done = new AtomicInteger();
        Parallel.forRange(size(), (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                features(i);
                if (progress != null) progress.done(done.incrementAndGet(), size());
            }
        });
        return this;
    }

    @Override
    public String describe() {
        return "Google Speech Commands " + split.name().toLowerCase(java.util.Locale.ROOT) + " (" + corpus.root() + ": "
                + size() + " clips, " + classes() + " words, 101 frames x 140 log-mel)";
    }
}
