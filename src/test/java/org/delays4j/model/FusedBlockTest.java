package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.data.Batch;
import org.delays4j.data.SyntheticFrames;
import org.delays4j.layer.BatchNorm1d;
import org.delays4j.layer.Dropout;
import org.delays4j.neuron.AtanSurrogate;
import org.delays4j.neuron.Lif;
import org.delays4j.neuron.LifConfig;
import org.delays4j.neuron.Plif;
import org.delays4j.neuron.SpikingNeuron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model's fused block (BatchNorm applied inside the LIF kernel, cache-free eval LIF, dropout,
 * LIF and BatchNorm backward in place) is bit-identical to the layer-by-layer path (which the model
 * runs when a tap records the intermediate results), and each in-place form to its buffered twin.
 */
class FusedBlockTest {
    static ModelConfig config(ModelConfig.Neuron neuron) {
        ModelConfig c = FastPathsStepTest.config();
        return new ModelConfig(c.kind(), c.inputs(), c.outputs(), c.hiddenLayers(), c.hiddenNeurons(), c.maxDelay(), c.tauMs(),
                c.timeStepMs(), c.threshold(), c.surrogateAlpha(), neuron, c.dropout(), c.batchNorm(), c.bias(), c.readout(),
                c.dclsVersion(), 2.0);
    }

    record Run(double trainLoss, float[] logits, List<float[]> grads, List<float[]> running, double evalLoss, float[] evalLogits) {}

    static Run run(ModelConfig.Neuron neuron, boolean layered) {
        SnnModel m = new SnnModel(config(neuron), 11);
        if (layered) m.setTap((name, s) -> {});
        Batch b = FastPathsStepTest.batch();
        m.zeroGrad();
        m.setRandom(new SplittableRandom(5));
        SnnModel.Output o = m.forwardLoss(b.x(), b.labels(), true);
        m.backward();
        List<float[]> grads = new ArrayList<>(), running = new ArrayList<>();
        for (Param p : m.params()) if (p.trainable()) grads.add(p.grad().clone());
        for (SnnModel.Block bl : m.blocks()) {
            running.add(bl.bn().runningMean().clone());
            running.add(bl.bn().runningVar().clone());
        }
        try (SnnModel.RoundedEval r = m.roundedEval()) {
            SnnModel.Output e = m.forwardLoss(b.x(), b.labels(), false);
            return new Run(o.loss(), o.logits().clone(), grads, running, e.loss(), e.logits().clone());
        }
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Neuron.class)
    void fusedModelIsBitIdenticalToTheLayeredOne(ModelConfig.Neuron neuron) {
        Run fused = run(neuron, false), layered = run(neuron, true);
        assertThat(fused.trainLoss()).isEqualTo(layered.trainLoss());
        assertThat(fused.logits()).containsExactly(layered.logits());
        assertThat(fused.evalLoss()).isEqualTo(layered.evalLoss());
        assertThat(fused.evalLogits()).containsExactly(layered.evalLogits());
        for (int i = 0; i < fused.grads().size(); i++) assertThat(fused.grads().get(i)).as("grad %d", i).containsExactly(layered.grads().get(i));
        for (int i = 0; i < fused.running().size(); i++) assertThat(fused.running().get(i)).containsExactly(layered.running().get(i));
        double g = 0;
        for (float[] a : fused.grads()) for (float v : a) g += Math.abs(v);
        assertThat(g).isPositive();
    }

    static Seq random(int T, int B, int C, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[T * B * C];
        for (int i = 0; i < d.length; i++) d[i] = (float) (scale * r.nextGaussian() + 0.3);
        return new Seq(d, T, B, C);
    }

    static Seq copy(Seq s) {
        return new Seq(s.data().clone(), s.T(), s.B(), s.C());
    }

    static SpikingNeuron neuron(boolean plif) {
        LifConfig c = new LifConfig(1.5, 1.0, new AtanSurrogate(5.0), false);
        return plif ? new Plif("lif", c) : new Lif(c);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void normalisedLifEqualsBatchNormThenLif(boolean train) {
        Seq x = random(9, 3, 7, 1, 2.0);
        BatchNorm1d bn1 = new BatchNorm1d("bn", 7), bn2 = new BatchNorm1d("bn", 7);
        SplittableRandom r = new SplittableRandom(2);
        for (int c = 0; c < 7; c++) {
            float g = (float) (0.5 + r.nextDouble()), be = (float) r.nextGaussian();
            bn1.gamma().value()[c] = bn2.gamma().value()[c] = g;
            bn1.beta().value()[c] = bn2.beta().value()[c] = be;
        }
        SpikingNeuron a = neuron(false), b = neuron(false);
        float[] want = a.forward(bn1.forward(x, train), train).data().clone();
        Seq got = b.forwardNormalised(x, bn2.forwardAffine(x, train), train, true);
        assertThat(got.data()).containsExactly(want);
        assertThat(got.data()).contains(1f, 0f); // some spikes, some silence
        assertThat(bn2.runningMean()).containsExactly(bn1.runningMean());
        if (!train) assertThatThrownBy(() -> b.backwardInPlace(copy(x))).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inPlaceBackwardsEqualTheBufferedOnes(boolean plif) {
        Seq x = random(8, 2, 5, 3, 1.5), g = random(8, 2, 5, 4, 1.0);
        SpikingNeuron n1 = neuron(plif), n2 = neuron(plif);
        n1.forward(x, true);
        n2.forward(x, true);
        float[] want = n1.backward(g, true).data().clone();
        Seq gi = copy(g);
        assertThat(n2.backwardInPlace(gi).data()).isSameAs(gi.data()).containsExactly(want);
        if (plif) assertThat(n2.params().get(0).grad()).containsExactly(n1.params().get(0).grad());

        BatchNorm1d b1 = new BatchNorm1d("bn", 5), b2 = new BatchNorm1d("bn", 5);
        b1.forward(x, true);
        b2.forward(x, true);
        float[] wantBn = b1.backward(g, true).data().clone();
        Seq gb = copy(g);
        assertThat(b2.backwardInPlace(gb).data()).isSameAs(gb.data()).containsExactly(wantBn);
        assertThat(b2.gamma().grad()).containsExactly(b1.gamma().grad());
        assertThat(b2.beta().grad()).containsExactly(b1.beta().grad());

        Dropout d1 = new Dropout(0.5), d2 = new Dropout(0.5);
        d1.setRandom(new SplittableRandom(9));
        d2.setRandom(new SplittableRandom(9));
        d1.forward(x, true);
        d2.forward(x, true);
        float[] wantD = d1.backward(g, true).data().clone();
        Seq gd = copy(g);
        assertThat(d2.backwardInPlace(gd).data()).containsExactly(wantD);
        assertThat(wantD).contains(0f);
    }

    @Test
    void membraneEmittingNeuronRefusesTheFusedForward() {
        SpikingNeuron out = new Lif(new LifConfig(1.5, 1e9, new AtanSurrogate(5.0), true));
        Seq x = random(3, 2, 4, 1, 1.0);
        BatchNorm1d bn = new BatchNorm1d("bn", 4);
        assertThatThrownBy(() -> out.forwardNormalised(x, bn.forwardAffine(x, true), true, true))
                .isInstanceOf(IllegalStateException.class);
    }
}
