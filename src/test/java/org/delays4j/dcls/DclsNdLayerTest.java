package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.delays4j.dcls.RandomDcls.gaussian;
import static org.delays4j.dcls.RandomDcls.relErr;
import static org.delays4j.dcls.RandomDcls.toDouble;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.delays4j.core.FloatTensor;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link DclsNd} layer: float32 forward/backward against the float64 composition of
 * {@link DclsKernelNd} and {@link ConvNdReference} (2-D and 3-D, every version, SIMD on and off),
 * the 1-D layer against {@link Dcls1d}, init, clamping, frozen parameters and error paths.
 */
class DclsNdLayerTest {

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (DclsVersion v : DclsVersion.values())
            for (boolean simd : new boolean[] {true, false}) {
                l.add(Arguments.of(v, simd, DclsNdConfig.builder(4, 6, 5, 3).groups(2).kernelCount(2).samePadding()
                        .bias(true).version(v).build(), new int[] {3, 4, 9, 7}));
                l.add(Arguments.of(v, simd, DclsNdConfig.builder(3, 3, 3, 5).depthwise().padding(0, 1).version(v).build(),
                        new int[] {2, 3, 6, 8}));
                l.add(Arguments.of(v, simd, DclsNdConfig.builder(2, 4, 3, 3, 5).groups(2).kernelCount(2).samePadding()
                        .bias(true).version(v).build(), new int[] {2, 2, 4, 5, 6}));
            }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} simd {1} {2}")
    @MethodSource("cases")
    void layerMatchesTheFloat64Reference(DclsVersion v, boolean simd, DclsNdConfig cfg, int[] xShape) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(cfg.hashCode());
            DclsNd layer = new DclsNd("conv", cfg);
            layer.init(r);
            float[] sig = layer.sigma().value();
            for (int k = 0; k < sig.length; k++) sig[k] = (float) r.nextDouble(-1.5, 1.5);
            FloatTensor x = FloatTensor.of(gaussian(r, Arrays.stream(xShape).reduce(1, Math::multiplyExact)), xShape);
            FloatTensor y = layer.forward(x, true);
            ConvNdShape sh = ConvNdShape.of(cfg, xShape, "x");
            assertThat(y.shape()).containsExactly(sh.outputShape());
            double[] k64 = layer.kernel64();
            double[] bias = cfg.bias() ? toDouble(layer.bias().value()) : null;
            assertThat(relErr(y.toArray(), ConvNdReference.forward(sh, toDouble(x.toArray()), k64, bias))).isLessThanOrEqualTo(1e-5);

            float[] gy = gaussian(r, y.size());
            FloatTensor gx = layer.backward(FloatTensor.of(gy, y.shape()), true);
            ConvNdReference.Grads g = ConvNdReference.backward(sh, toDouble(x.toArray()), k64, toDouble(gy), cfg.bias());
            assertThat(gx.shape()).containsExactly(xShape);
            assertThat(relErr(gx.toArray(), g.x())).isLessThanOrEqualTo(1e-5);
            int E = cfg.elements(), D = cfg.dims();
            double[] gw = new double[E], gp = new double[D * E], gs = new double[D * E];
            DclsKernelNd.backward(v, cfg.kernelSize(), cfg.out() * cfg.inPerGroup(), cfg.kernelCount(),
                    toDouble(layer.weight().value()), toDouble(layer.positions().value()), toDouble(sig), g.kernel(), gw, gp, gs);
            assertThat(relErr(layer.weight().grad(), gw)).as("W").isLessThanOrEqualTo(1e-5);
            assertThat(relErr(layer.positions().grad(), gp)).as("P").isLessThanOrEqualTo(1e-5);
            if (v.usesSigma()) assertThat(relErr(layer.sigma().grad(), gs)).as("SIG").isLessThanOrEqualTo(1e-5);
            else assertThat(layer.sigma().grad()).containsOnly(0f);
            if (cfg.bias()) assertThat(relErr(layer.bias().grad(), g.bias())).as("bias").isLessThanOrEqualTo(1e-5);
        } finally {
            Kernels.use(prev);
        }
    }

    /** A 1-D DclsNd with symmetric padding computes what Dcls1d computes (time-major ↔ channel-major). */
    @ParameterizedTest
    @EnumSource(DclsVersion.class)
    void oneDimensionalLayerEqualsDcls1d(DclsVersion v) {
        int in = 4, out = 6, K = 7, pad = 2, T = 11, B = 3;
        DclsNdConfig cn = DclsNdConfig.builder(in, out, K).groups(2).kernelCount(2).padding(pad).bias(true).version(v).build();
        Dcls1dConfig c1 = Dcls1dConfig.builder(in, out, K).groups(2).kernelCount(2).padding(pad, pad).bias(true)
                .version(v).learnSigma(true).build();
        SplittableRandom r = new SplittableRandom(21);
        DclsNd nd = new DclsNd(cn);
        Dcls1d one = new Dcls1d(c1);
        nd.init(r);
        float[] sig = nd.sigma().value();
        for (int k = 0; k < sig.length; k++) sig[k] = (float) r.nextDouble(0, 2);
        System.arraycopy(nd.weight().value(), 0, one.weight().value(), 0, nd.weight().size());
        System.arraycopy(nd.positions().value(), 0, one.positions().value(), 0, nd.positions().size());
        System.arraycopy(sig, 0, one.sigma().value(), 0, sig.length);
        System.arraycopy(nd.bias().value(), 0, one.bias().value(), 0, out);
        Seq xs = new Seq(gaussian(r, T * B * in), T, B, in);
        float[] xc = new float[B * in * T];
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) for (int c = 0; c < in; c++) xc[(b * in + c) * T + t] = xs.get(t, b, c);
        Seq y1 = one.forward(xs, true);
        FloatTensor yn = nd.forward(FloatTensor.of(xc, B, in, T), true);
        int To = y1.T();
        assertThat(yn.shape()).containsExactly(B, out, To);
        Seq gy1 = new Seq(gaussian(r, To * B * out), To, B, out);
        float[] gyn = new float[B * out * To];
        double[] y1c = new double[B * out * To];
        for (int t = 0; t < To; t++)
            for (int b = 0; b < B; b++)
                for (int o = 0; o < out; o++) {
                    gyn[(b * out + o) * To + t] = gy1.get(t, b, o);
                    y1c[(b * out + o) * To + t] = y1.get(t, b, o);
                }
        assertThat(relErr(yn.toArray(), y1c)).isLessThanOrEqualTo(1e-5);
        Seq gx1 = one.backward(gy1, true);
        FloatTensor gxn = nd.backward(FloatTensor.of(gyn, B, out, To), true);
        double[] gx1c = new double[B * in * T];
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) for (int c = 0; c < in; c++) gx1c[(b * in + c) * T + t] = gx1.get(t, b, c);
        assertThat(relErr(gxn.toArray(), gx1c)).as("x grad").isLessThanOrEqualTo(1e-5);
        assertThat(relErr(nd.weight().grad(), toDouble(one.weight().grad()))).as("W grad").isLessThanOrEqualTo(1e-5);
        assertThat(relErr(nd.positions().grad(), toDouble(one.positions().grad()))).as("P grad").isLessThanOrEqualTo(1e-5);
        if (v.usesSigma()) assertThat(relErr(nd.sigma().grad(), toDouble(one.sigma().grad()))).as("SIG grad").isLessThanOrEqualTo(1e-5);
        assertThat(relErr(nd.bias().grad(), toDouble(one.bias().grad()))).as("bias grad").isLessThanOrEqualTo(1e-5);
    }

    @Test
    void initFollowsTheOneDimensionalRuleAndClampsPerDimension() {
        DclsNdConfig cfg = DclsNdConfig.builder(6, 8, 7, 3, 5).groups(2).kernelCount(3).bias(true).build();
        DclsNd layer = new DclsNd(cfg);
        layer.init(new SplittableRandom(1));
        double bound = Math.sqrt(6.0 / (3 * 3));
        float[] w = layer.weight().value();
        for (float x : w) assertThat(Math.abs(x)).isLessThanOrEqualTo((float) bound);
        assertThat(max(w)).isGreaterThan((float) (0.9 * bound)); // spans the range, not a constant
        int E = cfg.elements();
        float[] p = layer.positions().value();
        for (int d = 0; d < 3; d++) {
            int c = cfg.limit(d), atLow = 0;
            for (int e = 0; e < E; e++) {
                float q = p[d * E + e];
                assertThat(q).isBetween((float) -c, (float) c);
                if (q == -c) atLow++;
            }
            assertThat(atLow).as("the U(-(c+1), c) mass below -c lands on -c in dimension " + d).isPositive();
        }
        assertThat(layer.sigma().value()).containsOnly((float) DclsNdConfig.defaultSigma(DclsVersion.GAUSS));
        p[0] = 100;
        p[E] = -100;
        p[2 * E] = 100;
        layer.clampPositions();
        assertThat(p[0]).isEqualTo(3f);
        assertThat(p[E]).isEqualTo(-1f);
        assertThat(p[2 * E]).isEqualTo(2f);
        assertThat(layer.params()).extracting(Param::name).containsExactly("weight", "P", "SIG", "bias");
        assertThat(layer.positions().shape()).containsExactly(3, 8, 3, 3);
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) m = Math.max(m, v);
        return m;
    }

    @Test
    void frozenParametersGetNoGradient() {
        DclsNdConfig cfg = DclsNdConfig.builder(2, 2, 3, 3).learnPositions(false).learnSigma(false).samePadding().build();
        DclsNd layer = new DclsNd(cfg);
        layer.init(new SplittableRandom(2));
        FloatTensor y = layer.forward(FloatTensor.of(gaussian(new SplittableRandom(3), 2 * 2 * 4 * 4), 2, 2, 4, 4), true);
        assertThat(layer.backward(FloatTensor.of(gaussian(new SplittableRandom(4), y.size()), y.shape()), false)).isNull();
        assertThat(layer.positions().grad()).containsOnly(0f);
        assertThat(layer.sigma().grad()).containsOnly(0f);
        assertThat(layer.weight().grad()).isNotEqualTo(new float[layer.weight().size()]);
    }

    @Test
    void badConfigurationsNameTheField() {
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 4, 3).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.dilated_kernel_size").hasMessageContaining("odd");
        assertThatThrownBy(() -> DclsNdConfig.builder(3, 4, 3, 3).groups(2).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.groups").hasMessageContaining("divide");
        assertThatThrownBy(() -> DclsNdConfig.builder(4, 6, 3, 3).groups(4).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.groups");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3, 3).padding(1).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.padding");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3, 3).padding(1, 3).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.padding");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3, 3, 3, 3).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.dilated_kernel_size");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3).kernelCount(0).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.kernel_count");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3).version(null).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.version");
        assertThatThrownBy(() -> DclsNdConfig.builder(2, 2, 3).sigmaInit(Double.NaN).build()).isInstanceOf(UserInputException.class)
                .hasMessageContaining("dcls.sigma_init");
    }

    @Test
    void badInputsNameTheInputAndTheFix() {
        DclsNd layer = DclsNd.conv2d(3, 4, 5, 5);
        layer.init(new SplittableRandom(5));
        assertThatThrownBy(() -> layer.forward(FloatTensor.zeros(2, 3, 8), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("2-D input").hasMessageContaining("rank 4");
        assertThatThrownBy(() -> layer.forward(FloatTensor.zeros(2, 2, 8, 8), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("expected 3 channels");
        DclsNd valid = new DclsNd(DclsNdConfig.builder(3, 4, 5, 5).build());
        assertThatThrownBy(() -> valid.forward(FloatTensor.zeros(1, 3, 8, 3), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("too small");
        FloatTensor y = layer.forward(FloatTensor.zeros(2, 3, 8, 8), true);
        assertThat(y.shape()).containsExactly(2, 4, 8, 8);
        assertThatThrownBy(() -> layer.backward(FloatTensor.zeros(2, 4, 8, 7), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("output gradient");
        assertThatThrownBy(() -> layer.setVersion(null)).isInstanceOf(UserInputException.class);
    }

    /** A strided (non-contiguous) input view gives the same result as its contiguous copy. */
    @Test
    void stridedInputViewsAreAccepted() {
        DclsNd layer = DclsNd.conv3d(2, 2, 3, 3, 3);
        layer.init(new SplittableRandom(8));
        FloatTensor big = FloatTensor.of(gaussian(new SplittableRandom(9), 3 * 2 * 4 * 4 * 4), 3, 2, 4, 4, 4);
        FloatTensor view = big.slice(0, 1, 3);
        float[] a = layer.forward(view, false).toArray();
        float[] b = layer.forward(FloatTensor.of(view.toArray(), view.shape()), false).toArray();
        assertThat(a).containsExactly(b);
    }
}
