package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.delays4j.neuron.LifGoldenTest.toDouble;

import java.util.SplittableRandom;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifTest {
    static Seq randomSeq(long seed, int T, int B, int C, double mean, double std) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[T * B * C];
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * gaussian(r));
        return new Seq(d, T, B, C);
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithTwinOnRandomInput(long seed) {
        int T = 40, B = 5, C = 7;
        Seq x = randomSeq(seed, T, B, C, 0.4, 0.8);
        Seq gs = randomSeq(seed + 100, T, B, C, 0, 1), gv = randomSeq(seed + 200, T, B, C, 0, 1);
        LifConfig cfg = LifConfig.hidden(1.5).withSurrogate(new FastSigmoidSurrogate(3));
        Lif lif = new Lif(cfg);
        Seq s = lif.forward(x, true);
        Seq gx = lif.backward(gs, gv, true);
        NeuronReference.Result r = NeuronReference.run(toDouble(x.data()), T, B * C, (float) (1 - 1 / 1.5), 1.0,
                u -> 1 / Math.pow(1 + 3 * Math.abs(u), 2), toDouble(gs.data()), toDouble(gv.data()));
        assertThat(toDouble(s.data())).containsExactly(r.spikes());
        assertThat(r.spikes()).contains(0.0, 1.0);
        assertThat(Golden.relErr(r.v(), lif.vSeq().data())).isLessThan(1e-6);
        assertThat(Golden.relErr(r.gradX(), gx.data())).isLessThan(1e-6);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Seq x = randomSeq(7, 30, 6, 9, 0.4, 0.8), g = randomSeq(8, 30, 6, 9, 0, 1);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Lif one = new Lif(LifConfig.hidden(1.005));
            float[] s1 = one.forward(x, true).data().clone(), g1 = one.backward(g, true).data().clone();
            Parallel.setThreads(3);
            Lif three = new Lif(LifConfig.hidden(1.005));
            assertThat(three.forward(x, true).data()).containsExactly(s1);
            assertThat(three.backward(g, true).data()).containsExactly(g1);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void reusedBuffersGiveFreshResults() {
        Lif lif = new Lif(LifConfig.hidden(1.5));
        Seq a = randomSeq(1, 12, 3, 4, 0.5, 1), b = randomSeq(2, 12, 3, 4, 0.5, 1), small = randomSeq(3, 5, 2, 4, 0.5, 1);
        lif.forward(a, true);
        float[] sb = lif.forward(b, true).data().clone();
        assertThat(new Lif(LifConfig.hidden(1.5)).forward(b, true).data()).containsExactly(sb);
        assertThat(lif.forward(small, false).data()).containsExactly(new Lif(LifConfig.hidden(1.5)).forward(small, false).data());
    }

    @Test
    void membraneStaysBelowThresholdAndIsResetOnSpikes() {
        Lif lif = new Lif(LifConfig.hidden(1.2));
        Seq s = lif.forward(randomSeq(5, 50, 4, 6, 0.6, 1), true);
        float[] v = lif.vSeq().data();
        int spikes = 0;
        for (int k = 0; k < v.length; k++) {
            assertThat(v[k]).isLessThan(1f);
            if (s.data()[k] == 1f) {
                spikes++;
                assertThat(v[k]).isZero();
            } else {
                assertThat(s.data()[k]).isZero();
            }
        }
        assertThat(spikes).isPositive();
        assertThat(lif.spikes().data()).isSameAs(s.data());
    }

    @Test
    void emitMembraneReturnsVSeqAndTakesItsGradient() {
        Seq x = randomSeq(9, 20, 2, 3, 0.6, 1), gv = randomSeq(10, 20, 2, 3, 0, 1);
        Lif out = new Lif(LifConfig.hidden(1.5).withEmitMembrane(true));
        Seq v = out.forward(x, true);
        Lif hidden = new Lif(LifConfig.hidden(1.5));
        hidden.forward(x, true);
        assertThat(v.data()).containsExactly(hidden.vSeq().data());
        assertThat(out.backward(gv, true).data()).containsExactly(hidden.backward(null, gv, true).data());
    }

    @Test
    void tauFromMillisIsTheReferenceExpression() {
        assertThat(LifConfig.tauFromMillis(10.05, 10)).isEqualTo((10.05 + 1e-9) / 10);
        assertThat(LifConfig.tauFromMillis(15, 10)).isEqualTo((15 + 1e-9) / 10);
    }

    @Test
    void misuseAndBadConfigAreReported() {
        assertThatThrownBy(() -> LifConfig.hidden(1.0)).isInstanceOf(UserInputException.class).hasMessageContaining("tau");
        assertThatThrownBy(() -> LifConfig.hidden(Double.NaN)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> LifConfig.hidden(2).withThreshold(Double.POSITIVE_INFINITY)).isInstanceOf(UserInputException.class);
        Lif lif = new Lif(LifConfig.hidden(2));
        assertThatThrownBy(() -> lif.backward(Seq.zeros(2, 2, 2), true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lif::spikes).isInstanceOf(IllegalStateException.class);
        lif.forward(Seq.zeros(3, 2, 2), true);
        assertThatThrownBy(() -> lif.backward(Seq.zeros(2, 2, 2), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x2x2");
        assertThat(lif.backward(Seq.zeros(3, 2, 2), false)).isNull();
        assertThat(lif.params()).isEmpty();
    }
}
