package org.delays4j.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.delays4j.util.UserInputException;

/**
 * A generated dataset that only synaptic delays solve: classes differ solely in the precise
 * relative timing of spikes across a few channels (docs/data.md has the design).
 *
 * <p>Each class owns a pattern: one spike on each of the same {@code P} pattern channels, at
 * class-specific offsets within {@value #SPAN} steps, all distinct and at least {@code 3 + 2·jitter}
 * steps apart. A sample places its class's pattern at a random start, shifts each pattern spike by
 * a random jitter, and adds background spikes with the same probability on every channel and step
 * in every class. Every class therefore has the same spike count on every channel, and no two
 * pattern spikes share a step: a network without delays (and with short membrane memory) sees the
 * same bag of frames for every class. A delay network aligns the offsets (K ≥ 17 taps suffices)
 * and detects the coincidence.
 *
 * <p>Samples are generated on the fly from {@code (seed, stream, index)}: nothing is stored and
 * the same configuration gives bit-identical samples. Labels cycle {@code index % classes}, so
 * classes are balanced. {@link #testSet(int)} draws fresh samples of the same classes.
 *
 * <p>Difficulty {@code d} in [0, 1]: background probability {@code 0.05·d} per channel and step,
 * and a jitter of ±1 step from d = 0.5 on (a larger jitter would need pattern spikes so far apart
 * that a 25-tap delay no longer spans them). At d = 0 the task has no noise at all.
 */
public final class DelayTask implements Dataset {
    /** Largest offset within a pattern, in steps (fits a delay kernel of 25 taps with room for jitter). */
    public static final int SPAN = 15;

    /**
     * Configuration.
     *
     * @param samples number of samples
     * @param channels input channels (≥ 2)
     * @param classes number of classes (≥ 2)
     * @param length frames per sample (≥ SPAN + 1 + 2·jitter)
     * @param difficulty in [0, 1]: background noise and timing jitter, see {@link DelayTask}
     * @param seed fixes the class patterns and the samples
     */
    public record Config(int samples, int channels, int classes, int length, double difficulty, long seed) {
        public Config {
            check(samples >= 1, "samples", "must be >= 1, got " + samples);
            check(channels >= 2 && channels <= 4096, "channels", "must be in 2..4096, got " + channels);
            check(classes >= 2 && classes <= 1000, "classes", "must be in 2..1000, got " + classes);
            check(difficulty >= 0 && difficulty <= 1, "difficulty", "must be in [0, 1], got " + difficulty);
            int need = SPAN + 1 + 2 * jitter(difficulty);
            check(length >= need && length <= 100_000, "length", "must be in " + need + "..100000 steps at difficulty " + difficulty + ", got " + length);
        }

        /** The embedded default: 2 048 samples, 16 channels, 8 classes, 64 steps, difficulty 0.3, seed 1. */
        public static Config defaults() {
            return new Config(2048, 16, 8, 64, 0.3, 1);
        }

        public Config withSamples(int v) {
            return new Config(v, channels, classes, length, difficulty, seed);
        }

        public Config withChannels(int v) {
            return new Config(samples, v, classes, length, difficulty, seed);
        }

        public Config withClasses(int v) {
            return new Config(samples, channels, v, length, difficulty, seed);
        }

        public Config withLength(int v) {
            return new Config(samples, channels, classes, v, difficulty, seed);
        }

        public Config withDifficulty(double v) {
            return new Config(samples, channels, classes, length, v, seed);
        }

        public Config withSeed(long v) {
            return new Config(samples, channels, classes, length, difficulty, v);
        }

        private static void check(boolean ok, String field, String msg) {
            if (!ok) throw new UserInputException("delay task " + field + ": " + msg);
        }
    }

    private final Config config;
    private final int stream;
    private final int jitter;
    private final double noise;
    private final int[] patternChannels;
    private final int[][] offsets; // [class][pattern channel]
    private final int maxStart;

    /** The task's training stream (stream 0). */
    public DelayTask(Config config) {
        this(config, 0);
    }

    private DelayTask(Config config, int stream) {
        this.config = config;
        this.stream = stream;
        this.jitter = jitter(config.difficulty());
        this.noise = 0.05 * config.difficulty();
        int gap = 3 + 2 * jitter;
        int p = Math.min(Math.min(config.channels(), 4), 1 + SPAN / gap);
        SplittableRandom r = new SplittableRandom(mix(config.seed(), -1, 0));
        this.patternChannels = pickChannels(config.channels(), p, r);
        this.offsets = makePatterns(config.classes(), p, gap, 2 * jitter + 1, r);
        this.maxStart = config.length() - 1 - SPAN - jitter;
    }

    private static int jitter(double difficulty) {
        return difficulty >= 0.5 ? 1 : 0;
    }

    /** {@code samples} further samples of the same classes, independent of this set's (stream 1). */
    public DelayTask testSet(int samples) {
        return new DelayTask(config.withSamples(samples), 1);
    }

    public Config config() {
        return config;
    }

    /** The channels that carry the pattern (sorted), shared by every class. */
    public int[] patternChannels() {
        return patternChannels.clone();
    }

    /** Class {@code c}'s offsets (steps, smallest 0), one per {@link #patternChannels()} entry. */
    public int[] patternOffsets(int c) {
        return offsets[c].clone();
    }

    /** Largest random shift of each pattern spike, in steps. */
    public int jitter() {
        return jitter;
    }

    /** Probability of a background spike per channel and step. */
    public double noiseRate() {
        return noise;
    }

    private static int[] pickChannels(int channels, int p, SplittableRandom r) {
        int[] all = new int[channels];
        for (int i = 0; i < channels; i++) all[i] = i;
        for (int i = 0; i < p; i++) {
            int j = i + r.nextInt(channels - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] ch = Arrays.copyOf(all, p);
        Arrays.sort(ch);
        return ch;
    }

    /**
     * Rejection-samples one offset vector per class: offsets distinct, pairwise ≥ {@code gap}
     * apart, smallest 0, and every two classes differing by ≥ {@code sep} steps on ≥ 2 channels
     * (so jitter cannot turn one class into another).
     */
    private static int[][] makePatterns(int classes, int p, int gap, int sep, SplittableRandom r) {
        int[][] pats = new int[classes][];
        for (int c = 0; c < classes; c++) {
            int[] cand = null;
            for (int tries = 0; tries < 100_000 && cand == null; tries++) {
                int[] o = new int[p];
                for (int k = 0; k < p; k++) o[k] = r.nextInt(SPAN + 1);
                if (!spaced(o, gap)) continue;
                int min = Arrays.stream(o).min().orElse(0);
                for (int k = 0; k < p; k++) o[k] -= min;
                boolean ok = true;
                for (int d = 0; d < c && ok; d++) ok = differ(o, pats[d], sep) >= 2;
                if (ok) cand = o;
            }
            if (cand == null) {
                throw new UserInputException("delay task classes: cannot make " + classes + " distinct timing patterns on " + p
                        + " channels at this difficulty; use fewer classes, more channels or a lower difficulty");
            }
            pats[c] = cand;
        }
        return pats;
    }

    private static boolean spaced(int[] o, int gap) {
        for (int a = 0; a < o.length; a++) {
            for (int b = a + 1; b < o.length; b++) if (Math.abs(o[a] - o[b]) < gap) return false;
        }
        return true;
    }

    private static int differ(int[] a, int[] b, int sep) {
        int n = 0;
        for (int k = 0; k < a.length; k++) if (Math.abs(a[k] - b[k]) >= sep) n++;
        return n;
    }

    /** A well-mixed seed for sample {@code i} of {@code stream} (SplittableRandom's own mixer). */
    private static long mix(long seed, int stream, int i) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (stream + 2))).split().nextLong() + i * 0xBF58476D1CE4E5B9L;
    }

    @Override
    public int size() {
        return config.samples();
    }

    @Override
    public int channels() {
        return config.channels();
    }

    @Override
    public int classes() {
        return config.classes();
    }

    @Override
    public int label(int i) {
        return i % config.classes();
    }

    @Override
    public int length(int i) {
        return config.length();
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        if (i < 0 || i >= size()) throw new IndexOutOfBoundsException("sample " + i + " of " + size());
        SplittableRandom r = new SplittableRandom(mix(config.seed(), stream, i));
        int T = config.length(), C = config.channels();
        // Background first, drawn for every (t, c) in the same order whatever the class.
        for (int t = 0; t < T; t++) {
            int row = offset + t * stride;
            for (int c = 0; c < C; c++) dst[row + c] = r.nextDouble() < noise ? 1f : 0f;
        }
        int start = jitter + r.nextInt(maxStart - jitter + 1);
        int[] o = offsets[label(i)];
        for (int k = 0; k < o.length; k++) {
            int t = start + o[k] + (jitter == 0 ? 0 : r.nextInt(2 * jitter + 1) - jitter);
            dst[offset + t * stride + patternChannels[k]] = 1f;
        }
    }

    @Override
    public String describe() {
        return "delay-task (" + size() + " samples, " + channels() + " channels, " + classes() + " classes, " + config.length()
                + " steps, difficulty " + config.difficulty() + ", seed " + config.seed() + (stream == 0 ? "" : ", test stream") + ")";
    }
}
