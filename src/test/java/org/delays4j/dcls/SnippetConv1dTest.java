package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window kernels ({@link SnippetConv1d}) against the dense path on seeded random kernels whose
 * taps fit one window per synapse: forward and kernel gradient, spikes and counts, odd shapes
 * (one sample, one step, groups, outputs not a multiple of the register block), SIMD on and off.
 */
class SnippetConv1dTest {
    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        // T, B, in, out, groups, K, padLeft, padRight
        int[][] shapes = {
            {13, 3, 6, 5, 1, 7, 6, 0}, {1, 1, 4, 4, 1, 5, 4, 4}, {20, 3, 8, 20, 2, 9, 4, 4},
            {31, 4, 40, 37, 1, 25, 24, 12}, {17, 2, 6, 18, 2, 11, 10, 10}, {9, 1, 3, 9, 1, 8, 7, 0}};
        int id = 0;
        for (int[] sh : shapes) for (boolean counts : new boolean[] {false, true}) for (boolean simd : new boolean[] {true, false})
            l.add(Arguments.of(id++, sh, counts, simd));
        return l;
    }

    @ParameterizedTest(name = "#{0} counts={2} simd={3}")
    @MethodSource("cases")
    void windowsMatchDense(int id, int[] sh, boolean counts, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(77 + id);
            int T = sh[0], B = sh[1], in = sh[2], out = sh[3], G = sh[4], K = sh[5], pl = sh[6], pr = sh[7];
            ConvShape s = new ConvShape(T, B, in, out, G, K, pl, T + pl + pr - (K - 1));
            int inG = s.inG(), outG = s.outG();
            float[] kt = new float[s.kernelSize()];
            double[] k64 = new double[out * inG * K]; // the same kernel by synapse rows, as the layer builds it
            boolean[] keep = new boolean[out * inG * K];
            for (int o = 0; o < out; o++) {
                for (int ii = 0; ii < inG; ii++) {
                    int span = 1 + r.nextInt(Math.min(Snippets.WIDTH, K)), lo = r.nextInt(K - span + 1);
                    int i = (o / outG) * inG + ii;
                    for (int n = lo; n < lo + span; n++) {
                        keep[(o * inG + ii) * K + n] = true;
                        float v = (float) r.nextGaussian();
                        kt[(n * in + i) * outG + o % outG] = v;
                        k64[(o * inG + ii) * K + n] = v;
                    }
                }
            }
            Snippets sn = Snippets.build(s, k64, keep);
            assertThat(sn).isNotNull();
            Seq x = RandomDcls.input(r, T, B, in, counts ? RandomDcls.Input.COUNTS : RandomDcls.Input.SPIKES, 0.3);
            float[] gy = RandomDcls.gaussian(r, s.Tout(), B, out).data();
            SparseInput xs = SparseInput.of(x, G);

            float[] yRef = new float[s.Tout() * B * out], y = new float[yRef.length];
            DenseConv1d.forward(s, x.data(), kt, yRef);
            SnippetConv1d.forward(s, xs, sn, y);
            assertThat(Golden.relErr(toDouble(yRef), y)).as("forward").isLessThan(1e-5);

            float[] gRef = new float[kt.length], g = new float[kt.length];
            DenseConv1d.kernelGrad(s, x.data(), gy, gRef);
            SnippetConv1d.scatterGrad(s, sn, SnippetConv1d.kernelGrad(s, xs, sn, gy), g);
            // the windows cover every kept tap; compare there (elsewhere the window path gives 0)
            float[] gRefIn = new float[kt.length];
            for (int i = 0; i < in; i++) {
                for (int oo = 0; oo < outG; oo++) {
                    for (int j = 0; j < Snippets.WIDTH; j++) {
                        int n = sn.start()[i * outG + oo] + j, k = (n * in + i) * outG + oo;
                        if (n < K) gRefIn[k] = gRef[k];
                    }
                }
            }
            assertThat(Golden.relErr(toDouble(gRefIn), g)).as("kernel grad").isLessThan(1e-5);
            if (x.data().length > 0 && T > 1) assertThat(norm(y)).isPositive();
        } finally {
            Kernels.use(prev);
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) d[k] = a[k];
        return d;
    }

    private static double norm(float[] a) {
        double n = 0;
        for (float v : a) n += Math.abs(v);
        return n;
    }
}
