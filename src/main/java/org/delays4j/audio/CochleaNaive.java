package org.delays4j.audio;

/**
 * The cochlear model in plain loops, one channel at a time: the obviously-correct twin of
 * {@link CochleaKernels}. Both use the same fused multiply-adds in the same order, so their spike
 * trains are bit-identical (checked by the tests).
 */
final class CochleaNaive {
    private CochleaNaive() {}

    /** Runs channels {@code [from, to)} over the samples {@code x}, appending spikes to {@code out}. */
    static void run(CochleaBank b, double[] x, int from, int to, SpikeBuffer out) {
        for (int ch = from; ch < to; ch++) {
            double ar = b.ar[ch], ai = b.ai[ch], nai = b.nai[ch], g = b.g[ch];
            double r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0, r4 = 0, i4 = 0, v = 0;
            int refractory = 0;
            for (int n = 0; n < x.length; n++) {
                // Basilar membrane: four complex one-pole stages, y ← a·y + g·input.
                double ur = g * x[n], ui = 0;
                double t = Math.fma(ar, r1, Math.fma(nai, i1, ur));
                i1 = Math.fma(ar, i1, Math.fma(ai, r1, ui));
                r1 = t;
                t = Math.fma(ar, r2, Math.fma(nai, i2, g * r1));
                i2 = Math.fma(ar, i2, Math.fma(ai, r2, g * i1));
                r2 = t;
                t = Math.fma(ar, r3, Math.fma(nai, i3, g * r2));
                i3 = Math.fma(ar, i3, Math.fma(ai, r3, g * i2));
                r3 = t;
                t = Math.fma(ar, r4, Math.fma(nai, i4, g * r3));
                i4 = Math.fma(ar, i4, Math.fma(ai, r4, g * i3));
                r4 = t;
                // Hair cell: half-wave rectification and a 4th-root compression (two exact square roots).
                double c = Math.sqrt(Math.sqrt(Math.max(2 * r4, 0.0)));
                // LIF spike generator with an absolute refractory period.
                if (refractory > 0) {
                    refractory--;
                    continue;
                }
                v = Math.fma(b.decay, v, b.weight * c);
                if (v >= b.threshold) {
                    out.add(n, ch);
                    v = 0;
                    refractory = b.refractorySteps;
                }
            }
        }
    }

    /** The basilar-membrane displacement {@code 2·Re(y₄)} of one channel (for tests and plots). */
    static double[] basilarMembrane(CochleaBank b, double[] x, int ch) {
        double ar = b.ar[ch], ai = b.ai[ch], nai = b.nai[ch], g = b.g[ch];
        double r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0, r4 = 0, i4 = 0;
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double t = Math.fma(ar, r1, Math.fma(nai, i1, g * x[n]));
            i1 = Math.fma(ar, i1, Math.fma(ai, r1, 0.0));
            r1 = t;
            t = Math.fma(ar, r2, Math.fma(nai, i2, g * r1));
            i2 = Math.fma(ar, i2, Math.fma(ai, r2, g * i1));
            r2 = t;
            t = Math.fma(ar, r3, Math.fma(nai, i3, g * r2));
            i3 = Math.fma(ar, i3, Math.fma(ai, r3, g * i2));
            r3 = t;
            t = Math.fma(ar, r4, Math.fma(nai, i4, g * r3));
            i4 = Math.fma(ar, i4, Math.fma(ai, r4, g * i3));
            r4 = t;
            y[n] = 2 * r4;
        }
        return y;
    }
}
