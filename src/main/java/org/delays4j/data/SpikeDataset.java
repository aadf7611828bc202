package org.delays4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.delays4j.util.UserInputException;

/**
 * A labelled set of spike recordings (SHD/SSC style), held as compact flat arrays: the spikes of
 * sample {@code i} are entries {@code [start(i), end(i))} of {@link #time(int)} (seconds) and
 * {@link #unit(int)} (input channel). There is no object per spike or per sample, so an SHD-sized
 * set (8 156 samples, 57 M spikes) costs about 6 bytes per spike.
 *
 * <p>Instances are immutable and validated on construction: times finite and ≥ 0, units below
 * {@link #channels()}, labels in {@code [0, classes)}. Build one with {@link #builder(int)},
 * {@link #read(Path)} a file, save one with {@link SpikeDatasetWriter}, and feed a network through
 * {@link #binned(double, int)}.
 */
public final class SpikeDataset {
    /** Channels of the Heidelberg cochlea model (SHD, SSC): the default when a file does not say. */
    public static final int HEIDELBERG_CHANNELS = 700;

    /** Largest channel count: units are stored as uint16. */
    public static final int MAX_CHANNELS = 1 << 16;

    final float[] times;
    final char[] units; // uint16: char is Java's unsigned 16-bit type
    final int[] offsets; // size + 1 entries, offsets[0] = 0
    final int[] labels;
    final int[] speakers; // null when unknown
    private final int channels;
    private final int classes;
    private final List<String> classNames;
    private final String source;

    /**
     * Wraps flat arrays (not copied: the caller hands them over). {@code source} names where the
     * data came from (a file) and prefixes every validation message.
     *
     * @param speakers speaker id per sample, or {@code null} when unknown
     * @param classes number of classes, or 0 to use {@code max(label) + 1} (or the class names' count if larger)
     * @param classNames names of the classes (may be empty)
     * @throws UserInputException when the arrays are inconsistent or a value is out of range
     */
    SpikeDataset(float[] times, char[] units, int[] offsets, int[] labels, int[] speakers,
                 int channels, int classes, List<String> classNames, String source) {
        this.source = source;
        check(channels >= 1 && channels <= MAX_CHANNELS, "channels", "must be in 1.." + MAX_CHANNELS + ", got " + channels);
        check(offsets.length == labels.length + 1, "labels", "has " + labels.length + " entries for " + (offsets.length - 1) + " samples");
        check(times.length == units.length, "spikes/units", "has " + units.length + " spikes but spikes/times has " + times.length);
        check(offsets[0] == 0 && offsets[offsets.length - 1] == times.length, "spikes/offsets",
                "must start at 0 and end at the spike count " + times.length + ", got " + offsets[0] + ".." + offsets[offsets.length - 1]);
        for (int i = 0; i + 1 < offsets.length; i++) {
            if (offsets[i + 1] < offsets[i]) fail("spikes/offsets", "decrease at sample " + i + " (" + offsets[i] + " > " + offsets[i + 1] + ")");
        }
        if (speakers != null) {
            check(speakers.length == labels.length, "extra/speaker", "has " + speakers.length + " entries for " + labels.length + " samples");
        }
        int maxLabel = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) fail("labels", "sample " + i + " has the negative label " + labels[i]);
            maxLabel = Math.max(maxLabel, labels[i]);
        }
        int k = classes > 0 ? classes : Math.max(maxLabel + 1, classNames.size());
        check(maxLabel < k, "labels", "label " + maxLabel + " is not below the class count " + k);
        this.times = times;
        this.units = units;
        this.offsets = offsets;
        this.labels = labels;
        this.speakers = speakers;
        this.channels = channels;
        this.classes = Math.max(k, 1);
        this.classNames = List.copyOf(classNames);
        checkSpikes();
    }

    /** Checks every spike once (a tight loop: ~50 ms for 57 M spikes); the message names the sample. */
    private void checkSpikes() {
        for (int i = 0; i + 1 < offsets.length; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                float t = times[k];
                if (!(t >= 0 && t < Float.POSITIVE_INFINITY)) {
                    fail("spikes/times", "sample " + i + " spike " + (k - offsets[i]) + " has the time " + t
                            + "; times must be finite and >= 0 (seconds)");
                }
                if (units[k] >= channels) {
                    fail("spikes/units", "sample " + i + " spike " + (k - offsets[i]) + " has the unit " + (int) units[k]
                            + ", not below the channel count " + channels + " (pass the right channel count)");
                }
            }
        }
    }

    private void check(boolean ok, String field, String message) {
        if (!ok) fail(field, message);
    }

    private void fail(String field, String message) {
        throw new UserInputException(source + ": " + field + ": " + message);
    }

    /** A builder that appends samples one at a time (what an encoder uses). */
    public static Builder builder(int channels) {
        return new Builder(channels);
    }

    /**
     * Reads an SHD/SSC-style HDF5 file ({@code .h5} or {@code .h5.gz}): the Heidelberg layout
     * (variable-length {@code spikes/times}, {@code spikes/units}) or the flat layout written by
     * {@link SpikeDatasetWriter}. The channel count is the file's {@code channels} attribute, else 700.
     *
     * @throws UserInputException naming the file and field when the file is missing or malformed
     */
    public static SpikeDataset read(Path file) throws IOException {
        return SpikeFileReader.read(file, 0);
    }

    /** {@link #read(Path)} with an explicit channel count (overrides the file's attribute; 0 = from the file). */
    public static SpikeDataset read(Path file, int channels) throws IOException {
        return SpikeFileReader.read(file, channels);
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Number of input channels (units are 0..channels-1). */
    public int channels() {
        return channels;
    }

    /** Number of classes (labels are 0..classes-1). */
    public int classes() {
        return classes;
    }

    /** Class names (from {@code extra/keys}), possibly empty. */
    public List<String> classNames() {
        return classNames;
    }

    /** Where the data came from (file path or a description). */
    public String source() {
        return source;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Whether every sample has a speaker id. */
    public boolean hasSpeakers() {
        return speakers != null;
    }

    /** Speaker id of sample i, or -1 when unknown. */
    public int speaker(int i) {
        return speakers == null ? -1 : speakers[i];
    }

    /** Index of sample i's first spike in the flat arrays. */
    public int start(int i) {
        return offsets[i];
    }

    /** One past sample i's last spike. */
    public int end(int i) {
        return offsets[i + 1];
    }

    /** Number of spikes of sample i. */
    public int spikeCount(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Total number of spikes. */
    public int totalSpikes() {
        return times.length;
    }

    /** Time (seconds) of flat spike k. */
    public float time(int k) {
        return times[k];
    }

    /** Channel of flat spike k. */
    public int unit(int k) {
        return units[k];
    }

    /** Latest spike time of sample i (seconds), 0 for a sample without spikes. */
    public float duration(int i) {
        float m = 0;
        for (int k = offsets[i]; k < offsets[i + 1]; k++) m = Math.max(m, times[k]);
        return m;
    }

    /** A copy of sample i's spike times. */
    public float[] times(int i) {
        return Arrays.copyOfRange(times, offsets[i], offsets[i + 1]);
    }

    /** A copy of sample i's units. */
    public int[] units(int i) {
        int[] u = new int[spikeCount(i)];
        for (int k = 0; k < u.length; k++) u[k] = units[offsets[i] + k];
        return u;
    }

    /**
     * The network's view: frames of summed spike counts, {@code frame = floor(t / dt)},
     * {@code channel = unit / groupSize}; a sample has {@code floor(maxTime / dt) + 1} frames.
     * See {@link Binning}.
     */
    public Dataset binned(double dtSeconds, int groupSize) {
        return new BinnedSpikes(this, new Binning(dtSeconds, groupSize, 0));
    }

    /** The binned view with every option of {@link Binning} (e.g. a fixed frame count). */
    public Dataset binned(Binning binning) {
        return new BinnedSpikes(this, binning);
    }

    @Override
    public String toString() {
        return "SpikeDataset(" + source + ": " + size() + " samples, " + totalSpikes() + " spikes, "
                + channels + " channels, " + classes + " classes)";
    }

    /** Appends samples into growing flat arrays; {@link #build()} validates and hands them over. */
    public static final class Builder {
        private final int channels;
        private float[] times = new float[1024];
        private char[] units = new char[1024];
        private int[] offsets = new int[65];
        private int[] labels = new int[64];
        private int[] speakers = new int[64];
        private int n, spikes, classes;
        private boolean anySpeaker, allSpeakers = true;
        private List<String> classNames = List.of();
        private String source = "spike dataset";

        private Builder(int channels) {
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw new UserInputException("channels: must be in 1.." + MAX_CHANNELS + ", got " + channels);
            }
            this.channels = channels;
        }

        /** Names the data's origin in validation messages (e.g. the encoded directory). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Fixes the class count (default: largest label + 1). */
        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        /** Class names, written as {@code extra/keys}. */
        public Builder classNames(List<String> names) {
            this.classNames = List.copyOf(names);
            return this;
        }

        /** Appends a sample without a speaker. */
        public Builder add(float[] times, int[] units, int label) {
            return add(times, units, label, -1);
        }

        /**
         * Appends a sample: spike k at {@code times[k]} seconds on channel {@code units[k]}.
         *
         * @param speaker speaker id ≥ 0, or -1 when unknown (then the dataset has no speakers)
         */
        public Builder add(float[] times, int[] units, int label, int speaker) {
            if (times.length != units.length) {
                throw new UserInputException(source + ": sample " + n + ": " + times.length + " spike times but " + units.length + " units");
            }
            for (int k = 0; k < units.length; k++) {
                if (units[k] < 0 || units[k] >= channels) {
                    throw new UserInputException(source + ": sample " + n + " spike " + k + " has the unit " + units[k]
                            + ", not in 0.." + (channels - 1));
                }
            }
            long need = (long) spikes + times.length;
            if (need > Integer.MAX_VALUE - 16) throw new UserInputException(source + ": more than 2^31 spikes do not fit in one dataset; split it");
            if (need > this.times.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * this.times.length));
                this.times = Arrays.copyOf(this.times, cap);
                this.units = Arrays.copyOf(this.units, cap);
            }
            if (n + 1 >= labels.length) {
                labels = Arrays.copyOf(labels, 2 * labels.length);
                speakers = Arrays.copyOf(speakers, 2 * speakers.length);
                offsets = Arrays.copyOf(offsets, labels.length + 1);
            }
            System.arraycopy(times, 0, this.times, spikes, times.length);
            for (int k = 0; k < units.length; k++) this.units[spikes + k] = (char) units[k];
            spikes += times.length;
            labels[n] = label;
            speakers[n] = speaker;
            anySpeaker |= speaker >= 0;
            allSpeakers &= speaker >= 0;
            n++;
            offsets[n] = spikes;
            return this;
        }

        /** Number of samples added so far. */
        public int size() {
            return n;
        }

        /**
         * The dataset (validated). Speakers are kept only when every sample has one. The builder is
         * emptied: its arrays are handed over, not copied, when they are exactly full.
         */
        public SpikeDataset build() {
            if (anySpeaker && !allSpeakers) {
                throw new UserInputException(source + ": some samples have a speaker and some do not; give every sample a speaker id or none");
            }
            // Trim only when needed: an SHD-sized set is 340 MB, a spare copy is not free.
            float[] t = times.length == spikes ? times : Arrays.copyOf(times, spikes);
            char[] u = units.length == spikes ? units : Arrays.copyOf(units, spikes);
            int[] o = Arrays.copyOf(offsets, n + 1), l = Arrays.copyOf(labels, n);
            int[] s = anySpeaker ? Arrays.copyOf(speakers, n) : null;
            times = new float[1024];
            units = new char[1024];
            n = 0;
            spikes = 0;
            anySpeaker = false;
            allSpeakers = true;
            return new SpikeDataset(t, u, o, l, s, channels, classes, classNames, source);
        }
    }
}
