package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.delays4j.dcls.RandomDcls.gaussian;
import static org.delays4j.dcls.RandomDcls.relErr;
import static org.delays4j.dcls.RandomDcls.toDouble;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.core.VectorOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The im2col convolution ({@link ConvNd}, float32) against its naive float64 twin
 * ({@link ConvNdReference}) on seeded random shapes in 1, 2 and 3 dimensions (groups, depthwise,
 * paddings, bias), with the Vector API kernels on and off; and bit-identical repeat runs.
 */
class ConvNdTest {

    /** 60 seeded problems × SIMD on/off. */
    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (int seed = 0; seed < 60; seed++) {
            l.add(Arguments.of(seed, true));
            l.add(Arguments.of(seed, false));
        }
        return l.stream();
    }

    record Problem(ConvNdShape sh, float[] x, float[] kernel, float[] bias, float[] gy) {}

    static Problem problem(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int D = 1 + (int) (seed % 3), groups = 1 + r.nextInt(3);
        int in = groups * (1 + r.nextInt(3)), out = groups * (1 + r.nextInt(3));
        if (r.nextInt(4) == 0) { // depthwise
            groups = in;
            out = in * (1 + r.nextInt(2));
        }
        int[] K = new int[D], pad = new int[D], size = new int[D];
        for (int d = 0; d < D; d++) {
            K[d] = 1 + 2 * r.nextInt(D == 3 ? 2 : 3);
            pad[d] = r.nextInt(K[d]);
            size[d] = Math.max(1, K[d] - 2 * pad[d]) + r.nextInt(D == 3 ? 4 : 7);
        }
        int B = 1 + r.nextInt(4);
        DclsNdConfig cfg = DclsNdConfig.builder(in, out, K).groups(groups).padding(pad).bias(true).build();
        int[] xs = new int[D + 2];
        xs[0] = B;
        xs[1] = in;
        System.arraycopy(size, 0, xs, 2, D);
        ConvNdShape sh = ConvNdShape.of(cfg, xs, "x");
        float[] x = gaussian(r, B * in * sh.inPlane()), k = gaussian(r, out * cfg.inPerGroup() * cfg.kernelVolume());
        return new Problem(sh, x, k, gaussian(r, out), gaussian(r, B * out * sh.outPlane()));
    }

    @ParameterizedTest(name = "seed {0} simd {1}")
    @MethodSource("cases")
    void im2colAgreesWithTheNaiveLoops(int seed, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            Problem p = problem(seed);
            ConvNdShape sh = p.sh();
            float[] y = ConvNd.forward(sh, p.x(), p.kernel(), p.bias());
            double[] yRef = ConvNdReference.forward(sh, toDouble(p.x()), toDouble(p.kernel()), toDouble(p.bias()));
            assertThat(y).hasSize(yRef.length);
            assertThat(relErr(y, yRef)).as(sh + " forward").isLessThanOrEqualTo(1e-5);

            ConvNdReference.Grads g = ConvNdReference.backward(sh, toDouble(p.x()), toDouble(p.kernel()), toDouble(p.gy()), true);
            assertThat(relErr(ConvNd.inputGrad(sh, p.kernel(), p.gy()), g.x())).as(sh + " input grad").isLessThanOrEqualTo(1e-5);
            float[] gk = new float[p.kernel().length], gb = new float[sh.out()];
            ConvNd.kernelGrad(sh, p.x(), p.gy(), gk);
            ConvNd.biasGrad(sh, p.gy(), gb);
            assertThat(relErr(gk, g.kernel())).as(sh + " kernel grad").isLessThanOrEqualTo(1e-5);
            assertThat(relErr(gb, g.bias())).as(sh + " bias grad").isLessThanOrEqualTo(1e-5);
        } finally {
            Kernels.use(prev);
        }
    }

    /** Same thread count → bit-identical results; forward and input gradient do not depend on it at all. */
    @ParameterizedTest(name = "threads {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3})
    void deterministicForAThreadCount(int threads) {
        int prevThreads = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            for (int seed = 100; seed < 110; seed++) {
                Problem p = problem(seed);
                float[] gk1 = new float[p.kernel().length], gk2 = new float[p.kernel().length];
                ConvNd.kernelGrad(p.sh(), p.x(), p.gy(), gk1);
                ConvNd.kernelGrad(p.sh(), p.x(), p.gy(), gk2);
                assertThat(gk2).containsExactly(gk1);
                float[] y = ConvNd.forward(p.sh(), p.x(), p.kernel(), p.bias());
                float[] gx = ConvNd.inputGrad(p.sh(), p.kernel(), p.gy());
                Parallel.setThreads(1);
                assertThat(ConvNd.forward(p.sh(), p.x(), p.kernel(), p.bias())).containsExactly(y);
                assertThat(ConvNd.inputGrad(p.sh(), p.kernel(), p.gy())).containsExactly(gx);
                Parallel.setThreads(threads);
            }
        } finally {
            Parallel.setThreads(prevThreads);
        }
    }
}
