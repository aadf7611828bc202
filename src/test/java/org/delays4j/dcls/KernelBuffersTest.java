package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The layer's kernel construction, its derived views and its backward: the fast Gaussian forms
 * against the per-tap ones, parallel against serial (bit for bit), the parallel list/window
 * builders against their serial definitions, and buffer reuse against fresh buffers.
 */
class KernelBuffersTest {
    private static final double TOL = 0x1p-24;

    /** Random float64 parameters: W ~ N(0,1), P over [-c-1, c+1] (a few past the clamp), SIG shared or not, either sign. */
    private record P64(double[] w, double[] p, double[] sig) {
        static P64 random(SplittableRandom r, int syn, int m, int K, double sigma, boolean sharedSig) {
            int n = syn * m;
            double[] w = new double[n], p = new double[n], s = new double[n];
            double c = K / 2;
            for (int e = 0; e < n; e++) {
                w[e] = r.nextGaussian();
                p[e] = r.nextDouble(-c - 1, c + 1);
                s[e] = sharedSig ? sigma : (r.nextBoolean() ? 1 : -1) * r.nextDouble(0, 2 * sigma);
            }
            return new P64(w, p, s);
        }
    }

    private static double relErr(double[] ref, double[] x) {
        double d = 0, n = 0;
        for (int k = 0; k < ref.length; k++) {
            d += (ref[k] - x[k]) * (ref[k] - x[k]);
            n += ref[k] * ref[k];
        }
        return Math.sqrt(d / Math.max(n, 1e-300));
    }

    @ParameterizedTest(name = "{0} K={1} m={2} sigma={3} shared={4}")
    @CsvSource({"GAUSS,25,1,0.23,true", "GAUSS,25,1,0.23,false", "GAUSS,7,2,1.5,false", "GAUSS,24,3,12,true",
            "GAUSS,31,1,0,true", "MAX,25,1,0.5,false", "V1,25,2,0,true", "V0,13,2,0.5,false"})
    void fastConstructionAndBackwardMatchThePerTapForms(DclsVersion v, int K, int m, double sigma, boolean shared) {
        SplittableRandom r = new SplittableRandom(K * 31L + m);
        int syn = 60;
        P64 q = P64.random(r, syn, m, K, sigma, shared);
        double[] fast = new double[syn * K], naive = new double[syn * K];
        DclsKernel1d.construct(v, K, syn, m, q.w(), q.p(), q.sig(), fast);
        DclsKernel1d.constructNaive(v, K, syn, m, q.w(), q.p(), q.sig(), naive);
        assertThat(relErr(naive, fast)).as("kernel").isLessThan(1e-13);

        double[] gk = new double[syn * K];
        for (int k = 0; k < gk.length; k++) gk[k] = r.nextGaussian();
        double[][] f = new double[3][syn * m], n = new double[3][syn * m];
        DclsKernel1d.backward(v, K, syn, m, q.w(), q.p(), q.sig(), gk, f[0], f[1], f[2]);
        DclsKernel1d.backwardNaive(v, K, syn, m, q.w(), q.p(), q.sig(), gk, n[0], n[1], n[2]);
        assertThat(relErr(n[0], f[0])).as("grad W").isLessThan(1e-12);
        assertThat(relErr(n[1], f[1])).as("grad P").isLessThan(1e-12);
        if (v.usesSigma() && sigma > 0) assertThat(relErr(n[2], f[2])).as("grad SIG").isLessThan(1e-12);
        if (!v.usesSigma()) assertThat(f[2]).containsOnly(0.0);
    }

    /** The synapse-per-lane Gaussian rows and backward (SIMD on) against the per-tap forms, partial lane groups included. */
    @ParameterizedTest(name = "K={0} m={1} sigma={2} shared={3}")
    @CsvSource({"25,1,0.23,true", "25,1,0.23,false", "7,2,1.5,false", "24,3,12,true", "31,1,0,true"})
    void laneFormsMatchThePerTapForms(int K, int m, double sigma, boolean shared) {
        SplittableRandom r = new SplittableRandom(K * 17L + m);
        int syn = 3 * GaussLanes.LANES + 3;
        P64 q = P64.random(r, syn, m, K, sigma, shared);
        double[] naive = new double[syn * K], lanes = new double[syn * K], gk = new double[syn * K];
        DclsKernel1d.constructNaive(DclsVersion.GAUSS, K, syn, m, q.w(), q.p(), q.sig(), naive);
        for (int k = 0; k < gk.length; k++) gk[k] = r.nextGaussian();
        double[][] ref = new double[3][syn * m], got = new double[3][syn * m];
        DclsKernel1d.backwardNaive(DclsVersion.GAUSS, K, syn, m, q.w(), q.p(), q.sig(), gk, ref[0], ref[1], ref[2]);
        GaussLanes.Scratch sc = new GaussLanes.Scratch(K);
        int L = GaussLanes.LANES;
        double[] tapMajor = new double[K * L];
        for (int s0 = 0; s0 < syn; s0 += L) {
            int count = Math.min(L, syn - s0);
            int[] sy = new int[L];
            for (int l = 0; l < count; l++) sy[l] = s0 + l;
            GaussLanes.construct(K, m, sy, count, q.w(), q.p(), q.sig(), lanes, s0 * K, sc);
            Arrays.fill(tapMajor, Double.NaN); // lanes past count must not leak into the results
            for (int l = 0; l < count; l++) for (int n = 0; n < K; n++) tapMajor[n * L + l] = gk[(s0 + l) * K + n];
            GaussLanes.backward(K, m, sy, count, q.w(), q.p(), q.sig(), tapMajor, 0, L, got[0], got[1], got[2], sc);
        }
        assertThat(relErr(naive, lanes)).as("kernel").isLessThan(1e-13);
        assertThat(relErr(ref[0], got[0])).as("grad W").isLessThan(1e-12);
        assertThat(relErr(ref[1], got[1])).as("grad P").isLessThan(1e-12);
        if (sigma > 0) assertThat(relErr(ref[2], got[2])).as("grad SIG").isLessThan(1e-12);
        else assertThat(got[2]).containsOnly(0.0);
    }

    /** The layer's buffers with SIMD on (lanes) and off (scalar recurrence): the same kernel and gradients to float32 rounding. */
    @ParameterizedTest
    @CsvSource({"40,36,1,1,0.23", "40,36,4,2,0.23", "33,17,1,1,3"})
    void simdOnAndOffAgree(int in, int out, int groups, int m, double sigma) {
        Dcls1dConfig cfg = Dcls1dConfig.builder(in, out, 25).groups(groups).kernelCount(m).learnSigma(true).build();
        SplittableRandom r = new SplittableRandom(in * 5L + out);
        Dcls1d l = RandomDcls.layer(cfg, r, sigma);
        float[] gkt = randomGkt(r, cfg);
        org.delays4j.core.Ops prev = org.delays4j.core.Kernels.use(org.delays4j.core.NaiveOps.INSTANCE);
        Views off, on;
        try {
            off = Views.of(cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
            org.delays4j.core.Kernels.use(org.delays4j.core.VectorOps.INSTANCE);
            on = Views.of(cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
        } finally {
            org.delays4j.core.Kernels.use(prev);
        }
        assertThat(relErr(toDouble(off.kt()), toDouble(on.kt()))).as("kt").isLessThan(1e-7);
        for (int k = 0; k < 3; k++) {
            assertThat(relErr(toDouble(off.grads()[k]), toDouble(on.grads()[k]))).as("grad " + k).isLessThan(1e-6);
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) d[k] = f[k];
        return d;
    }

    /** Everything a layer derives from one build, as comparable arrays. */
    private record Views(float[] kt, double kept, boolean single, int[][] fwd, float[] fwdW, int[][] ig, float[] igW,
                         int[] snipStart, float[] snipRev, float[][] grads) {
        static Views of(Dcls1dConfig cfg, DclsVersion v, float[] W, float[] P, float[] S, float[] gktIn, int T, int B) {
            KernelBuffers kb = new KernelBuffers(cfg);
            return of(kb, cfg, v, W, P, S, gktIn, T, B);
        }

        static Views of(KernelBuffers kb, Dcls1dConfig cfg, DclsVersion v, float[] W, float[] P, float[] S, float[] gktIn,
                        int T, int B) {
            ConvShape s = ConvShape.of(cfg, T, B);
            kb.build(v, W, P, S);
            double kept = kb.keptFraction(TOL);
            NarrowKernel nk = kb.narrow(s, TOL);
            NarrowKernel.Lists f = nk.forward(), g = nk.inputGrad();
            Snippets sn = kb.snippets(s, TOL);
            float[] gkt = kb.gradBuffer();
            System.arraycopy(gktIn, 0, gkt, 0, gkt.length);
            float[][] grads = new float[3][W.length];
            kb.backward(v, gkt, grads[0], grads[1], grads[2]);
            return new Views(kb.kt.clone(), kept, kb.singleTap(TOL), new int[][] {f.ptr(), f.src(), f.tap(), f.blockPtr()}, f.w(),
                    new int[][] {g.ptr(), g.src(), g.tap(), g.blockPtr()}, g.w(), sn == null ? null : sn.start(),
                    sn == null ? null : sn.rev(), grads);
        }

        void assertSame(Views o) {
            assertThat(o.kt).as("kt").isEqualTo(kt);
            assertThat(o.kept).as("kept").isEqualTo(kept);
            assertThat(o.single).as("single tap").isEqualTo(single);
            assertThat(o.fwd).as("forward lists").isDeepEqualTo(fwd);
            assertThat(o.fwdW).as("forward weights").isEqualTo(fwdW);
            assertThat(o.ig).as("input-gradient lists").isDeepEqualTo(ig);
            assertThat(o.igW).as("input-gradient weights").isEqualTo(igW);
            assertThat(o.snipStart).as("snippet starts").isEqualTo(snipStart);
            assertThat(o.snipRev).as("snippet windows").isEqualTo(snipRev);
            assertThat(o.grads).as("W/P/SIG grads").isDeepEqualTo(grads);
        }
    }

    private static float[] randomGkt(SplittableRandom r, Dcls1dConfig cfg) {
        float[] g = new float[cfg.kernelSize() * cfg.in() * cfg.outPerGroup()];
        for (int k = 0; k < g.length; k++) g[k] = (float) r.nextGaussian();
        return g;
    }

    @ParameterizedTest
    @CsvSource({"40,36,1,1,0.23", "40,36,4,2,0.23", "24,50,2,1,3", "33,17,1,1,0.6"})
    void parallelBuildViewsAndBackwardEqualSerialBitForBit(int in, int out, int groups, int m, double sigma) {
        Dcls1dConfig cfg = Dcls1dConfig.builder(in, out, 25).groups(groups).kernelCount(m).learnSigma(true).build();
        SplittableRandom r = new SplittableRandom(in * 7L + out);
        Dcls1d l = RandomDcls.layer(cfg, r, sigma);
        float[] gkt = randomGkt(r, cfg);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Views serial = Views.of(cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
            for (int t : new int[] {2, 3, 5}) {
                Parallel.setThreads(t);
                Views par = Views.of(cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
                serial.assertSame(par);
            }
            // a second build on the same buffers makes the mask and windows in its own pass
            float[] W2 = l.weight().value().clone();
            W2[0] += 0.25f;
            Parallel.setThreads(1);
            KernelBuffers kb1 = new KernelBuffers(cfg);
            Views.of(kb1, cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
            Views serial2 = Views.of(kb1, cfg, l.version(), W2, l.positions().value(), l.sigma().value(), gkt, 30, 2);
            Views.of(cfg, l.version(), W2, l.positions().value(), l.sigma().value(), gkt, 30, 2).assertSame(serial2);
            for (int t : new int[] {2, 3}) {
                Parallel.setThreads(t);
                KernelBuffers kb = new KernelBuffers(cfg);
                Views.of(kb, cfg, l.version(), l.weight().value(), l.positions().value(), l.sigma().value(), gkt, 30, 2);
                serial2.assertSame(Views.of(kb, cfg, l.version(), W2, l.positions().value(), l.sigma().value(), gkt, 30, 2));
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** The parallel list and window builders against their definitions, written serially from kt and the forward lists. */
    @ParameterizedTest
    @CsvSource({"40,36,1,1", "40,36,4,2", "30,20,2,1"})
    void listsAndWindowsMatchTheirSerialDefinitions(int in, int out, int groups, int m) {
        Dcls1dConfig cfg = Dcls1dConfig.builder(in, out, 25).groups(groups).kernelCount(m).build();
        SplittableRandom r = new SplittableRandom(in + out * 13L);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.23);
        ConvShape s = ConvShape.of(cfg, 30, 2);
        KernelBuffers kb = new KernelBuffers(cfg);
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        NarrowKernel nk = kb.narrow(s, TOL);
        int K = 25, inG = s.inG(), outG = s.outG();
        float[] W = l.weight().value();
        NarrowKernel.Lists f = nk.forward();
        // forward: per output, (i, n) ascending, every entry kt's value and above the bound, the rest of kt below it
        boolean[] seen = new boolean[kb.kt.length];
        for (int o = 0; o < out; o++) {
            int g = o / outG, oo = o % outG;
            for (int e = f.ptr()[o]; e < f.ptr()[o + 1]; e++) {
                int i = f.src()[e], n = f.tap()[e], t = (n * in + i) * outG + oo;
                assertThat(i / inG).isEqualTo(g);
                if (e > f.ptr()[o]) assertThat(f.src()[e - 1] * K + f.tap()[e - 1]).isLessThan(i * K + n);
                assertThat(f.w()[e]).isEqualTo(kb.kt[t]);
                seen[t] = true;
            }
            for (int ii = 0; ii < inG; ii++) {
                double sw = 0;
                for (int j = 0; j < m; j++) sw += Math.abs(W[(o * inG + ii) * m + j]);
                for (int n = 0; n < K; n++) {
                    int t = (n * in + g * inG + ii) * outG + oo;
                    // kt is the rounding of the float64 entry the bound was applied to: allow that rounding at the edge
                    if (!seen[t]) assertThat((double) Math.abs(kb.kt[t])).isLessThanOrEqualTo(TOL * sw * (1 + 1e-7));
                    else assertThat((double) Math.abs(kb.kt[t])).isGreaterThanOrEqualTo(TOL * sw * (1 - 1e-7));
                }
            }
            for (int k = 0; k <= f.blocks(); k++) {
                int bp = f.blockPtr()[o * (f.blocks() + 1) + k], lo = f.ptr()[o];
                int expect = lo;
                while (expect < f.ptr()[o + 1] && f.src()[expect] < k * NarrowKernel.SRC_BLOCK) expect++;
                assertThat(bp).isEqualTo(expect);
            }
        }
        // input gradient: the stable transpose of the forward lists by source channel
        NarrowKernel.Lists g = nk.inputGrad();
        int[] next = new int[in + 1];
        for (int e = 0; e < f.entries(); e++) next[f.src()[e] + 1]++;
        for (int i = 0; i < in; i++) next[i + 1] += next[i];
        assertThat(g.ptr()).isEqualTo(next.clone());
        int[] gs = new int[f.entries()], gt = new int[f.entries()];
        float[] gw = new float[f.entries()];
        for (int o = 0; o < out; o++) {
            for (int e = f.ptr()[o]; e < f.ptr()[o + 1]; e++) {
                int j = next[f.src()[e]]++;
                gs[j] = o;
                gt[j] = f.tap()[e];
                gw[j] = f.w()[e];
            }
        }
        assertThat(g.src()).isEqualTo(gs);
        assertThat(g.tap()).isEqualTo(gt);
        assertThat(g.w()).isEqualTo(gw);
        // windows: each holds kt at its taps, reversed, and covers the synapse's kept taps
        Snippets sn = kb.snippets(s, TOL);
        if (m > 1) return; // two positions per synapse: the kept taps usually span more than one window
        assertThat(sn).isNotNull();
        for (int i = 0; i < in; i++) {
            for (int oo = 0; oo < outG; oo++) {
                int sy = i * outG + oo, st = sn.start()[sy];
                for (int j = 0; j < Snippets.WIDTH; j++) {
                    int n = st + Snippets.WIDTH - 1 - j;
                    assertThat(sn.rev()[sy * Snippets.WIDTH + j]).isEqualTo(n < K ? kb.kt[(n * in + i) * outG + oo] : 0f);
                }
            }
        }
        for (int o = 0; o < out; o++) {
            for (int e = f.ptr()[o]; e < f.ptr()[o + 1]; e++) {
                int st = sn.start()[f.src()[e] * outG + o % outG];
                assertThat(f.tap()[e]).as("kept tap inside its window").isBetween(st, st + Snippets.WIDTH - 1);
            }
        }
    }

    /** One buffer set reused over changing parameters, tolerances and versions gives what fresh buffers give. */
    @ParameterizedTest
    @EnumSource(value = DclsVersion.class, names = {"GAUSS", "MAX"})
    void reusedBuffersEqualFreshOnes(DclsVersion v) {
        Dcls1dConfig cfg = Dcls1dConfig.builder(20, 18, 25).groups(2).kernelCount(2).learnSigma(true).build();
        SplittableRandom r = new SplittableRandom(5);
        KernelBuffers reused = new KernelBuffers(cfg);
        for (int step = 0; step < 5; step++) {
            Dcls1d l = RandomDcls.layer(cfg, r, step % 2 == 0 ? 0.23 : 2.0);
            float[] gkt = randomGkt(r, cfg);
            float[] W = l.weight().value(), P = l.positions().value(), S = l.sigma().value();
            if (step == 3) reused.keptFraction(1e-3); // another tolerance in between: the mask follows
            Views.of(cfg, v, W, P, S, gkt, 25 + step, 1 + step).assertSame(Views.of(reused, cfg, v, W, P, S, gkt, 25 + step, 1 + step));
        }
    }

    @Test
    void aNarrowViewUsedAfterARebuildThrows() {
        Dcls1dConfig cfg = Dcls1dConfig.snn(12, 10, 25);
        SplittableRandom r = new SplittableRandom(8);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.23);
        KernelBuffers kb = new KernelBuffers(cfg);
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        NarrowKernel nk = kb.narrow(ConvShape.of(cfg, 20, 2), TOL);
        l.weight().value()[0] += 0.5f;
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        assertThatThrownBy(nk::forward).isInstanceOf(IllegalStateException.class).hasMessageContaining("rebuilt");
        assertThatThrownBy(nk::inputGrad).isInstanceOf(IllegalStateException.class);
    }

    /** Window gradients mapped straight to W/P/SIG = scattered into a zeroed tap-major buffer, then mapped: bit for bit. */
    @ParameterizedTest
    @CsvSource({"40,36,1,1", "40,36,4,1", "30,20,2,1", "12,9,1,1"})
    void windowBackwardEqualsScatterThenBackward(int in, int out, int groups, int m) {
        Dcls1dConfig cfg = Dcls1dConfig.builder(in, out, 25).groups(groups).kernelCount(m).learnSigma(true).build();
        SplittableRandom r = new SplittableRandom(in * 3L + out + groups);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.23);
        ConvShape s = ConvShape.of(cfg, 30, 2);
        KernelBuffers kb = new KernelBuffers(cfg);
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        Snippets sn = kb.snippets(s, TOL);
        assertThat(sn).isNotNull();
        float[] gkSnip = new float[sn.rev().length];
        for (int k = 0; k < gkSnip.length; k++) gkSnip[k] = (float) r.nextGaussian();
        int n = l.weight().size();
        float[][] viaBuffer = {new float[n], new float[n], new float[n]}, direct = {new float[n], new float[n], new float[n]};
        for (int k = 0; k < n; k++) { // accumulation onto existing gradients
            float v = (float) r.nextGaussian();
            viaBuffer[k % 3][k] = direct[k % 3][k] = v;
        }
        float[] gkt = kb.gradBuffer();
        SnippetConv1d.scatterGrad(s, sn, gkSnip, gkt);
        kb.backward(l.version(), gkt, viaBuffer[0], viaBuffer[1], viaBuffer[2]);
        kb.backwardWindows(l.version(), sn, gkSnip, direct[0], direct[1], direct[2]);
        assertThat(direct).isDeepEqualTo(viaBuffer);
        assertThat(kb.gradBuffer()).as("the tap-major buffer stays clean").containsOnly(0f);
    }

    /** The backward leaves its own gradient buffer zeroed, so the next gradBuffer() is zero without a fill. */
    @Test
    void gradBufferIsZeroAgainAfterTheBackward() {
        Dcls1dConfig cfg = Dcls1dConfig.builder(16, 20, 9).groups(4).build();
        SplittableRandom r = new SplittableRandom(2);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.5);
        KernelBuffers kb = new KernelBuffers(cfg);
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        float[] g = kb.gradBuffer();
        for (int k = 0; k < g.length; k++) g[k] = (float) r.nextGaussian();
        kb.backward(l.version(), g, new float[l.weight().size()], null, null);
        assertThat(kb.gradBuffer()).containsOnly(0f);
        // a foreign buffer is left as it is
        float[] mine = randomGkt(r, cfg), copy = mine.clone();
        kb.backward(l.version(), mine, new float[l.weight().size()], null, null);
        assertThat(mine).isEqualTo(copy);
    }

    /** The bias gradient (parallel over channels) is the float64 column sum of the cotangent, the same at any thread count. */
    @Test
    void biasGradientIsTheColumnSumAtAnyThreadCount() {
        Dcls1dConfig cfg = Dcls1dConfig.builder(6, 37, 5).bias(true).build();
        SplittableRandom r = new SplittableRandom(4);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.5);
        Seq x = RandomDcls.input(r, 21, 3, 6, RandomDcls.Input.REAL, 1);
        Seq gy = RandomDcls.gaussian(r, 21 + 2, 3, 37);
        double[] ref = new double[37];
        for (int row = 0; row < gy.T() * gy.B(); row++) for (int o = 0; o < 37; o++) ref[o] += gy.data()[row * 37 + o];
        int before = Parallel.threads();
        try {
            for (int t : new int[] {1, 2, 4}) {
                Parallel.setThreads(t);
                l.forward(x, true);
                Arrays.fill(l.bias().grad(), 0f);
                l.backward(gy, false);
                for (int o = 0; o < 37; o++) assertThat(l.bias().grad()[o]).as("threads " + t + " channel " + o).isEqualTo((float) ref[o]);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
