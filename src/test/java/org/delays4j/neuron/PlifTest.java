package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.delays4j.neuron.LifGoldenTest.toDouble;
import static org.delays4j.neuron.LifTest.randomSeq;

import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlifTest {
    private static double sigmoid(double w) {
        return 1 / (1 + Math.exp(-w));
    }

    @Test
    void startsAtTheConfiguredTau() {
        Plif p = new Plif("layer0.plif", LifConfig.hidden(2.0));
        assertThat(p.w().name()).isEqualTo("layer0.plif.w");
        assertThat(p.w().kind()).isEqualTo(Param.Kind.NEURON);
        assertThat(p.params()).containsExactly(p.w());
        assertThat(p.w().value()[0]).isEqualTo(0f); // −ln(2 − 1)
        assertThat(p.tau()).isEqualTo(2.0);
        assertThat(new Plif("x", LifConfig.hidden(1.5)).tau()).isCloseTo(1.5, within(1e-6));
    }

    /** With the same τ, PLIF is LIF: same spikes, membrane and input gradient. */
    @Test
    void behavesAsLifWithTheSameTau() {
        Seq x = randomSeq(3, 30, 4, 5, 0.5, 0.9), g = randomSeq(4, 30, 4, 5, 0, 1);
        Plif plif = new Plif("p", LifConfig.hidden(2.0)); // w = 0 exactly: decay 0.5 exactly for both
        Lif lif = new Lif(LifConfig.hidden(2.0));
        assertThat(plif.forward(x, true).data()).containsExactly(lif.forward(x, true).data());
        assertThat(plif.vSeq().data()).containsExactly(lif.vSeq().data());
        assertThat(plif.backward(g, true).data()).containsExactly(lif.backward(g, true).data());
    }

    /** The twin's dL/dw = dL/da·da/dw against central differences of its own loss, in float64. */
    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 0.0, 1.3})
    void twinWGradientMatchesFiniteDifferences(double w) {
        int T = 25, n = 12;
        double[] x = toDouble(randomSeq(11, T, 3, 4, 0.5, 0.9).data()), gv = toDouble(randomSeq(12, T, 3, 4, 0, 1).data());
        // Only a membrane cotangent: with the reset detached and no spike flipping under a tiny
        // change of w, this loss is differentiable and its true derivative is what backward computes.
        double a = 1 - sigmoid(w);
        NeuronReference.Result r = NeuronReference.run(x, T, n, a, 1.0, NeuronReference.atan(5), null, gv);
        double analytic = r.gradDecay() * -sigmoid(w) * (1 - sigmoid(w));
        double h = 1e-6;
        double fd = (loss(x, gv, T, n, w + h) - loss(x, gv, T, n, w - h)) / (2 * h);
        assertThat(r.spikes()).contains(1.0);
        assertThat(analytic).isCloseTo(fd, within(1e-6 * Math.abs(fd) + 1e-9));
    }

    private static double loss(double[] x, double[] gv, int T, int n, double w) {
        double[] v = NeuronReference.run(x, T, n, 1 - sigmoid(w), 1.0, NeuronReference.atan(5), null, null).v();
        double l = 0;
        for (int k = 0; k < v.length; k++) l += gv[k] * v[k];
        return l;
    }

    /** The float32 layer's w gradient (spike and membrane cotangents) agrees with the twin's. */
    @ParameterizedTest
    @ValueSource(doubles = {1.3, 2.0, 4.0})
    void wGradientAgreesWithTwin(double tau) {
        int T = 30, B = 4, C = 5;
        Seq x = randomSeq(21, T, B, C, 0.5, 0.9), gs = randomSeq(22, T, B, C, 0, 1), gv = randomSeq(23, T, B, C, 0, 1);
        Plif plif = new Plif("p", LifConfig.hidden(tau));
        plif.forward(x, true);
        Seq gx = plif.backward(gs, gv, true);
        double w = plif.w().value()[0], sig = sigmoid(w);
        NeuronReference.Result r = NeuronReference.run(toDouble(x.data()), T, B * C, (float) (1 - sig), 1.0,
                NeuronReference.atan(5), toDouble(gs.data()), toDouble(gv.data()));
        assertThat(Golden.relErr(r.gradX(), gx.data())).isLessThan(1e-6);
        double expected = r.gradDecay() * -sig * (1 - sig);
        assertThat((double) plif.w().grad()[0]).isCloseTo(expected, within(1e-5 * Math.abs(expected)));

        plif.backward(gs, gv, false); // accumulates
        assertThat((double) plif.w().grad()[0]).isCloseTo(2 * expected, within(2e-5 * Math.abs(expected)));
    }

    @Test
    void frozenWGetsNoGradient() {
        Plif plif = new Plif("p", LifConfig.hidden(2.0));
        plif.w().setTrainable(false);
        Seq x = randomSeq(1, 10, 2, 2, 0.5, 1);
        plif.forward(x, true);
        assertThat(plif.backward(randomSeq(2, 10, 2, 2, 0, 1), false)).isNull();
        assertThat(plif.w().grad()[0]).isZero();
    }
}
