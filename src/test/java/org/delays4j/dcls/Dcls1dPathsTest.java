package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every execution path against the float64 reference on seeded random problems: groups,
 * kernel_count 2, bias, non-causal paddings, every version, spikes / counts / real inputs,
 * zero-padded variable-length samples, narrow and wide σ, SIMD on and off.
 */
class Dcls1dPathsTest {
    static final double TOL = 1e-5;

    static List<Dcls1dConfig> configs() {
        Dcls1dConfig snn = Dcls1dConfig.builder(6, 5, 7).learnSigma(true).build();
        return List.of(
                snn,
                Dcls1dConfig.builder(6, 4, 5).groups(2).kernelCount(2).bias(true).samePadding().learnSigma(true).build(),
                Dcls1dConfig.builder(4, 6, 9).groups(2).version(DclsVersion.MAX).padding(0, 8).learnSigma(true).build(),
                snn.withVersion(DclsVersion.V1),
                snn.withVersion(DclsVersion.V0).withKernelCount(2));
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int id = 0;
        for (Dcls1dConfig c : configs())
            for (RandomDcls.Input in : RandomDcls.Input.values())
                for (double sigma : new double[] {0.23, 3.0})
                    for (ExecPath p : ExecPath.values())
                        for (boolean simd : new boolean[] {true, false})
                            out.add(Arguments.of(id++, c, in, sigma, p, simd));
        return out;
    }

    @ParameterizedTest(name = "#{0} {2} sigma={3} {4} simd={5}")
    @MethodSource("cases")
    void pathMatchesFloat64Reference(int id, Dcls1dConfig cfg, RandomDcls.Input kind, double sigma, ExecPath path,
                                     boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(1000 + id / 12);
            int T = 13, B = 5;
            Dcls1d layer = RandomDcls.layer(cfg, r, sigma);
            Seq x = RandomDcls.input(r, T, B, cfg.in(), kind, kind == RandomDcls.Input.SPIKES ? 0.1 : 0.2);
            Seq gy = RandomDcls.gaussian(r, cfg.outputLength(T), B, cfg.out());

            Dcls1dReference.Params p = RandomDcls.params(layer);
            double[] k = Dcls1dReference.kernel(cfg, layer.version(), p);
            double[] xd = RandomDcls.toDouble(x.data());
            double[] yRef = Dcls1dReference.forward(cfg, xd, T, B, k, p.bias());
            Dcls1dReference.Grads gr = Dcls1dReference.backward(cfg, xd, T, B, k, RandomDcls.toDouble(gy.data()), cfg.bias());
            int n = p.weight().length;
            double[] gw = new double[n], gp = new double[n], gs = new double[n];
            DclsKernel1d.backward(layer.version(), cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(),
                    p.weight(), p.positions(), p.sigma(), gr.kernel(), gw, gp, gs);

            layer.setPath(path);
            Seq y = layer.forward(x, true);
            assertThat(layer.lastPath()).isNotEqualTo(ExecPath.AUTO);
            if (path != ExecPath.AUTO) assertThat(layer.lastPath()).isEqualTo(path);
            assertThat(Golden.relErr(yRef, y.data())).as("y").isLessThan(TOL);
            Seq gx = layer.backward(gy, true);
            assertThat(Golden.relErr(gr.x(), gx.data())).as("grad x").isLessThan(TOL);
            assertThat(Golden.relErr(gw, layer.weight().grad())).as("grad W").isLessThan(TOL);
            assertThat(Golden.relErr(gp, layer.positions().grad())).as("grad P").isLessThan(TOL);
            if (cfg.version().usesSigma()) assertThat(Golden.relErr(gs, layer.sigma().grad())).as("grad SIG").isLessThan(TOL);
            else assertThat(layer.sigma().grad()).containsOnly(0f);
            if (cfg.bias()) assertThat(Golden.relErr(gr.bias(), layer.bias().grad())).as("grad bias").isLessThan(TOL);
        } finally {
            Kernels.use(prev);
        }
    }

    /** Frozen parameters get no gradient; the input gradient is null when not asked for. */
    @Test
    void frozenParametersAndNoInputGrad() {
        SplittableRandom r = new SplittableRandom(3);
        Dcls1dConfig cfg = Dcls1dConfig.snn(5, 4, 5); // SIG frozen
        Dcls1d layer = RandomDcls.layer(cfg, r, 1.0);
        layer.weight().setTrainable(false);
        Seq x = RandomDcls.input(r, 8, 3, 5, RandomDcls.Input.SPIKES, 0.3);
        Seq y = layer.forward(x, true);
        assertThat(layer.backward(RandomDcls.gaussian(r, y.T(), y.B(), y.C()), false)).isNull();
        assertThat(layer.weight().grad()).containsOnly(0f);
        assertThat(layer.sigma().grad()).containsOnly(0f);
        assertThat(layer.positions().grad()).isNotEqualTo(new float[layer.positions().size()]);
    }

    /** Same seed, same thread count: bit-identical outputs and gradients, on every path. */
    @Test
    void deterministicForAGivenThreadCount() {
        int prevThreads = Parallel.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallel.setThreads(threads);
                for (ExecPath p : ExecPath.values()) {
                    float[][] a = run(p), b = run(p);
                    for (int k = 0; k < a.length; k++) assertThat(b[k]).as(p + " threads " + threads).isEqualTo(a[k]);
                }
            }
        } finally {
            Parallel.setThreads(prevThreads);
        }
    }

    private static float[][] run(ExecPath p) {
        SplittableRandom r = new SplittableRandom(99);
        Dcls1dConfig cfg = Dcls1dConfig.builder(12, 10, 7).groups(2).learnSigma(true).build();
        Dcls1d layer = RandomDcls.layer(cfg, r, 0.4);
        Seq x = RandomDcls.input(r, 20, 7, 12, RandomDcls.Input.COUNTS, 0.2);
        layer.setPath(p);
        Seq y = layer.forward(x, true);
        Seq gx = layer.backward(RandomDcls.gaussian(r, y.T(), y.B(), y.C()), true);
        return new float[][] {y.data(), gx.data(), layer.weight().grad(), layer.positions().grad(), layer.sigma().grad()};
    }
}
