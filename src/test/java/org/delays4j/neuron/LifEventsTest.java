package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.delays4j.core.VectorOps;
import org.delays4j.layer.BatchNorm1d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eval LIF that emits per-row spike lists gives exactly the spikes of the dense cache-free
 * kernel (scalar and Vector API twins, and through the layer with SIMD on and off).
 */
class LifEventsTest {
    record Case(float[] x, BatchNorm1d.Affine norm) {}

    static Case randomCase(int T, int B, int C) {
        return randomCase(new SplittableRandom(T * 7919L + B * 31L + C), T, B, C);
    }

    /** LIF input [T][B][C] around 0.5 and a BatchNorm map with random statistics (also the SIMD kernel test's data). */
    static Case randomCase(SplittableRandom r, int T, int B, int C) {
        float[] x = new float[T * B * C];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextGaussian() + 0.5);
        double[] mean = new double[C], invStd = new double[C];
        float[] gamma = new float[C], beta = new float[C];
        for (int c = 0; c < C; c++) {
            mean[c] = 0.3 * r.nextGaussian();
            invStd[c] = 0.5 + r.nextDouble();
            gamma[c] = (float) (0.5 + r.nextDouble());
            beta[c] = (float) (0.2 * r.nextGaussian());
        }
        return new Case(x, new BatchNorm1d.Affine(mean, invStd, gamma, beta));
    }

    /** The reference: the dense eval kernel's spikes, turned into lists. */
    static SpikeEvents denseSpikes(Case k, int T, int B, int C, float a, float th) {
        float[] s = new float[k.x().length];
        LifKernel.forwardNormalised(k.x(), k.norm(), C, null, s, T, B * C, 0, B * C, a, th);
        return SpikeEvents.of(new Seq(s, T, B, C));
    }

    static void assertSame(SpikeEvents got, SpikeEvents want) {
        int rows = want.T() * want.B(), C = want.C();
        assertThat(Arrays.copyOf(got.count(), rows)).containsExactly(Arrays.copyOf(want.count(), rows));
        for (int r = 0; r < rows; r++) {
            assertThat(Arrays.copyOfRange(got.cols(), r * C, r * C + got.count()[r]))
                    .as("row %d", r).containsExactly(Arrays.copyOfRange(want.cols(), r * C, r * C + want.count()[r]));
        }
    }

    @ParameterizedTest(name = "T={0} B={1} C={2}")
    @CsvSource({"7,3,37", "5,4,16", "9,2,5", "4,8,256", "1,1,1", "6,5,19"})
    void kernelsEmitTheDenseKernelsSpikes(int T, int B, int C) {
        Case k = randomCase(T, B, C);
        float a = 0.33f, th = 1f;
        SpikeEvents want = denseSpikes(k, T, B, C, a, th);
        assertThat(want.nnz()).as("some but not all neurons spike").isBetween(T * B * C > 20 ? 1L : 0L, (long) T * B * C);
        int mid = B / 2;
        for (boolean simd : new boolean[] {false, true}) {
            if (simd && !LifSimdKernels.usable()) continue;
            SpikeEvents got = new SpikeEvents().reset(T, B, C);
            // two sample ranges, as two threads would
            for (int[] range : new int[][] {{0, mid}, {mid, B}}) {
                if (simd) LifSimdKernels.forwardEvents(k.x(), k.norm(), C, got.count(), got.cols(), T, B, range[0], range[1], a, th);
                else LifKernel.forwardEvents(k.x(), k.norm(), C, got.count(), got.cols(), T, B, range[0], range[1], a, th);
            }
            assertSame(got, want);
            assertThat(got.toSeq().data()).containsExactly(SpikeEvents.of(got.toSeq()).toSeq().data());
        }
    }

    @ParameterizedTest(name = "simd={0}")
    @CsvSource({"true", "false"})
    void layerEmitsTheSpikesOfForwardNormalised(boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            int T = 11, B = 6, C = 40;
            Case k = randomCase(T, B, C);
            Lif lif = new Lif(new LifConfig(2.0, 1.0, new AtanSurrogate(5.0), false));
            Seq x = new Seq(k.x(), T, B, C);
            SpikeEvents want = SpikeEvents.of(lif.forwardNormalised(x, k.norm(), false, true));
            SpikeEvents buf = new SpikeEvents();
            buf.reset(T + 3, B, C); // a larger previous shape: stale counts must not leak
            Arrays.fill(buf.count(), 99);
            SpikeEvents got = lif.forwardEvents(x, k.norm(), buf);
            assertThat(got).isSameAs(buf);
            assertThat(got.T()).isEqualTo(T);
            assertSame(got, want);
            assertThat(got.nnz()).isPositive();
        } finally {
            Kernels.use(prev);
        }
    }
}
