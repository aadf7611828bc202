package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Param;
import org.delays4j.core.VectorOps;
import org.delays4j.data.Batch;
import org.delays4j.data.SyntheticFrames;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.ExecPath;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correctness guard of the fast paths at the level of a whole step: a fixed small batch gives
 * the same loss and the same gradient of every parameter (≤ 1e-5 relative) whichever execution
 * path the delay layers are forced to, compared with the dense path; the rounded evaluation gives
 * the same loss and logits with the integer-delay path as with the dense one. SIMD on and off.
 */
class FastPathsStepTest {
    static final double TOL = 1e-5;

    /** 20 inputs, 2 hidden layers of 24, 5 classes, K = 9; SHD-like counts, T 30, batch 6. */
    static ModelConfig config() {
        ModelConfig shd = Presets.get("shd").model();
        return new ModelConfig(ModelConfig.Kind.DELAYS, 20, 5, 2, 24, 9, shd.tauMs(), shd.timeStepMs(), 1.0, 5.0,
                ModelConfig.Neuron.LIF, 0.4, true, false, org.delays4j.layer.Readout.SUM, org.delays4j.dcls.DclsVersion.GAUSS, null);
    }

    static Batch batch() {
        return SyntheticFrames.batch(new SyntheticFrames.Stats(30, 20, 0.2, 4.35, 5), 6, 42);
    }

    record StepResult(double loss, float[] logits, List<float[]> grads) {}

    static StepResult trainStep(double sigma, ExecPath path) {
        SnnModel m = new SnnModel(config(), 7);
        for (float[] s : m.sigmas()) java.util.Arrays.fill(s, (float) sigma);
        for (Dcls1d d : m.delayLayers()) d.setPath(path);
        Batch b = batch();
        m.zeroGrad();
        m.setRandom(new SplittableRandom(3));
        SnnModel.Output o = m.forwardLoss(b.x(), b.labels(), true);
        usedPath(m, path);
        m.backward();
        List<float[]> grads = new ArrayList<>();
        for (Param p : m.params()) if (p.trainable()) grads.add(p.grad().clone());
        return new StepResult(o.loss(), o.logits().clone(), grads);
    }

    static StepResult evalStep(ExecPath path) {
        SnnModel m = new SnnModel(config(), 7);
        Batch b = batch();
        // one (dense) train forward first, so BatchNorm's running statistics are not the initial ones
        m.setRandom(new SplittableRandom(3));
        m.forwardLoss(b.x(), b.labels(), true);
        for (Dcls1d d : m.delayLayers()) d.setPath(path);
        try (SnnModel.RoundedEval r = m.roundedEval()) {
            SnnModel.Output o = m.forwardLoss(b.x(), b.labels(), false);
            usedPath(m, path);
            return new StepResult(o.loss(), o.logits().clone(), List.of());
        }
    }

    /** A forced path must be the one that ran (AUTO resolves to some concrete path). */
    static void usedPath(SnnModel m, ExecPath path) {
        for (Dcls1d d : m.delayLayers()) {
            if (path == ExecPath.AUTO) assertThat(d.lastPath()).isNotEqualTo(ExecPath.AUTO);
            else assertThat(d.lastPath()).isEqualTo(path);
        }
    }

    static Stream<Arguments> trainCases() {
        List<Arguments> l = new ArrayList<>();
        for (boolean simd : new boolean[] {true, false}) {
            for (double sigma : new double[] {4, 0.23}) {
                for (ExecPath p : List.of(ExecPath.AUTO, ExecPath.SPARSE, ExecPath.NARROW, ExecPath.SPARSE_NARROW)) {
                    l.add(Arguments.of(simd, sigma, p));
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "simd={0} sigma={1} path={2}")
    @MethodSource("trainCases")
    void everyTrainingPathGivesTheDenseLossAndGradients(boolean simd, double sigma, ExecPath path) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            StepResult dense = trainStep(sigma, ExecPath.DENSE), fast = trainStep(sigma, path);
            assertThat(dense.loss()).isFinite();
            assertThat(Math.abs(fast.loss() - dense.loss())).isLessThanOrEqualTo(TOL * Math.abs(dense.loss()));
            assertThat(Golden.relErr(dense.logits(), fast.logits())).isLessThanOrEqualTo(TOL);
            assertThat(fast.grads()).hasSameSizeAs(dense.grads());
            double norm = 0;
            for (int i = 0; i < dense.grads().size(); i++) {
                norm += norm(dense.grads().get(i));
                assertThat(Golden.relErr(dense.grads().get(i), fast.grads().get(i))).as("gradient %d", i).isLessThanOrEqualTo(TOL);
            }
            assertThat(norm).as("the gradients must not all vanish").isGreaterThan(0);
        } finally {
            Kernels.use(prev);
        }
    }

    @ParameterizedTest(name = "simd={0} path={1}")
    @MethodSource("evalCases")
    void roundedEvalGivesTheDenseLossWithEveryPath(boolean simd, ExecPath path) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            StepResult dense = evalStep(ExecPath.DENSE), fast = evalStep(path);
            assertThat(Math.abs(fast.loss() - dense.loss())).isLessThanOrEqualTo(TOL * Math.abs(dense.loss()));
            assertThat(Golden.relErr(dense.logits(), fast.logits())).isLessThanOrEqualTo(TOL);
        } finally {
            Kernels.use(prev);
        }
    }

    static Stream<Arguments> evalCases() {
        List<Arguments> l = new ArrayList<>();
        for (boolean simd : new boolean[] {true, false}) {
            for (ExecPath p : List.of(ExecPath.AUTO, ExecPath.INTEGER, ExecPath.SPARSE, ExecPath.NARROW)) l.add(Arguments.of(simd, p));
        }
        return l.stream();
    }

    static double norm(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return Math.sqrt(s);
    }

}
