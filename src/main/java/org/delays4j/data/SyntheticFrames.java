package org.delays4j.data;

import java.util.SplittableRandom;
import org.delays4j.core.Seq;

/**
 * Random binned spike counts with SHD-like statistics, for whole-step benchmarks: every sample
 * lasts {@code T} frames, a (frame, channel) cell is non-zero with probability {@code density},
 * and a non-zero cell holds {@code 1 + Poisson(meanCount - 1)} spikes. The defaults
 * ({@link #SHD}) are T = 100 frames of 10 ms, 140 channels (700 units summed by 5), 20 % non-zero
 * cells and 4.35 spikes per non-zero cell: what the FSDD cochlear encoding gives at that binning.
 * Deterministic from the seed; labels uniform over {@code classes}.
 */
public final class SyntheticFrames {
    /** The statistics of one synthetic batch. */
    public record Stats(int T, int channels, double density, double meanCount, int classes) {
        public Stats {
            if (T < 1 || channels < 1 || classes < 1) throw new IllegalArgumentException("T, channels and classes must be >= 1");
            if (!(density > 0 && density <= 1)) throw new IllegalArgumentException("density must be in (0, 1], got " + density);
            if (!(meanCount >= 1)) throw new IllegalArgumentException("mean count per non-zero cell must be >= 1, got " + meanCount);
        }

        /** The same statistics with another number of classes. */
        public Stats withClasses(int k) {
            return new Stats(T, channels, density, meanCount, k);
        }
    }

    /** SHD-like: 100 frames, 140 channels, 20 % non-zero cells, 4.35 spikes per non-zero cell, 20 classes. */
    public static final Stats SHD = new Stats(100, 140, 0.20, 4.35, 20);

    private SyntheticFrames() {}

    /** A batch of {@code B} samples drawn from {@code seed}. */
    public static Batch batch(Stats st, int B, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Seq x = Seq.zeros(st.T(), B, st.channels());
        float[] d = x.data();
        double lambda = st.meanCount() - 1;
        for (int i = 0; i < d.length; i++) {
            if (r.nextDouble() < st.density()) d[i] = 1 + poisson(r, lambda);
        }
        int[] labels = new int[B], lengths = new int[B], indices = new int[B];
        for (int b = 0; b < B; b++) {
            labels[b] = r.nextInt(st.classes());
            lengths[b] = st.T();
            indices[b] = b;
        }
        return new Batch(x, labels, lengths, indices);
    }

    /** Knuth's product-of-uniforms method: fine for the small means used here. */
    static int poisson(SplittableRandom r, double lambda) {
        double limit = Math.exp(-lambda), p = 1;
        int k = -1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k;
    }
}
