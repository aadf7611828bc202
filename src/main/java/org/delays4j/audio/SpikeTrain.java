package org.delays4j.audio;

/**
 * The spikes of one sample in the Heidelberg files' form: {@code times[i]} (seconds, ascending)
 * and {@code units[i]} (channel 0..channels−1; ties in time ordered by channel), plus the
 * recording's duration in seconds.
 */
public record SpikeTrain(float[] times, int[] units, int channels, double duration) {
    public SpikeTrain {
        if (times.length != units.length) throw new IllegalArgumentException("times and units differ in length: " + times.length + " vs " + units.length);
    }

    /** Number of spikes. */
    public int size() {
        return times.length;
    }

    /** Spike count per channel. */
    public int[] countsPerChannel() {
        int[] c = new int[channels];
        for (int u : units) c[u]++;
        return c;
    }

    /**
     * Binned counts, frame-major {@code [frames][ceil(channels/group)]}: spike i goes to frame
     * {@code floor(times[i]/dt)} and channel {@code units[i]/group}; spikes at frame {@code frames}
     * or later are dropped (see {@link #frames(double)} for the SHD frame count).
     */
    public float[] binned(double dt, int group, int frames) {
        int c = (channels + group - 1) / group;
        float[] out = new float[frames * c];
        for (int i = 0; i < times.length; i++) {
            int f = (int) Math.floor(times[i] / dt);
            if (f < frames) out[f * c + units[i] / group] += 1;
        }
        return out;
    }

    /** Frames the SHD binning gives this sample: {@code floor(maxTime/dt) + 1}, or 1 (empty) without spikes. */
    public int frames(double dt) {
        return times.length == 0 ? 1 : (int) Math.floor(times[times.length - 1] / dt) + 1;
    }
}
