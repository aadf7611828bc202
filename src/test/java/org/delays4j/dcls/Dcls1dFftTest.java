package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A whole Dcls1d backward with FFT gradients forced on, against forced off and the float64 reference. */
class Dcls1dFftTest {
    static List<Arguments> cases() {
        List<Dcls1dConfig> cfgs = List.of(
                Dcls1dConfig.builder(6, 5, 7).learnSigma(true).build(),
                Dcls1dConfig.builder(9, 4, 25).bias(true).samePadding().learnSigma(true).build(),
                Dcls1dConfig.builder(5, 7, 9).version(DclsVersion.MAX).padding(0, 8).learnSigma(true).build(),
                Dcls1dConfig.builder(8, 3, 31).kernelCount(2).version(DclsVersion.V1).learnSigma(true).build(),
                Dcls1dConfig.builder(4, 6, 1).learnSigma(true).build(),
                Dcls1dConfig.builder(6, 4, 5).groups(2).learnSigma(true).build());
        List<Arguments> out = new ArrayList<>();
        int id = 0;
        for (Dcls1dConfig c : cfgs)
            for (double sigma : new double[] {0.23, 3.0})
                for (boolean simd : new boolean[] {true, false}) out.add(Arguments.of(id++, c, sigma, simd));
        return out;
    }

    @ParameterizedTest(name = "#{0} sigma={2} simd={3}")
    @MethodSource("cases")
    void fftGradientsMatchDensePathAndFloat64(int id, Dcls1dConfig cfg, double sigma, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(77 + id);
            int T = 15 + 2 * (id % 4), B = 3;
            Dcls1d on = RandomDcls.layer(cfg, r, sigma);
            Seq x = RandomDcls.input(r, T, B, cfg.in(), RandomDcls.Input.SPIKES, 0.2);
            Seq gy = RandomDcls.gaussian(r, cfg.outputLength(T), B, cfg.out());
            Dcls1d off = new Dcls1d(cfg);
            System.arraycopy(on.weight().value(), 0, off.weight().value(), 0, on.weight().size());
            System.arraycopy(on.positions().value(), 0, off.positions().value(), 0, on.positions().size());
            System.arraycopy(on.sigma().value(), 0, off.sigma().value(), 0, on.sigma().size());
            if (on.bias() != null) System.arraycopy(on.bias().value(), 0, off.bias().value(), 0, on.bias().size());
            on.setPolicy(PathPolicy.DEFAULT.withFft(FftMode.ON));
            off.setPolicy(PathPolicy.DEFAULT.withFft(FftMode.OFF));

            Seq yOn = on.forward(x, true), yOff = off.forward(x, true);
            assertThat(yOn.data()).as("forward untouched").isEqualTo(yOff.data());
            Seq gxOn = on.backward(gy, true), gxOff = off.backward(gy, true);
            assertThat(on.lastFft()).containsExactly(cfg.groups() == 1, cfg.groups() == 1);
            assertThat(off.lastFft()).containsExactly(false, false);

            Dcls1dReference.Params p = RandomDcls.params(on);
            double[] k = Dcls1dReference.kernel(cfg, on.version(), p);
            Dcls1dReference.Grads gr = Dcls1dReference.backward(cfg, RandomDcls.toDouble(x.data()), T, B, k,
                    RandomDcls.toDouble(gy.data()), cfg.bias());
            int n = p.weight().length;
            double[] gw = new double[n], gp = new double[n], gs = new double[n];
            DclsKernel1d.backward(on.version(), cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(),
                    p.weight(), p.positions(), p.sigma(), gr.kernel(), gw, gp, gs);
            assertThat(Golden.relErr(gr.x(), gxOn.data())).as("grad x vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(gw, on.weight().grad())).as("grad W vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(gp, on.positions().grad())).as("grad P vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(gs, on.sigma().grad())).as("grad SIG vs float64").isLessThan(1e-5);
            assertThat(Golden.relErr(RandomDcls.toDouble(gxOff.data()), gxOn.data())).as("grad x vs off").isLessThan(1e-5);
            assertThat(Golden.relErr(RandomDcls.toDouble(off.weight().grad()), on.weight().grad())).as("W vs off").isLessThan(1e-5);
            assertThat(Golden.relErr(RandomDcls.toDouble(off.positions().grad()), on.positions().grad())).as("P vs off").isLessThan(1e-5);
            assertThat(Golden.relErr(RandomDcls.toDouble(off.sigma().grad()), on.sigma().grad())).as("SIG vs off").isLessThan(1e-5);
        } finally {
            Kernels.use(prev);
        }
    }

    private static ConvShape shd(int in, int out, int T) {
        return new ConvShape(T, 256, in, out, 1, 25, 24, T + 12);
    }

    @Test
    void costRulePicksFftForWideShdLayersAndNeverForOneTap() {
        ConvShape l2 = shd(256, 256, 112);
        assertThat(GradientCost.choose(l2, true, true, GradientCost.dense(l2), GradientCost.dense(l2))).containsExactly(true, true);
        ConvShape l1 = shd(140, 256, 100);
        long nnz = (long) (0.2 * 100 * 256 * 140);
        assertThat(GradientCost.choose(l1, false, true, 0, GradientCost.sparseKernelGrad(l1, nnz))).containsExactly(false, true);
        ConvShape oneTap = new ConvShape(100, 256, 256, 256, 1, 1, 0, 100);
        assertThat(GradientCost.choose(oneTap, true, true, GradientCost.dense(oneTap), GradientCost.dense(oneTap)))
                .containsExactly(false, false);
        // nothing wanted: nothing picked
        assertThat(GradientCost.choose(l2, false, false, 0, 0)).containsExactly(false, false);
    }

    @Test
    void autoModeLeavesForcedPathsAlone() {
        Dcls1dConfig cfg = Dcls1dConfig.snn(64, 64, 25);
        SplittableRandom r = new SplittableRandom(5);
        Dcls1d l = RandomDcls.layer(cfg, r, 12);
        Seq x = RandomDcls.input(r, 60, 32, 64, RandomDcls.Input.SPIKES, 0.3);
        Seq gy = RandomDcls.gaussian(r, cfg.outputLength(60), 32, 64);
        l.setPolicy(PathPolicy.DEFAULT.withFft(FftMode.AUTO));
        l.forward(x, true);
        l.backward(gy, true);
        assertThat(l.lastFft()).as("auto path, wide kernel, dense input").containsExactly(true, true);
        l.setPath(ExecPath.DENSE);
        l.forward(x, true);
        l.backward(gy, true);
        assertThat(l.lastFft()).as("forced dense").containsExactly(false, false);
        l.setPolicy(PathPolicy.DEFAULT.withFft(FftMode.ON));
        l.forward(x, true);
        l.backward(gy, false);
        assertThat(l.lastFft()).as("forced dense, fft on, no input gradient").containsExactly(false, true);
    }

    @Test
    void modeParsesAndRejectsUnknownValues() {
        assertThat(FftMode.parse(" ON ")).isEqualTo(FftMode.ON);
        assertThat(FftMode.parse("auto")).isEqualTo(FftMode.AUTO);
        assertThatThrownBy(() -> FftMode.parse("maybe")).isInstanceOf(UserInputException.class).hasMessageContaining("auto, on, off");
        assertThatThrownBy(() -> PathPolicy.DEFAULT.withFft(null)).isInstanceOf(UserInputException.class);
        String prev = System.getProperty("delays4j.fft");
        try {
            System.setProperty("delays4j.fft", "Off");
            assertThat(FftMode.fromEnvironment()).isEqualTo(FftMode.OFF);
            System.setProperty("delays4j.fft", "sometimes");
            assertThat(FftMode.fromEnvironment()).as("unknown: a warning, then auto").isEqualTo(FftMode.AUTO);
        } finally {
            if (prev == null) System.clearProperty("delays4j.fft");
            else System.setProperty("delays4j.fft", prev);
        }
    }
}
