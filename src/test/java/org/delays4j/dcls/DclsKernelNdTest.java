package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The N-D construction against the 1-D one (a size-1 extra dimension at position 0 reduces it to
 * DCLS-1D), its invariants (normalised grids sum to W·Σ/(Σ+ε), v0 is bilinear) and its backward
 * against the 1-D backward in the reduced case.
 */
class DclsKernelNdTest {
    static final int SYN = 6, M = 2;

    record Params(double[] w, double[] p, double[] sig) {}

    /** Random W, P in [−c, c] and SIG of dimension 0 for kernel size K (other dimensions appended by callers). */
    static Params oneD(int K, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int E = SYN * M, c = K / 2;
        double[] w = new double[E], p = new double[E], s = new double[E];
        for (int e = 0; e < E; e++) {
            w[e] = r.nextDouble(-1, 1);
            p[e] = r.nextDouble(-c, c);
            s[e] = r.nextDouble(-2, 2);
        }
        return new Params(w, p, s);
    }

    /** [D][E] with dimension {@code at} holding {@code a} and the others zeros (position 0, SIG 0). */
    static double[] embed(double[] a, int D, int at) {
        double[] r = new double[D * a.length];
        System.arraycopy(a, 0, r, at * a.length, a.length);
        return r;
    }

    static double maxRelDiff(double[] a, double[] b) {
        double m = 0, scale = 0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - b[k]));
            scale = Math.max(scale, Math.abs(b[k]));
        }
        return m / Math.max(scale, 1e-300);
    }

    /**
     * 2-D with K_2 = 1 and 3-D with K = (1, K, 1), extra positions 0 and SIG 0: exactly the 1-D
     * kernel and gradients for every version (the size-1 dimensions' 1-D weight is 1: gauss exp(0),
     * max relu(|0|+1 − 0), v1 relu(1 − 0), v0 1 − 0).
     */
    @ParameterizedTest
    @EnumSource(DclsVersion.class)
    void sizeOneDimensionsReduceToTheOneDimensionalKernel(DclsVersion v) {
        int K = 7;
        Params q = oneD(K, 3 + v.ordinal());
        double[] k1 = new double[SYN * K];
        DclsKernel1d.construct(v, K, SYN, M, q.w(), q.p(), q.sig(), k1);
        double[] gk = new double[SYN * K];
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < gk.length; k++) gk[k] = r.nextGaussian();
        double[] gw1 = new double[SYN * M], gp1 = new double[SYN * M], gs1 = new double[SYN * M];
        DclsKernel1d.backward(v, K, SYN, M, q.w(), q.p(), q.sig(), gk, gw1, gp1, gs1);

        for (int[] shape : new int[][] {{K, 1}, {1, K, 1}, {K}}) {
            int D = shape.length, at = shape[0] == K ? 0 : 1, E = SYN * M;
            double[] p = embed(q.p(), D, at), s = embed(q.sig(), D, at);
            double[] kn = new double[SYN * K];
            DclsKernelNd.construct(v, shape, SYN, M, q.w(), p, s, kn);
            assertThat(maxRelDiff(kn, k1)).as(v + " kernel " + java.util.Arrays.toString(shape)).isLessThan(1e-14);
            double[] gw = new double[E], gp = new double[D * E], gs = new double[D * E];
            DclsKernelNd.backward(v, shape, SYN, M, q.w(), p, s, gk, gw, gp, gs);
            assertThat(maxRelDiff(gw, gw1)).as(v + " W grad").isLessThan(1e-13);
            assertThat(maxRelDiff(java.util.Arrays.copyOfRange(gp, at * E, (at + 1) * E), gp1)).as(v + " P grad")
                    .isLessThan(1e-13);
            if (v.usesSigma()) {
                assertThat(maxRelDiff(java.util.Arrays.copyOfRange(gs, at * E, (at + 1) * E), gs1)).as(v + " SIG grad")
                        .isLessThan(1e-13);
            }
        }
    }

    /**
     * With SIG ≠ 0 in a size-1 dimension, max's weight there is s = |SIG|+1 and the normalisation
     * cancels it except in the ε term: ĝ = g/(Σg + ε/s). The kernels then differ by at most
     * ε·(1 − 1/s)/Σg relative (≤ 1e-7 here), no more.
     */
    @Test
    void maxWithWidthInASizeOneDimensionDiffersOnlyInTheEpsilonTerm() {
        int K = 7;
        Params q = oneD(K, 17);
        double[] k1 = new double[SYN * K], kn = new double[SYN * K];
        DclsKernel1d.construct(DclsVersion.MAX, K, SYN, M, q.w(), q.p(), q.sig(), k1);
        double[] s = new double[2 * SYN * M];
        System.arraycopy(q.sig(), 0, s, 0, SYN * M);
        java.util.Arrays.fill(s, SYN * M, s.length, 1.5);
        DclsKernelNd.construct(DclsVersion.MAX, new int[] {K, 1}, SYN, M, q.w(), embed(q.p(), 2, 0), s, kn);
        double diff = maxRelDiff(kn, k1);
        assertThat(diff).isGreaterThan(0).isLessThan(1e-7);
    }

    /** Normalised versions: each element spreads W·Σ/(Σ+ε) over the grid; v0 spreads exactly W inside it. */
    @ParameterizedTest
    @EnumSource(DclsVersion.class)
    void everyElementSpreadsItsWeightOverTheGrid(DclsVersion v) {
        int[] K = {5, 3, 7};
        SplittableRandom r = new SplittableRandom(5);
        int E = 4;
        double[] w = new double[E], p = new double[3 * E], s = new double[3 * E];
        for (int e = 0; e < E; e++) w[e] = r.nextDouble(0.5, 2);
        for (int d = 0; d < 3; d++)
            for (int e = 0; e < E; e++) {
                p[d * E + e] = r.nextDouble(-(K[d] / 2), K[d] / 2);
                s[d * E + e] = r.nextDouble(0, 1);
            }
        double[] k = new double[E * 105];
        DclsKernelNd.construct(v, K, E, 1, w, p, s, k);
        for (int e = 0; e < E; e++) {
            double sum = 0;
            for (int n = 0; n < 105; n++) sum += k[e * 105 + n];
            assertThat(sum).as(v + " element " + e).isCloseTo(w[e], org.assertj.core.data.Offset.offset(1e-6 * w[e]));
        }
    }

    /** v0 in 2-D is bilinear: P = (0.25, −0.5) on a 3×3 grid puts weight on the four surrounding taps. */
    @Test
    void v0IsBilinearInTwoDimensions() {
        double[] k = new double[9];
        // grid coordinates p = P + 1: (1.25, 0.5): rows 1, 2 with 0.75, 0.25; columns 0, 1 with 0.5, 0.5
        DclsKernelNd.construct(DclsVersion.V0, new int[] {3, 3}, 1, 1, new double[] {2}, new double[] {0.25, -0.5},
                null, k);
        double[] expected = {0, 0, 0, 2 * 0.75 * 0.5, 2 * 0.75 * 0.5, 0, 2 * 0.25 * 0.5, 2 * 0.25 * 0.5, 0};
        assertThat(k).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-15));
    }

    /** gauss in 2-D is the normalised outer product of the two 1-D Gaussians (separability). */
    @Test
    void gaussIsTheNormalisedOuterProduct() {
        int[] K = {5, 7};
        double[] p = {0.3, -1.7}, s = {0.4, -1.1}, k = new double[35];
        DclsKernelNd.construct(DclsVersion.GAUSS, K, 1, 1, new double[] {1}, p, s, k);
        double[] total = new double[1];
        double[][] g = new double[2][];
        for (int d = 0; d < 2; d++) {
            g[d] = new double[K[d]];
            double sd = Math.abs(s[d]) + 0.27;
            for (int n = 0; n < K[d]; n++) g[d][n] = Math.exp(-0.5 * Math.pow((n - p[d] - K[d] / 2) / sd, 2));
        }
        for (double a : g[0]) for (double b : g[1]) total[0] += a * b;
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 7; j++)
                assertThat(k[i * 7 + j]).isCloseTo(g[0][i] * g[1][j] / (total[0] + 1e-7),
                        org.assertj.core.data.Offset.offset(1e-15));
    }
}
