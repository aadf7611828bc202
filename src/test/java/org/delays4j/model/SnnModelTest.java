package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.DclsVersion;
import org.delays4j.io.StateTensor;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SnnModelTest {
    /** 6 inputs, 2 hidden layers of 5, 3 classes, K = 7. */
    static ModelConfig small(ModelConfig.Kind kind) {
        ModelConfig shd = Presets.get("shd").model();
        return new ModelConfig(kind, 6, 3, 2, 5, 7, shd.tauMs(), shd.timeStepMs(), 1.0, 5.0, ModelConfig.Neuron.LIF, 0.2, true,
                false, org.delays4j.layer.Readout.SUM, org.delays4j.dcls.DclsVersion.GAUSS, null);
    }

    static Seq randomSpikes(int T, int B, int C, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[T * B * C];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() < 0.3 ? 1f : 0f;
        return new Seq(d, T, B, C);
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Kind.class)
    void kindsBuildTheirDelaysAndCountParametersAsThePaper(ModelConfig.Kind kind) {
        SnnModel m = new SnnModel(small(kind), 3);
        int K = kind == ModelConfig.Kind.NO_DELAYS ? 1 : 7, c = K / 2;
        long weights = 6 * 5 + 5 * 5 + 5 * 3, bn = 2 * (5 + 5);
        for (Dcls1d d : m.delayLayers()) {
            assertThat(d.config().kernelSize()).isEqualTo(K);
            assertThat(d.sigma().trainable()).isFalse();
            for (float p : d.positions().value()) assertThat(p).isBetween((float) -c, (float) c);
            switch (kind) {
                case DELAYS -> {
                    assertThat(d.positions().trainable()).isTrue();
                    assertThat(d.sigma().value()).containsOnly((float) c);
                }
                case FIXED_DELAYS -> {
                    assertThat(d.positions().trainable()).isFalse();
                    for (float p : d.positions().value()) assertThat(p).isEqualTo((float) Math.rint(p));
                    assertThat(d.sigma().value()).containsOnly((float) ModelConfig.SIGMA_FLOOR);
                }
                case NO_DELAYS -> {
                    assertThat(d.positions().trainable()).isFalse();
                    assertThat(d.positions().value()).containsOnly(0f);
                }
            }
        }
        long expected = weights + bn + (kind == ModelConfig.Kind.DELAYS ? weights : 0);
        assertThat(m.trainableParameters()).isEqualTo(expected);
        // Frozen positions get no gradient.
        m.zeroGrad();
        m.setRandom(new SplittableRandom(2));
        m.forwardLoss(randomSpikes(9, 4, 6, 1), new int[] {0, 1, 2, 0}, true);
        m.backward();
        for (Dcls1d d : m.delayLayers()) {
            assertThat(d.weight().grad()).isNotEqualTo(new float[d.weight().size()]);
            if (!d.positions().trainable()) assertThat(d.positions().grad()).containsOnly(0f);
        }
    }

    @Test
    void shdPresetHasThePapersParameterCount() {
        ModelConfig shd = Presets.get("shd").model();
        long weights = 140L * 256 + 256L * 256 + 256L * 20, bn = 2L * (256 + 256);
        long count = new SnnModel(shd, 0).trainableParameters();
        assertThat(count).isEqualTo(2 * weights + bn); // weights + positions + BatchNorm
        assertThat(count).isBetween(200_000L, 220_000L); // "0.2 M" in SPEC
    }

    @Test
    void noDelaysIsADenseSnnOfTheSameWidthsAndLength() {
        SnnModel m = new SnnModel(small(ModelConfig.Kind.NO_DELAYS), 3);
        Seq out = m.forward(randomSpikes(9, 2, 6, 1), false);
        assertThat(out.T()).isEqualTo(9); // K = 1: no padding, the sequence keeps its length
        SnnModel d = new SnnModel(small(ModelConfig.Kind.DELAYS), 3);
        assertThat(d.forward(randomSpikes(9, 2, 6, 1), false).T()).isEqualTo(9 + 3 * 3); // +(K-1)/2 per layer
    }

    @Test
    void stateNamesAreUniqueDocumentedAndLive() {
        SnnModel m = new SnnModel(small(ModelConfig.Kind.DELAYS), 3);
        List<String> names = new ArrayList<>();
        for (StateTensor t : m.state()) {
            names.add(t.name());
            assertThat(t.name()).matches("layers\\.[0-2]\\.(dcls\\.(weight|P|SIG)|bn\\.(weight|bias|running_mean|running_var))");
            if (t.name().endsWith(".P") || t.name().endsWith(".SIG")) assertThat(t.shape()[0]).isEqualTo(1);
        }
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).contains("layers.0.dcls.weight", "layers.1.bn.running_var", "layers.2.dcls.P").doesNotContain("layers.2.bn.weight");
        StateTensor w = m.stateByName().get("layers.0.dcls.weight");
        w.values()[0] = 42f;
        assertThat(m.delayLayers().getFirst().weight().value()[0]).isEqualTo(42f);
        for (Param p : m.params()) assertThat(p.name()).startsWith("layers.");
    }

    @Test
    void initialisationDependsOnTheSeedOnly() {
        SnnModel a = new SnnModel(small(ModelConfig.Kind.DELAYS), 5), b = new SnnModel(small(ModelConfig.Kind.DELAYS), 5),
                c = new SnnModel(small(ModelConfig.Kind.DELAYS), 6);
        for (int i = 0; i < a.state().size(); i++) assertThat(a.state().get(i).values()).isEqualTo(b.state().get(i).values());
        assertThat(a.delayLayers().getFirst().weight().value()).isNotEqualTo(c.delayLayers().getFirst().weight().value());
    }

    @Test
    @SuppressWarnings("try")
    void roundedEvalUsesIntegerDelaysAndRestoresExactly() {
        SnnModel m = new SnnModel(small(ModelConfig.Kind.DELAYS), 3);
        List<float[]> before = m.state().stream().map(t -> t.values().clone()).toList();
        Seq x = randomSpikes(9, 3, 6, 2);
        try (SnnModel.RoundedEval e = m.roundedEval()) {
            for (Dcls1d d : m.delayLayers()) {
                assertThat(d.version()).isEqualTo(DclsVersion.MAX);
                assertThat(d.sigma().value()).containsOnly(0f);
                for (float p : d.positions().value()) assertThat(p).isEqualTo((float) Math.rint(p));
            }
            m.forward(x, false);
            e.close();
            e.close(); // closing twice is harmless
        }
        for (int i = 0; i < before.size(); i++) assertThat(m.state().get(i).values()).isEqualTo(before.get(i));
        for (Dcls1d d : m.delayLayers()) assertThat(d.version()).isEqualTo(DclsVersion.GAUSS);
    }

    @Test
    @SuppressWarnings("try")
    void roundedTrainingFreezesIntegerPositionsForGood() {
        SnnModel m = new SnnModel(small(ModelConfig.Kind.DELAYS), 3);
        long params = m.trainableParameters();
        m.enterRoundedTraining();
        assertThat(m.roundedTraining()).isTrue();
        assertThat(m.trainable(Param.Kind.POSITION)).isEmpty();
        assertThat(m.trainableParameters()).isEqualTo(params);
        List<float[]> rounded = m.state().stream().map(t -> t.values().clone()).toList();
        try (SnnModel.RoundedEval e = m.roundedEval()) {
            for (int i = 0; i < rounded.size(); i++) assertThat(m.state().get(i).values()).isEqualTo(rounded.get(i));
        }
        for (Dcls1d d : m.delayLayers()) assertThat(d.version()).isEqualTo(DclsVersion.MAX);
    }

    @Test
    void naiveAndVectorKernelsGiveTheSameTraining() {
        Seq x = randomSpikes(11, 4, 6, 9);
        int[] y = {2, 0, 1, 1};
        float[][] grads = new float[2][];
        double[] loss = new double[2];
        Ops prev = Kernels.ops();
        try {
            for (int k = 0; k < 2; k++) {
                Kernels.use(k == 0 ? NaiveOps.INSTANCE : org.delays4j.core.VectorOps.INSTANCE);
                SnnModel m = new SnnModel(small(ModelConfig.Kind.DELAYS), 4);
                m.setRandom(new SplittableRandom(1));
                loss[k] = m.forwardLoss(x, y, true).loss();
                m.zeroGrad();
                m.backward();
                grads[k] = m.delayLayers().getFirst().positions().grad().clone();
            }
        } finally {
            Kernels.use(prev);
        }
        assertThat(Math.abs(loss[0] - loss[1])).isLessThanOrEqualTo(1e-5 * Math.abs(loss[0]));
        double num = 0, den = 0;
        for (int i = 0; i < grads[0].length; i++) {
            num += Math.pow(grads[0][i] - grads[1][i], 2);
            den += Math.pow(grads[0][i], 2);
        }
        assertThat(Math.sqrt(num / den)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void inputOfTheWrongWidthOrALabelOutOfRangeIsAUserError() {
        SnnModel m = new SnnModel(small(ModelConfig.Kind.DELAYS), 3);
        assertThatThrownBy(() -> m.forward(randomSpikes(5, 2, 7, 1), false))
                .isInstanceOf(UserInputException.class).hasMessageContaining("set model.inputs to 7");
        assertThatThrownBy(() -> m.forwardLoss(randomSpikes(5, 2, 6, 1), new int[] {0, 3}, false))
                .isInstanceOf(UserInputException.class).hasMessageContaining("label 3");
        assertThatThrownBy(m::backward).isInstanceOf(IllegalStateException.class);
    }
}
