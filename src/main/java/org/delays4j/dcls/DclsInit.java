package org.delays4j.dcls;

import java.util.random.RandomGenerator;

/** The reference's initial draws, shared by the 1-D and the N-D layer (same order of draws). */
final class DclsInit {
    private DclsInit() {}

    /** {@code a[from..to)} ~ U(lo, hi), drawn in index order. */
    static void uniform(float[] a, int from, int to, double lo, double hi, RandomGenerator rng) {
        for (int k = from; k < to; k++) a[k] = (float) rng.nextDouble(lo, hi);
    }

    /** Weights: Kaiming uniform for ReLU, U(−b, b) with b = sqrt(6 / fanIn). */
    static void weights(float[] w, int fanIn, RandomGenerator rng) {
        double bound = Math.sqrt(6.0 / fanIn);
        uniform(w, 0, w.length, -bound, bound, rng);
    }

    /** Positions of one dimension with limit c: U(−(c+1), c) (the reference's {@code -K//2} floor division); the caller clamps. */
    static void positions(float[] p, int from, int to, int c, RandomGenerator rng) {
        uniform(p, from, to, -(c + 1), c, rng);
    }

    /** Bias ~ U(−1/sqrt(fanIn), 1/sqrt(fanIn)); nothing when the layer has no bias. */
    static void bias(float[] b, int fanIn, RandomGenerator rng) {
        if (b == null) return;
        double bound = 1 / Math.sqrt(fanIn);
        uniform(b, 0, b.length, -bound, bound, rng);
    }
}
