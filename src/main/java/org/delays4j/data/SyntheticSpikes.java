package org.delays4j.data;

import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Parallel;

/**
 * Random spike data shaped like SHD (700 units, 20 classes, 0.5-1.4 s samples, about
 * {@code meanSpikes} spikes each, 12 speakers), for benchmarks and tests of scale. The spikes carry
 * no class information. Deterministic from the seed (each sample has its own random stream), and
 * built straight into the flat arrays.
 */
public final class SyntheticSpikes {
    private SyntheticSpikes() {}

    /** The SHD training set's size: 8 156 samples. */
    public static final int SHD_TRAIN_SAMPLES = 8156;

    /** {@code samples} samples with 0.5-1.5 × {@code meanSpikes} spikes each. */
    public static SpikeDataset shdLike(int samples, int meanSpikes, long seed) {
        int[] offsets = new int[samples + 1];
        long total = 0;
        for (int i = 0; i < samples; i++) {
            SplittableRandom r = stream(seed, i);
            total += meanSpikes / 2 + r.nextInt(meanSpikes + 1);
            if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("too many spikes for one dataset: " + total);
            offsets[i + 1] = (int) total;
        }
        float[] times = new float[(int) total];
        char[] units = new char[(int) total];
        int[] labels = new int[samples], speakers = new int[samples];
        Parallel.forRange(samples, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                SplittableRandom r = stream(seed, i);
                r.nextInt(meanSpikes + 1); // the count, drawn above
                float duration = (float) (0.5 + 0.9 * r.nextDouble());
                labels[i] = r.nextInt(20);
                speakers[i] = r.nextInt(12);
                for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                    times[k] = duration * (float) r.nextDouble();
                    units[k] = (char) r.nextInt(SpikeDataset.HEIDELBERG_CHANNELS);
                }
            }
        });
        return new SpikeDataset(times, units, offsets, labels, speakers, SpikeDataset.HEIDELBERG_CHANNELS, 20, List.of(),
                "synthetic SHD-like (" + samples + " samples, seed " + seed + ")");
    }

    private static SplittableRandom stream(long seed, int i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    }
}
