package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.delays4j.testing.Golden.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LIF against SpikingJelly's golden {@code lif_*.json}: hidden (spiking) and output (membrane) layers. */
class LifGoldenTest {
    static List<Case> hidden() {
        return Golden.cases("lif_hidden*.json");
    }

    static List<Case> output() {
        return Golden.cases("lif_output*.json");
    }

    private static double decay64(Case c) {
        return 1 - 1 / c.json().get("tau").asDouble();
    }

    /** The float64 twin reproduces the reference exactly: the maths (and h ≥ θ) is right. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hidden")
    void float64TwinMatchesHiddenGolden(Case c) {
        int[] sh = c.tensor("x").shape();
        NeuronReference.Result r = NeuronReference.run(c.tensor("x").data(), sh[0], sh[1] * sh[2], decay64(c),
                c.json().get("v_threshold").asDouble(), NeuronReference.atan(5), c.tensor("spikes_cotangent").data(), null);
        assertThat(r.spikes()).containsExactly(c.tensor("spikes").data());
        assertThat(Golden.relErr(c.tensor("v_seq").data(), r.v())).isLessThan(1e-10);
        assertThat(Golden.relErr(c.tensor("grad_x_spikes_only").data(), r.gradX())).isLessThan(1e-10);
        NeuronReference.Result both = NeuronReference.run(c.tensor("x").data(), sh[0], sh[1] * sh[2], decay64(c),
                c.json().get("v_threshold").asDouble(), NeuronReference.atan(5), c.tensor("spikes_cotangent").data(),
                c.tensor("v_seq_cotangent").data());
        assertThat(Golden.relErr(c.tensor("grad_x_spikes_and_v_seq").data(), both.gradX())).isLessThan(1e-10);
    }

    /**
     * The float32 layer reproduces the reference on every neuron whose input survives rounding to
     * float32. The file pins h ≥ θ with inputs 1 − 1e-12, which round to exactly 1.0f and so must
     * spike in float32: those few neurons are checked against the twin in
     * {@link #float32LifEqualsTwinOnRoundedInput}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hidden")
    void float32LifMatchesHiddenGoldenOnFaithfulNeurons(Case c) {
        Golden.Tensor x = c.tensor("x");
        int T = x.shape()[0], B = x.shape()[1], C = x.shape()[2], n = B * C;
        double theta = c.json().get("v_threshold").asDouble();
        boolean[] pinned = new boolean[n];
        for (int k = 0; k < x.size(); k++) {
            double xf = (float) x.data()[k];
            if (xf != x.data()[k] && (xf >= theta) != (x.data()[k] >= theta)) pinned[k % n] = true;
        }
        int[] faithful = IntStream.range(0, n).filter(i -> !pinned[i]).toArray();
        assertThat(faithful.length).as("neurons left to compare").isGreaterThan(n * 2 / 3);

        Lif lif = new Lif(LifConfig.hidden(c.json().get("tau").asDouble()));
        Seq spikes = lif.forward(new Seq(x.toFloat(), T, B, C), true);
        assertThat(pick(toDouble(spikes.data()), faithful, T, n)).containsExactly(pick(c.tensor("spikes").data(), faithful, T, n));
        assertThat(relErrOn(c.tensor("v_seq").data(), lif.vSeq().data(), faithful, T, n)).isLessThan(1e-5);

        Seq gs = seq(c.tensor("spikes_cotangent"));
        Seq gx = lif.backward(gs, true);
        assertThat(relErrOn(c.tensor("grad_x_spikes_only").data(), gx.data(), faithful, T, n)).isLessThan(1e-5);
        Seq gxBoth = lif.backward(gs, seq(c.tensor("v_seq_cotangent")), true);
        assertThat(relErrOn(c.tensor("grad_x_spikes_and_v_seq").data(), gxBoth.data(), faithful, T, n)).isLessThan(1e-5);
    }

    /** On every neuron, the float32 layer equals the float64 twin run on the same (float32) input. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hidden")
    void float32LifEqualsTwinOnRoundedInput(Case c) {
        Golden.Tensor x = c.tensor("x");
        int T = x.shape()[0], B = x.shape()[1], C = x.shape()[2];
        float[] xf = x.toFloat();
        Lif lif = new Lif(LifConfig.hidden(c.json().get("tau").asDouble()));
        Seq spikes = lif.forward(new Seq(xf, T, B, C), true);
        Seq gx = lif.backward(seq(c.tensor("spikes_cotangent")), seq(c.tensor("v_seq_cotangent")), true);
        NeuronReference.Result r = NeuronReference.run(toDouble(xf), T, B * C, (float) decay64(c), 1.0, NeuronReference.atan(5),
                toDouble(c.tensor("spikes_cotangent").toFloat()), toDouble(c.tensor("v_seq_cotangent").toFloat()));
        assertThat(toDouble(spikes.data())).containsExactly(r.spikes());
        assertThat(Golden.relErr(r.v(), lif.vSeq().data())).isLessThan(1e-6);
        assertThat(Golden.relErr(r.gradX(), gx.data())).isLessThan(1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("output")
    void outputLayerMatchesGolden(Case c) {
        Golden.Tensor x = c.tensor("x");
        int T = x.shape()[0], B = x.shape()[1], C = x.shape()[2];
        LifConfig cfg = LifConfig.output(c.json().get("tau").asDouble());
        assertThat(cfg.threshold()).isEqualTo(c.json().get("v_threshold").asDouble());
        Lif lif = new Lif(cfg);
        Seq v = lif.forward(new Seq(x.toFloat(), T, B, C), true);
        assertThat(Golden.relErr(c.tensor("v_seq").data(), v.data())).isLessThan(1e-5);
        assertThat(toDouble(lif.spikes().data())).containsExactly(c.tensor("spikes").data());
        Seq gx = lif.backward(seq(c.tensor("v_seq_cotangent")), true);
        assertThat(Golden.relErr(c.tensor("grad_x").data(), gx.data())).isLessThan(1e-5);

        NeuronReference.Result r = NeuronReference.run(x.data(), T, B * C, decay64(c), cfg.threshold(),
                NeuronReference.atan(5), null, c.tensor("v_seq_cotangent").data());
        assertThat(Golden.relErr(c.tensor("v_seq").data(), r.v())).isLessThan(1e-10);
        assertThat(Golden.relErr(c.tensor("grad_x").data(), r.gradX())).isLessThan(1e-10);
    }

    static Seq seq(Golden.Tensor t) {
        return new Seq(t.toFloat(), t.shape()[0], t.shape()[1], t.shape()[2]);
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** The values of neurons {@code cols} at every step, of a [T][n] array. */
    private static double[] pick(double[] a, int[] cols, int T, int n) {
        List<Double> out = new ArrayList<>();
        for (int t = 0; t < T; t++) for (int i : cols) out.add(a[t * n + i]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double relErrOn(double[] ref, float[] got, int[] cols, int T, int n) {
        return Golden.relErr(pick(ref, cols, T, n), pick(toDouble(got), cols, T, n));
    }
}
