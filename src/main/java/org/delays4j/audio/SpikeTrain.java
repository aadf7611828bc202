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
}
