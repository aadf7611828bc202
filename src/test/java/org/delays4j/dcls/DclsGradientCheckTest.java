package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks in float64 of the gradients wrt W, P, SIG and x of the reference
 * path (kernel construction + convolution), with kernel_count 2, groups 2 and positions at the
 * clamp limits, for every version.
 */
class DclsGradientCheckTest {
    static final int T = 9, B = 2;

    /** A problem: config, parameters, input and output cotangent. */
    record Problem(Dcls1dConfig cfg, DclsVersion v, double[] w, double[] p, double[] sig, double[] x, double[] cot) {
        double loss() {
            double[] k = Dcls1dReference.kernel(cfg, v, new Dcls1dReference.Params(w, p, sig, null));
            double[] y = Dcls1dReference.forward(cfg, x, T, B, k, null);
            double l = 0;
            for (int j = 0; j < y.length; j++) l += y[j] * cot[j];
            return l;
        }

        /** Analytic gradients {W, P, SIG, x}. */
        double[][] grads() {
            double[] k = Dcls1dReference.kernel(cfg, v, new Dcls1dReference.Params(w, p, sig, null));
            Dcls1dReference.Grads g = Dcls1dReference.backward(cfg, x, T, B, k, cot, false);
            double[] gw = new double[w.length], gp = new double[w.length], gs = new double[w.length];
            DclsKernel1d.backward(v, cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(), w, p, sig,
                    g.kernel(), gw, gp, gs);
            return new double[][] {gw, gp, gs, g.x()};
        }
    }

    static Problem problem(DclsVersion v, long seed, double pAvoid) {
        SplittableRandom r = new SplittableRandom(seed);
        Dcls1dConfig cfg = Dcls1dConfig.builder(4, 6, 7).groups(2).kernelCount(2).version(v).build();
        int n = cfg.out() * cfg.inPerGroup() * cfg.kernelCount(), c = cfg.limit();
        double[] w = new double[n], p = new double[n], sig = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = r.nextDouble(-1, 1);
            double q;
            do q = r.nextDouble(-c, c); while (Math.abs(q - Math.rint(q)) < pAvoid); // keep away from kinks
            p[k] = q;
            sig[k] = (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.3, 2.2);
            if (Math.abs(Math.abs(sig[k]) + 1 - Math.rint(Math.abs(sig[k]) + 1)) < 0.05) sig[k] += 0.1;
        }
        double[] x = new double[T * B * cfg.in()], cot = new double[cfg.outputLength(T) * B * cfg.out()];
        for (int k = 0; k < x.length; k++) x[k] = r.nextGaussian();
        for (int k = 0; k < cot.length; k++) cot[k] = r.nextGaussian();
        return new Problem(cfg, v, w, p, sig, x, cot);
    }

    static void assertClose(String what, double analytic, double numeric, double scale) {
        assertThat(Math.abs(analytic - numeric)).as(what + ": analytic " + analytic + " vs numeric " + numeric)
                .isLessThanOrEqualTo(1e-6 * Math.max(1, scale));
    }

    static double scale(double[] g) {
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    @ParameterizedTest
    @EnumSource(DclsVersion.class)
    void gradientsMatchFiniteDifferences(DclsVersion v) {
        Problem pr = problem(v, 11 + v.ordinal(), 0.05);
        double[][] g = pr.grads();
        double h = 1e-6;
        for (int k = 0; k < pr.w().length; k++) {
            assertClose(v + " W[" + k + "]", g[0][k], Fd64.central(pr::loss, pr.w(), k, h), scale(g[0]));
            assertClose(v + " P[" + k + "]", g[1][k], Fd64.central(pr::loss, pr.p(), k, h), scale(g[1]));
            if (v.usesSigma()) assertClose(v + " SIG[" + k + "]", g[2][k], Fd64.central(pr::loss, pr.sig(), k, h), scale(g[2]));
            else assertThat(g[2][k]).as("SIG unused by " + v).isZero();
        }
        for (int k = 0; k < pr.x().length; k += 3) assertClose(v + " x[" + k + "]", g[3][k], Fd64.central(pr::loss, pr.x(), k, h), scale(g[3]));
        assertThat(scale(g[1])).as("P gradient is not trivially zero").isGreaterThan(1e-3);
    }

    /** Positions exactly at -c and +c: smooth versions by central differences, v0 by the right-sided one autograd takes. */
    @ParameterizedTest
    @EnumSource(DclsVersion.class)
    void gradientsAtTheClampLimits(DclsVersion v) {
        Problem pr = problem(v, 101 + v.ordinal(), 0.05);
        int c = pr.cfg().limit();
        for (int k = 0; k < pr.p().length; k++) pr.p()[k] = (k % 2 == 0) ? -c : c;
        double[][] g = pr.grads();
        for (int k = 0; k < pr.p().length; k++) {
            switch (v) {
                case GAUSS, MAX -> assertClose(v + " P[" + k + "]=" + pr.p()[k], g[1][k], Fd64.central(pr::loss, pr.p(), k, 1e-6), scale(g[1]));
                case V0 -> assertClose(v + " P[" + k + "]=" + pr.p()[k], g[1][k], Fd64.rightSided(pr::loss, pr.p(), k, 1e-7), scale(g[1]));
                // v1 at an integer position: |n-p| = 0 and relu(0) give the zero subgradient, as autograd
                case V1 -> assertThat(g[1][k]).as("v1 P at integer position " + pr.p()[k]).isZero();
            }
            assertClose(v + " W[" + k + "]", g[0][k], Fd64.central(pr::loss, pr.w(), k, 1e-6), scale(g[0]));
        }
    }

    /** v1 just inside the limits (where it is differentiable) matches central differences. */
    @Test
    void v1NearTheClampLimits() {
        Problem pr = problem(DclsVersion.V1, 7, 0.05);
        int c = pr.cfg().limit();
        for (int k = 0; k < pr.p().length; k++) pr.p()[k] = (k % 2 == 0) ? -c + 0.3 : c - 0.3;
        double[][] g = pr.grads();
        for (int k = 0; k < pr.p().length; k++) assertClose("v1 P[" + k + "]", g[1][k], Fd64.central(pr::loss, pr.p(), k, 1e-6), scale(g[1]));
        assertThat(scale(g[1])).isGreaterThan(1e-3);
    }

    /** The SIG gradient vanishes at SIG = 0 (d|s|/ds = 0 there, as autograd). */
    @Test
    void sigmaGradientIsZeroAtZero() {
        Problem pr = problem(DclsVersion.GAUSS, 5, 0.05);
        java.util.Arrays.fill(pr.sig(), 0.0);
        double[][] g = pr.grads();
        for (double s : g[2]) assertThat(s).isZero();
    }
}
