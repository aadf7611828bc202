package org.delays4j.train;

import java.util.SplittableRandom;

/**
 * Seeds derived from the run seed and a position (purpose, epoch, batch), so that every random
 * choice of a run can be recomputed from where it happens: a run resumed at batch b of epoch e
 * draws exactly what the uninterrupted run drew.
 */
public final class Seeds {
    /** Purposes, mixed into the seed so streams for different uses never coincide. */
    public static final long SHUFFLE = 0x5348554646L, DROPOUT = 0x44524f50L, INIT = 0x494e4954L, SPLIT = 0x53504c4954L;

    private Seeds() {}

    /** A seed mixing {@code parts} in order (SplitMix64's finaliser after each part). */
    public static long of(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        return h;
    }

    /** A generator for {@link #of}{@code (parts)}. */
    public static SplittableRandom random(long... parts) {
        return new SplittableRandom(of(parts));
    }

    /** The order of the training samples in {@code epoch}: a seeded Fisher–Yates shuffle of 0..n-1. */
    public static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = random(seed, SHUFFLE, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
