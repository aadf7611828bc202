package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences in float64 of the N-D construction ({@link DclsKernelNd}) composed
 * with the naive convolution ({@link ConvNdReference}): gradients wrt W, P and SIG of every
 * dimension, x and the bias, for every version in 2-D and 3-D, with kernel_count 2 and groups 2,
 * depthwise, and positions at the clamp limits.
 */
class DclsNdGradientCheckTest {
    static final double H = 1e-6;

    /** A float64 problem: config, version, parameters W [E], P and SIG [D][E], bias, input, output cotangent. */
    record Problem(DclsNdConfig cfg, ConvNdShape sh, double[] w, double[] p, double[] sig, double[] bias, double[] x,
                   double[] cot) {
        DclsVersion v() {
            return cfg.version();
        }

        double[] kernel() {
            double[] k = new double[cfg.out() * cfg.inPerGroup() * cfg.kernelVolume()];
            DclsKernelNd.construct(v(), cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(), w, p, sig, k);
            return k;
        }

        double loss() {
            double[] y = ConvNdReference.forward(sh, x, kernel(), bias);
            double l = 0;
            for (int j = 0; j < y.length; j++) l += y[j] * cot[j];
            return l;
        }

        /** Analytic {W, P, SIG, x, bias}. */
        double[][] grads() {
            ConvNdReference.Grads g = ConvNdReference.backward(sh, x, kernel(), cot, true);
            double[] gw = new double[w.length], gp = new double[p.length], gs = new double[sig.length];
            DclsKernelNd.backward(v(), cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(), w, p, sig,
                    g.kernel(), gw, gp, gs);
            return new double[][] {gw, gp, gs, g.x(), g.bias()};
        }
    }

    /** Whether a 1-D coordinate sits within 0.04 of a kink of the version (where differences are one-sided). */
    static boolean nearKink(DclsVersion v, double pGrid, double sig) {
        double s = v == DclsVersion.MAX ? Math.abs(sig) + 1 : 1;
        double[] kinks = switch (v) {
            case GAUSS -> new double[0];
            case V0 -> new double[] {pGrid};
            case V1, MAX -> new double[] {pGrid, pGrid + s, pGrid - s};
        };
        for (double k : kinks) if (Math.abs(k - Math.rint(k)) < 0.04) return true;
        return false;
    }

    static Problem problem(DclsVersion v, int[] K, int in, int out, int groups, int m, int[] size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] pad = new int[K.length];
        for (int d = 0; d < K.length; d++) pad[d] = r.nextInt(K[d]);
        DclsNdConfig cfg = DclsNdConfig.builder(in, out, K).groups(groups).kernelCount(m).padding(pad).bias(true)
                .version(v).build();
        int E = cfg.elements(), D = K.length;
        double[] w = new double[E], p = new double[D * E], sig = new double[D * E], bias = new double[out];
        for (int e = 0; e < E; e++) w[e] = r.nextDouble(-1, 1);
        for (int d = 0; d < D; d++) {
            int c = cfg.limit(d);
            for (int e = 0; e < E; e++) {
                double q, s;
                do {
                    q = c == 0 ? 0 : r.nextDouble(-c, c); // a size-1 dimension: position 0 (as the 1-D case)
                    s = (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.2, 2.0);
                } while (c > 0 && nearKink(v, q + c, s));
                p[d * E + e] = q;
                sig[d * E + e] = s;
            }
        }
        for (int o = 0; o < out; o++) bias[o] = r.nextGaussian();
        int[] xShape = new int[D + 2];
        xShape[0] = 2;
        xShape[1] = in;
        System.arraycopy(size, 0, xShape, 2, D);
        ConvNdShape sh = ConvNdShape.of(cfg, xShape, "test input");
        double[] x = new double[2 * in * sh.inPlane()], cot = new double[2 * out * sh.outPlane()];
        for (int k = 0; k < x.length; k++) x[k] = r.nextGaussian();
        for (int k = 0; k < cot.length; k++) cot[k] = r.nextGaussian();
        return new Problem(cfg, sh, w, p, sig, bias, x, cot);
    }

    /** Every version × (2-D m 2 groups 2, 2-D depthwise, 3-D m 2 groups 2, 3-D depthwise). */
    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (DclsVersion v : DclsVersion.values()) {
            l.add(Arguments.of(v, "2-D m2 groups2", new int[] {5, 3}, 4, 6, 2, 2, new int[] {6, 5}));
            l.add(Arguments.of(v, "2-D depthwise", new int[] {3, 5}, 3, 6, 3, 1, new int[] {4, 6}));
            l.add(Arguments.of(v, "3-D m2 groups2", new int[] {3, 3, 5}, 2, 4, 2, 2, new int[] {3, 4, 5}));
            l.add(Arguments.of(v, "3-D depthwise", new int[] {3, 1, 3}, 2, 2, 2, 2, new int[] {4, 2, 3}));
        }
        return l.stream();
    }

    static double maxAbs(double[] g) {
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    static void close(String what, double analytic, double numeric, double scale) {
        assertThat(Math.abs(analytic - numeric)).as(what + ": analytic " + analytic + " vs numeric " + numeric)
                .isLessThanOrEqualTo(1e-6 * Math.max(1, scale));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(DclsVersion v, String name, int[] K, int in, int out, int groups, int m,
                                         int[] size) {
        Problem pr = problem(v, K, in, out, groups, m, size, 31L * v.ordinal() + name.hashCode());
        double[][] g = pr.grads();
        for (int e = 0; e < pr.w().length; e++) close(name + " W[" + e + "]", g[0][e], Fd64.central(pr::loss, pr.w(), e, H), maxAbs(g[0]));
        for (int k = 0; k < pr.p().length; k++) {
            double num = v == DclsVersion.V0 && pr.p()[k] == Math.rint(pr.p()[k])
                    ? Fd64.rightSided(pr::loss, pr.p(), k, 1e-7) : Fd64.central(pr::loss, pr.p(), k, H); // v0 at p = 0 of a size-1 dimension
            close(name + " P[" + k + "]", g[1][k], num, maxAbs(g[1]));
            if (v.usesSigma()) close(name + " SIG[" + k + "]", g[2][k], Fd64.central(pr::loss, pr.sig(), k, H), maxAbs(g[2]));
            else assertThat(g[2][k]).as("SIG unused by " + v).isZero();
        }
        for (int k = 0; k < pr.x().length; k += 5) close(name + " x[" + k + "]", g[3][k], Fd64.central(pr::loss, pr.x(), k, H), maxAbs(g[3]));
        for (int o = 0; o < pr.bias().length; o++) close(name + " bias[" + o + "]", g[4][o], Fd64.central(pr::loss, pr.bias(), o, H), maxAbs(g[4]));
        // Each dimension's position gradient must carry signal (a dropped dimension would read zero).
        int E = pr.cfg().elements();
        for (int d = 0; d < K.length; d++) {
            if (K[d] == 1) continue; // a size-1 dimension has no room to move
            double[] gd = java.util.Arrays.copyOfRange(g[1], d * E, (d + 1) * E);
            assertThat(maxAbs(gd)).as("P gradient of dimension " + d + " is not trivially zero").isGreaterThan(1e-3);
        }
    }

    /**
     * Positions exactly at −c_d and +c_d in every dimension: gauss and max by central differences
     * (max's kink |n−p| at p is symmetric, so the central difference equals autograd's zero
     * subgradient), v0 by the right-sided difference (floor is right-continuous), and v1 — whose
     * relu kinks at p ± 1 are not symmetric — by autograd's convention: an exactly zero gradient.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsAtTheClampLimits(DclsVersion v, String name, int[] K, int in, int out, int groups, int m,
                                   int[] size) {
        Problem pr = problem(v, K, in, out, groups, m, size, 7L * v.ordinal() + name.hashCode() + 1);
        int E = pr.cfg().elements();
        for (int d = 0; d < K.length; d++) {
            int c = pr.cfg().limit(d);
            for (int e = 0; e < E; e++) pr.p()[d * E + e] = (e + d) % 2 == 0 ? -c : c;
        }
        double[][] g = pr.grads();
        for (int k = 0; k < pr.p().length; k++) {
            String what = name + " P[" + k + "]=" + pr.p()[k];
            switch (v) {
                case GAUSS, MAX -> close(what, g[1][k], Fd64.central(pr::loss, pr.p(), k, H), maxAbs(g[1]));
                case V0 -> close(what, g[1][k], Fd64.rightSided(pr::loss, pr.p(), k, 1e-7), maxAbs(g[1]));
                case V1 -> assertThat(g[1][k]).as(what).isZero();
            }
            if (v.usesSigma()) close(name + " SIG[" + k + "]", g[2][k], Fd64.central(pr::loss, pr.sig(), k, H), maxAbs(g[2]));
        }
        for (int e = 0; e < E; e++) close(name + " W[" + e + "]", g[0][e], Fd64.central(pr::loss, pr.w(), e, H), maxAbs(g[0]));
    }
}
