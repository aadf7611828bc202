package org.delays4j.audio;

import java.util.Arrays;

/** A growable list of (time step, channel) spikes, sorted at the end into time-then-channel order. */
final class SpikeBuffer {
    private long[] keys = new long[1024];
    private int size;
    private final int stride;

    /** {@code stride} ≥ number of channels: the key is {@code step·stride + channel}. */
    SpikeBuffer(int stride) {
        this.stride = stride;
    }

    void add(int step, int channel) {
        if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
        keys[size++] = (long) step * stride + channel;
    }

    int size() {
        return size;
    }

    /** The spikes in time-then-channel order, times in seconds ({@code step / sampleRate}). */
    SpikeTrain toTrain(int sampleRate, int channels, double duration) {
        long[] k = Arrays.copyOf(keys, size);
        Arrays.sort(k);
        float[] times = new float[size];
        int[] units = new int[size];
        for (int i = 0; i < size; i++) {
            times[i] = (float) ((double) (k[i] / stride) / sampleRate);
            units[i] = (int) (k[i] % stride);
        }
        return new SpikeTrain(times, units, channels, duration);
    }
}
