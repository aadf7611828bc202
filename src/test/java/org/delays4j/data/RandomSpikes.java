package org.delays4j.data;

import java.util.SplittableRandom;

/** Seeded random spike datasets for tests. */
final class RandomSpikes {
    private RandomSpikes() {}

    /** {@code samples} samples of up to {@code maxSpikes} spikes in [0, 1.2) s, speakers 0..4 when asked. */
    static SpikeDataset make(long seed, int samples, int channels, int classes, int maxSpikes, boolean speakers) {
        SplittableRandom r = new SplittableRandom(seed);
        SpikeDataset.Builder b = SpikeDataset.builder(channels).source("random(" + seed + ")");
        for (int i = 0; i < samples; i++) {
            int n = 1 + r.nextInt(maxSpikes);
            float[] t = new float[n];
            int[] u = new int[n];
            for (int k = 0; k < n; k++) {
                t[k] = (float) (r.nextDouble() * 1.2);
                u[k] = r.nextInt(channels);
            }
            b.add(t, u, r.nextInt(classes), speakers ? r.nextInt(5) : -1);
        }
        return b.classes(classes).build();
    }
}
