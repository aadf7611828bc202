package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.delays4j.layer.FiniteDifferences.toDouble;

import com.fasterxml.jackson.databind.JsonNode;
import org.delays4j.core.Seq;
import org.delays4j.neuron.Lif;
import org.delays4j.neuron.LifConfig;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layers of SNN-delays' tiny model one at a time, each fed the reference's own input from
 * {@code snn_delays_tiny.json} (conv_out → BN → LIF → dropout; output v_seq → readout → loss).
 */
class TinyModelLayersGoldenTest {
    private static JsonNode tiny() {
        return Golden.load(Golden.files("snn_delays_tiny.json").getFirst());
    }

    /** A channel-major [B][C][T] golden tensor as a time-major sequence. */
    private static Seq timeMajor(Golden.Tensor t) {
        int B = t.shape()[0], C = t.shape()[1], T = t.shape()[2];
        Seq s = Seq.zeros(T, B, C);
        for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) for (int i = 0; i < T; i++) {
            s.data()[s.index(i, b, c)] = (float) t.data()[(b * C + c) * T + i];
        }
        return s;
    }

    private static Seq seq(Golden.Tensor t) {
        return new Seq(t.toFloat(), t.shape()[0], t.shape()[1], t.shape()[2]);
    }

    private static BatchNorm1d batchNorm(JsonNode params, String layer) {
        Golden.Tensor g = Golden.tensor(params, layer + ".bn.weight"), b = Golden.tensor(params, layer + ".bn.bias");
        BatchNorm1d bn = new BatchNorm1d(layer + ".bn", g.size());
        System.arraycopy(g.toFloat(), 0, bn.gamma().value(), 0, g.size());
        System.arraycopy(b.toFloat(), 0, bn.beta().value(), 0, b.size());
        return bn;
    }

    private static double tau(JsonNode root) {
        return root.get("config").get("init_tau").asDouble();
    }

    @Test
    void shdTauIsTheReferenceValue() {
        JsonNode root = tiny();
        assertThat(LifConfig.tauFromMillis(10.05, 10)).isEqualTo(root.get("tau_exact").asDouble()).isEqualTo(tau(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer0", "layer1"})
    void batchNormTrainForwardAndRunningStats(String layer) {
        JsonNode root = tiny(), fwd = root.get("train_forward"), stats = root.get("bn_running_stats_after_train_forward");
        BatchNorm1d bn = batchNorm(root.get("initial_params"), layer);
        Seq y = bn.forward(timeMajor(Golden.tensor(fwd, layer + ".conv_out")), true);
        assertThat(Golden.relErr(Golden.tensor(fwd, layer + ".bn_out").data(), y.data())).isLessThan(1e-5);
        assertThat(Golden.relErr(Golden.tensor(stats, layer + ".bn.running_mean").data(), bn.runningMean())).isLessThan(1e-5);
        assertThat(Golden.relErr(Golden.tensor(stats, layer + ".bn.running_var").data(), bn.runningVar())).isLessThan(1e-5);
        assertThat(bn.batchesTracked()).isEqualTo(stats.get(layer + ".bn.num_batches_tracked").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer0", "layer1"})
    void batchNormEvalUsesRunningStats(String layer) {
        JsonNode root = tiny(), fwd = root.get("eval_forward"), stats = root.get("bn_running_stats_after_train_forward");
        BatchNorm1d bn = batchNorm(root.get("eval_params"), layer);
        bn.setRunningStats(Golden.tensor(stats, layer + ".bn.running_mean").toFloat(),
                Golden.tensor(stats, layer + ".bn.running_var").toFloat(), 1);
        Seq y = bn.forward(timeMajor(Golden.tensor(fwd, layer + ".conv_out")), false);
        assertThat(Golden.relErr(Golden.tensor(fwd, layer + ".bn_out").data(), y.data())).isLessThan(1e-5);
        assertThat(bn.batchesTracked()).isEqualTo(1);
    }

    /** bn_out → LIF → spikes (exactly, with the reference's counts) and v_seq; dropout p = 0 passes them on. */
    @ParameterizedTest
    @ValueSource(strings = {"train_forward/layer0", "train_forward/layer1", "eval_forward/layer0", "eval_forward/layer1"})
    void lifOnBnOutGivesTheReferenceSpikes(String where) {
        JsonNode root = tiny();
        String pass = where.split("/")[0], layer = where.split("/")[1];
        JsonNode fwd = root.get(pass);
        Lif lif = new Lif(LifConfig.hidden(tau(root)));
        Seq spikes = lif.forward(seq(Golden.tensor(fwd, layer + ".bn_out")), pass.startsWith("train"));
        assertThat(toDouble(spikes.data())).containsExactly(Golden.tensor(fwd, layer + ".spikes").data());
        String counts = pass.startsWith("train") ? "train_spike_counts" : "eval_spike_counts";
        assertThat(java.util.Arrays.stream(toDouble(spikes.data())).sum()).isEqualTo(root.get(counts).get(layer + ".spikes").asDouble());
        assertThat(Golden.relErr(Golden.tensor(fwd, layer + ".v_seq").data(), lif.vSeq().data())).isLessThan(1e-5);
        Seq dropped = new Dropout(root.get("config").get("dropout_p").asDouble()).forward(spikes, pass.startsWith("train"));
        assertThat(toDouble(dropped.data())).containsExactly(Golden.tensor(fwd, layer + ".dropout_out").data());
    }

    /** conv_out → our BatchNorm → our LIF still gives the reference's spikes exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"layer0", "layer1"})
    void batchNormThenLifChain(String layer) {
        JsonNode root = tiny(), fwd = root.get("train_forward");
        Seq y = batchNorm(root.get("initial_params"), layer).forward(timeMajor(Golden.tensor(fwd, layer + ".conv_out")), true);
        Seq spikes = new Lif(LifConfig.hidden(tau(root))).forward(y, true);
        assertThat(toDouble(spikes.data())).containsExactly(Golden.tensor(fwd, layer + ".spikes").data());
    }

    @Test
    void outputLayerReadoutAndLoss() {
        JsonNode root = tiny(), fwd = root.get("train_forward");
        Lif out = new Lif(LifConfig.output(tau(root)));
        assertThat(out.config().threshold()).isEqualTo(root.get("config").get("output_v_threshold").asDouble());
        Seq v = out.forward(timeMajor(Golden.tensor(fwd, "layer2.conv_out")), true);
        assertThat(Golden.relErr(Golden.tensor(root, "train_output_v_seq").data(), v.data())).isLessThan(1e-5);

        Readout readout = Readout.parse(root.get("config").get("loss").asText());
        float[] m = readout.forward(seq(Golden.tensor(root, "train_output_v_seq")));
        assertThat(Golden.relErr(Golden.tensor(root, "train_softmax_time_sum").data(), m)).isLessThan(1e-5);
        Golden.Tensor y = Golden.tensor(root, "targets_onehot");
        int B = y.shape()[0], K = y.shape()[1];
        double ref = root.get("train_loss").asDouble();
        assertThat(CrossEntropy.loss(m, y.toFloat(), B, K)).isCloseTo(ref, within(1e-5 * Math.abs(ref)));
        int[] labels = new int[B];
        for (int b = 0; b < B; b++) labels[b] = (int) Golden.tensor(root, "labels").data()[b];
        assertThat(CrossEntropy.oneHot(labels, K)).containsExactly(y.toFloat());

        float[] mEval = readout.forward(seq(Golden.tensor(root, "eval_output_v_seq")));
        double refEval = root.get("eval_loss").asDouble();
        assertThat(CrossEntropy.loss(mEval, y.toFloat(), B, K)).isCloseTo(refEval, within(1e-5 * Math.abs(refEval)));
    }
}
