package org.delays4j.data;

import org.delays4j.util.UserInputException;

/**
 * A {@link SpikeDataset} seen as frames of spike counts (see {@link Binning}). Nothing is
 * materialised: each {@link #frames} call bins one sample's spikes, which costs one pass over them
 * (the trainer asks for each sample once per epoch). Frame lengths are computed once, here.
 */
final class BinnedSpikes implements Dataset {
    private final SpikeDataset spikes;
    private final Binning binning;
    private final int[] lengths;
    private final int channels;
    private final int[] channelOf; // unit → channel: a table lookup instead of an integer division per spike

    BinnedSpikes(SpikeDataset spikes, Binning binning) {
        this.spikes = spikes;
        this.binning = binning;
        this.channels = binning.channels(spikes.channels());
        this.channelOf = new int[spikes.channels()];
        for (int u = 0; u < channelOf.length; u++) channelOf[u] = u / binning.groupSize();
        this.lengths = new int[spikes.size()];
        for (int i = 0; i < lengths.length; i++) {
            if (binning.frames() > 0) {
                lengths[i] = binning.frames();
                continue;
            }
            long last = binning.frame(spikes.duration(i));
            if (last >= Binning.MAX_FRAMES) {
                throw new UserInputException(spikes.source() + ": sample " + i + " lasts " + spikes.duration(i) + " s = "
                        + (last + 1) + " frames of " + binning.dtSeconds() + " s, more than " + Binning.MAX_FRAMES
                        + "; dt is in seconds (10 ms = 0.01)");
            }
            lengths[i] = (int) last + 1;
        }
    }

    /** The binning this view applies. */
    Binning binning() {
        return binning;
    }

    @Override
    public int size() {
        return lengths.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int classes() {
        return spikes.classes();
    }

    @Override
    public int label(int i) {
        return spikes.label(i);
    }

    @Override
    public int length(int i) {
        return lengths[i];
    }

    @Override
    public String speaker(int i) {
        return spikes.hasSpeakers() ? Integer.toString(spikes.speaker(i)) : null;
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        int T = lengths[i];
        int[] chan = channelOf;
        for (int t = 0; t < T; t++) java.util.Arrays.fill(dst, offset + t * stride, offset + t * stride + channels, 0f);
        double dt = binning.dtSeconds();
        float[] times = spikes.times;
        char[] units = spikes.units;
        for (int k = spikes.start(i), end = spikes.end(i); k < end; k++) {
            double f = Math.floor(times[k] / dt);
            if (f < T) dst[offset + (int) f * stride + chan[units[k]]] += 1f;
        }
    }

    @Override
    public String describe() {
        return spikes.source() + " binned at " + binning.dtSeconds() * 1000 + " ms, " + binning.groupSize() + " units/channel ("
                + size() + " samples, " + channels + " channels, " + classes() + " classes)";
    }
}
