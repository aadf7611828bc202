package org.delays4j.dcls;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Gaussian kernel rows and their backward for several synapses at once, one synapse per
 * float64 vector lane, every tap's weight from its own exponential ({@code exp(-z²/2)}, z = (n − p)/s,
 * the Vector API's lane-wise EXP) instead of {@link DclsKernel1d}'s scalar recurrence. The same
 * formulas as {@link DclsKernel1d#constructSynapse} and {@link DclsKernel1d#backwardSynapse}
 * (normalisation ĝ = g/(Σg + ε); the backward's five sums), so the two agree to float64 rounding
 * (≈ 1e-14 relative; {@code KernelBuffersTest}). Used by {@link KernelBuffers} when SIMD is on.
 *
 * <p>Lanes past {@code count} carry dummy parameters (W = 0, P = 0, SIG = 0) and are ignored.
 */
final class GaussLanes {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Lanes (synapses) per call. */
    static final int LANES = D.length();

    /** Per-thread buffers: the lanes' parameters, tap weights [K][LANES] and the kernel block [K][LANES]. */
    static final class Scratch {
        final double[] w = new double[LANES], p = new double[LANES], s = new double[LANES], out = new double[3 * LANES];
        final double[] g, block;

        Scratch(int K) {
            g = new double[K * LANES];
            block = new double[K * LANES];
        }
    }

    private GaussLanes() {}

    /** Below this exponent exp is under 2⁻¹⁰²² (subnormal or zero). */
    private static final double EXP_FLOOR = -708;

    /**
     * exp(-z²/2), with 0 where the exponent is below {@link #EXP_FLOOR}: the lane-wise EXP takes a
     * slow path for arguments whose result is subnormal, and at small σ most taps are that far
     * from p. The zeroed values are below 2⁻¹⁰²², i.e. ≤ 1e-307 relative to the tap sum (≥ the
     * nearest tap's weight ≥ exp(-1/(8·0.27²)) ≈ 0.18): no float64 result changes beyond that.
     */
    private static DoubleVector gauss(DoubleVector z) {
        DoubleVector a = z.mul(z).mul(-0.5);
        var under = a.lt(EXP_FLOOR);
        return a.blend(0, under).lanewise(VectorOperators.EXP).blend(0, under);
    }

    private static void gather(int m, int j, int[] sy, int count, double[] W, double[] P, double[] SIG, Scratch sc) {
        for (int l = 0; l < LANES; l++) {
            int e = l < count ? sy[l] * m + j : -1;
            sc.w[l] = e < 0 ? 0 : W[e];
            sc.p[l] = e < 0 ? 0 : P[e];
            sc.s[l] = e < 0 || SIG == null ? 0 : SIG[e];
        }
    }

    /**
     * The kernel rows of synapses {@code sy[0..count)} into {@code rows[rowBase + l·K + n]}
     * (lane l, tap n).
     */
    static void construct(int K, int m, int[] sy, int count, double[] W, double[] P, double[] SIG, double[] rows,
                          int rowBase, Scratch sc) {
        double[] g = sc.g, block = sc.block;
        Arrays.fill(block, 0, K * LANES, 0);
        double c = K / 2;
        for (int j = 0; j < m; j++) {
            gather(m, j, sy, count, W, P, SIG, sc);
            DoubleVector p = DoubleVector.fromArray(D, sc.p, 0).add(c);
            DoubleVector is = DoubleVector.broadcast(D, 1).div(DoubleVector.fromArray(D, sc.s, 0).abs().add(0.27));
            DoubleVector sum = DoubleVector.zero(D);
            for (int n = 0; n < K; n++) {
                DoubleVector z = DoubleVector.broadcast(D, n).sub(p).mul(is);
                DoubleVector gn = gauss(z);
                gn.intoArray(g, n * LANES);
                sum = sum.add(gn);
            }
            DoubleVector f = DoubleVector.fromArray(D, sc.w, 0).div(sum.add(DclsKernel1d.NORM_EPS));
            for (int n = 0; n < K; n++) {
                DoubleVector.fromArray(D, block, n * LANES).add(f.mul(DoubleVector.fromArray(D, g, n * LANES)))
                        .intoArray(block, n * LANES);
            }
        }
        for (int l = 0; l < count; l++) {
            int r = rowBase + l * K;
            for (int n = 0; n < K; n++) rows[r + n] = block[n * LANES + l];
        }
    }

    /**
     * Accumulates the W/P/SIG gradients (double, null = skip) of synapses {@code sy[0..count)} for
     * the kernel cotangent {@code gk[gkBase + n·gkStride + l]} (tap n, lane l).
     */
    static void backward(int K, int m, int[] sy, int count, double[] W, double[] P, double[] SIG, double[] gk, int gkBase,
                         int gkStride, double[] gW, double[] gP, double[] gSIG, Scratch sc) {
        double c = K / 2;
        double[] out = sc.out;
        for (int j = 0; j < m; j++) {
            gather(m, j, sy, count, W, P, SIG, sc);
            DoubleVector p = DoubleVector.fromArray(D, sc.p, 0).add(c);
            DoubleVector is = DoubleVector.broadcast(D, 1).div(DoubleVector.fromArray(D, sc.s, 0).abs().add(0.27));
            DoubleVector sum = DoubleVector.zero(D), sa = sum, sgz = sum, sgz2 = sum, sagz = sum, sagz2 = sum;
            for (int n = 0; n < K; n++) {
                DoubleVector z = DoubleVector.broadcast(D, n).sub(p).mul(is);
                DoubleVector gn = gauss(z);
                DoubleVector gz = gn.mul(z), g = DoubleVector.fromArray(D, gk, gkBase + n * gkStride);
                sum = sum.add(gn);
                sa = sa.add(g.mul(gn));
                sgz = sgz.add(gz);
                sgz2 = sgz2.add(gz.mul(z));
                sagz = sagz.add(g.mul(gz));
                sagz2 = sagz2.add(g.mul(gz).mul(z));
            }
            DoubleVector id = DoubleVector.broadcast(D, 1).div(sum.add(DclsKernel1d.NORM_EPS));
            DoubleVector ad = sa.mul(id).mul(id), wis = DoubleVector.fromArray(D, sc.w, 0).mul(is);
            sa.mul(id).intoArray(out, 0);
            wis.mul(id.mul(sagz).sub(ad.mul(sgz))).intoArray(out, LANES);
            wis.mul(id.mul(sagz2).sub(ad.mul(sgz2))).intoArray(out, 2 * LANES);
            for (int l = 0; l < count; l++) {
                int e = sy[l] * m + j;
                if (gW != null) gW[e] += out[l];
                if (gP != null) gP[e] += out[LANES + l];
                if (gSIG != null) gSIG[e] += Math.signum(sc.s[l]) * out[2 * LANES + l];
            }
        }
    }
}
