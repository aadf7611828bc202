package org.delays4j.audio;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cochlear model with the Vector API: one vector holds {@link #LANES} adjacent channels and
 * its whole state (four complex gammatone stages, membrane potential, refractory count) stays in
 * registers while the block runs through every sample. The same fused multiply-adds as
 * {@link CochleaNaive}, lane by lane, so the spikes are bit-identical.
 */
final class CochleaKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Channels per vector; banks are padded to a multiple of it. */
    static final int LANES = S.length();

    private CochleaKernels() {}

    /** Runs channel blocks starting at {@code from} (a multiple of LANES) up to {@code to}. */
    static void run(CochleaBank b, double[] x, int from, int to, SpikeBuffer out) {
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0);
        DoubleVector decay = DoubleVector.broadcast(S, b.decay), weight = DoubleVector.broadcast(S, b.weight);
        DoubleVector threshold = DoubleVector.broadcast(S, b.threshold);
        DoubleVector refractorySteps = DoubleVector.broadcast(S, b.refractorySteps);
        for (int ch = from; ch < to; ch += LANES) {
            DoubleVector ar = DoubleVector.fromArray(S, b.ar, ch), ai = DoubleVector.fromArray(S, b.ai, ch);
            DoubleVector nai = DoubleVector.fromArray(S, b.nai, ch), g = DoubleVector.fromArray(S, b.g, ch);
            DoubleVector r1 = zero, i1 = zero, r2 = zero, i2 = zero, r3 = zero, i3 = zero, r4 = zero, i4 = zero;
            DoubleVector v = zero, refractory = zero;
            for (int n = 0; n < x.length; n++) {
                DoubleVector ur = g.mul(x[n]);
                DoubleVector t = ar.fma(r1, nai.fma(i1, ur));
                i1 = ar.fma(i1, ai.fma(r1, zero));
                r1 = t;
                t = ar.fma(r2, nai.fma(i2, g.mul(r1)));
                i2 = ar.fma(i2, ai.fma(r2, g.mul(i1)));
                r2 = t;
                t = ar.fma(r3, nai.fma(i3, g.mul(r2)));
                i3 = ar.fma(i3, ai.fma(r3, g.mul(i2)));
                r3 = t;
                t = ar.fma(r4, nai.fma(i4, g.mul(r3)));
                i4 = ar.fma(i4, ai.fma(r4, g.mul(i3)));
                r4 = t;
                DoubleVector c = r4.add(r4).max(zero).sqrt().sqrt();
                // Lanes in their refractory period count down and keep v at 0; the others integrate.
                VectorMask<Double> resting = refractory.compare(VectorOperators.GT, 0.0);
                refractory = refractory.sub(one, resting);
                v = decay.fma(v, weight.mul(c)).blend(v, resting);
                VectorMask<Double> spike = v.compare(VectorOperators.GE, threshold).andNot(resting);
                if (spike.anyTrue()) {
                    long bits = spike.toLong();
                    while (bits != 0) {
                        out.add(n, ch + Long.numberOfTrailingZeros(bits));
                        bits &= bits - 1;
                    }
                    v = v.blend(zero, spike);
                    refractory = refractory.blend(refractorySteps, spike);
                }
            }
        }
    }
}
