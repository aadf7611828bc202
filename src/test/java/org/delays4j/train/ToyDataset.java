package org.delays4j.train;

import java.util.SplittableRandom;
import org.delays4j.data.Dataset;

/** A seeded toy dataset for trainer tests: class-dependent channel means plus noise, variable lengths. */
final class ToyDataset implements Dataset {
    private final float[][] frames;
    private final int[] labels, lengths;
    private final int channels, classes;

    ToyDataset(int n, int channels, int classes, long seed) {
        this.channels = channels;
        this.classes = classes;
        SplittableRandom r = new SplittableRandom(seed);
        frames = new float[n][];
        labels = new int[n];
        lengths = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
            lengths[i] = 3 + r.nextInt(5);
            frames[i] = new float[lengths[i] * channels];
            for (int t = 0; t < lengths[i]; t++) {
                for (int c = 0; c < channels; c++) {
                    frames[i][t * channels + c] = (float) ((c % classes == labels[i] ? 0.6 : 0.0) + r.nextGaussian());
                }
            }
        }
    }

    @Override public int size() { return labels.length; }
    @Override public int channels() { return channels; }
    @Override public int classes() { return classes; }
    @Override public int label(int i) { return labels[i]; }
    @Override public int length(int i) { return lengths[i]; }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        for (int t = 0; t < lengths[i]; t++) System.arraycopy(frames[i], t * channels, dst, offset + t * stride, channels);
    }
}
