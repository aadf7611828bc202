package org.delays4j.data;

import org.delays4j.util.UserInputException;

/**
 * How spike events become frames: spike time {@code t} goes to frame {@code floor(t / dt)} and
 * unit {@code u} to channel {@code u / groupSize}; a frame holds the number of spikes that fell in
 * it (SPEC §4: SHD/SSC use dt = 10 ms and groups of 5, 700 units → 140 channels).
 *
 * <p>Frame count of a sample: {@code floor(maxTime / dt) + 1} when {@code frames} is 0 (so the
 * last spike is always inside; a sample without spikes gets one empty frame), else exactly
 * {@code frames}, spikes at or after {@code frames · dt} being dropped. The division is done in
 * double precision from the stored float32 time.
 *
 * @param dtSeconds bin width in seconds (&gt; 0)
 * @param groupSize consecutive units summed into one channel (≥ 1); the last group may be partial
 * @param frames fixed frame count, or 0 for each sample's own length
 */
public record Binning(double dtSeconds, int groupSize, int frames) {
    /** Longest sample a binned view accepts, in frames (guards against a dt typed in ms, say). */
    public static final int MAX_FRAMES = 1_000_000;

    /** The SHD/SSC preset: 10 ms bins, groups of 5 units. */
    public static final Binning HEIDELBERG = new Binning(0.01, 5, 0);

    public Binning {
        if (!(dtSeconds > 0 && dtSeconds < Double.POSITIVE_INFINITY)) {
            throw new UserInputException("dt: the bin width must be a positive number of seconds, got " + dtSeconds);
        }
        if (groupSize < 1) throw new UserInputException("group size: must be >= 1 unit per channel, got " + groupSize);
        if (frames < 0 || frames > MAX_FRAMES) {
            throw new UserInputException("frames: must be 0 (each sample's own length) or 1.." + MAX_FRAMES + ", got " + frames);
        }
    }

    /** Channels after grouping {@code units} units: {@code ceil(units / groupSize)}. */
    public int channels(int units) {
        return (units + groupSize - 1) / groupSize;
    }

    /** Frame of a spike at time t: {@code floor(t / dt)} (t ≥ 0), saturating at {@link Integer#MAX_VALUE}. */
    public int frame(float t) {
        return (int) Math.floor(t / dtSeconds);
    }
}
