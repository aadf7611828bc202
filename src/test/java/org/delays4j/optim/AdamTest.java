package org.delays4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.delays4j.core.Parallel;
import org.delays4j.core.Param;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamTest {
    /** torch.optim.Adam / AdamW as documented, in double, one parameter. */
    private static final class Reference {
        final double[] p, m, v;
        int k;

        Reference(float[] init) {
            p = new double[init.length];
            for (int i = 0; i < p.length; i++) p[i] = init[i];
            m = new double[p.length];
            v = new double[p.length];
        }

        void step(float[] grad, double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
            k++;
            for (int i = 0; i < p.length; i++) {
                double g = grad[i];
                if (decoupled) p[i] *= 1 - lr * wd;
                else g += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, k)), vHat = v[i] / (1 - Math.pow(b2, k));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }

    private static Param param(String name, int n, long seed) {
        Param p = new Param(name, Param.Kind.WEIGHT, true, n);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) p.value()[i] = (float) (r.nextDouble() * 2 - 1);
        return p;
    }

    private static void randomGrad(Param p, SplittableRandom r) {
        for (int i = 0; i < p.size(); i++) p.grad()[i] = (float) ((r.nextDouble() * 2 - 1) * Math.pow(10, -r.nextInt(4)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesTheDocumentedAlgorithmOverSeveralSteps(boolean decoupled) {
        Param p = param("w", 300, 1);
        ParamGroup g = new ParamGroup(List.of(p), 0.01, 0.9, 0.999, 1e-8, 0.05);
        Adam adam = decoupled ? Adam.adamW(List.of(g)) : Adam.adam(List.of(g));
        Reference ref = new Reference(p.value());
        double[] before = ref.p.clone();
        SplittableRandom r = new SplittableRandom(2);
        for (int s = 0; s < 6; s++) {
            randomGrad(p, r);
            if (s == 3) g.setLr(0.003); // a schedule may change lr and β1 between steps
            if (s == 4) g.setBeta1(0.85);
            ref.step(p.grad(), g.lr(), g.beta1(), g.beta2(), g.eps(), g.weightDecay(), decoupled);
            adam.step();
        }
        double[] refMove = new double[p.size()], gotMove = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            refMove[i] = ref.p[i] - before[i];
            gotMove[i] = p.value()[i] - before[i];
        }
        assertThat(Golden.relErr(refMove, gotMove)).isLessThan(1e-4);
        assertThat(Golden.relErr(ref.p, p.value())).isLessThan(1e-6);
        assertThat(adam.stepCount(p)).isEqualTo(6);
    }

    @Test
    void adamAndAdamWDifferOnlyThroughWeightDecay() {
        Param a = param("a", 50, 3), b = param("b", 50, 3);
        randomGrad(a, new SplittableRandom(4));
        System.arraycopy(a.grad(), 0, b.grad(), 0, 50);
        Adam.adam(List.of(ParamGroup.of(List.of(a), 0.01, 0))).step();
        Adam.adamW(List.of(ParamGroup.of(List.of(b), 0.01, 0))).step();
        assertThat(a.value()).containsExactly(b.value());
    }

    @Test
    void frozenParamsAreSkippedAndKeepTheirOwnStepCount() {
        Param a = param("a", 10, 5), frozen = param("f", 10, 6);
        frozen.setTrainable(false);
        randomGrad(a, new SplittableRandom(7));
        randomGrad(frozen, new SplittableRandom(8));
        float[] frozenBefore = frozen.value().clone();
        Adam adam = Adam.adam(List.of(ParamGroup.of(List.of(a, frozen), 0.1, 0)));
        adam.step();
        adam.step();
        assertThat(frozen.value()).containsExactly(frozenBefore);
        assertThat(adam.stepCount(frozen)).isZero();
        frozen.setTrainable(true);
        adam.step();
        assertThat(adam.stepCount(frozen)).isEqualTo(1);
        assertThat(adam.stepCount(a)).isEqualTo(3);
        // first step of a fresh parameter: −lr·g/(|g| + ε) after bias correction
        for (int i = 0; i < 10; i++) {
            float g = frozen.grad()[i];
            assertThat((double) frozen.value()[i]).isCloseTo(frozenBefore[i] - 0.1 * g / (Math.abs(g) + 1e-8),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        adam.zeroGrad();
        assertThat(a.grad()).containsOnly(0f);
        assertThat(frozen.grad()).containsOnly(0f);
    }

    @Test
    void stateRoundTripResumesBitForBit() {
        Param a = param("layer0.weight", 40, 9), b = param("layer0.weight", 40, 9);
        Adam first = Adam.adam(List.of(ParamGroup.of(List.of(a), 0.01, 1e-5)));
        SplittableRandom r = new SplittableRandom(10);
        for (int s = 0; s < 3; s++) {
            randomGrad(a, r);
            first.step();
        }
        System.arraycopy(a.value(), 0, b.value(), 0, 40);
        Adam resumed = Adam.adam(List.of(ParamGroup.of(List.of(b), 0.01, 1e-5)));
        Map<String, float[]> state = first.state();
        assertThat(state).containsOnlyKeys("layer0.weight.exp_avg", "layer0.weight.exp_avg_sq", "layer0.weight.step");
        resumed.load(state);
        assertThat(resumed.stepCount(b)).isEqualTo(3);
        for (int s = 0; s < 2; s++) {
            randomGrad(a, r);
            System.arraycopy(a.grad(), 0, b.grad(), 0, 40);
            first.step();
            resumed.step();
        }
        assertThat(b.value()).containsExactly(a.value());
    }

    @Test
    void loadRejectsAMismatchedStateAndKeepsItsOwn() {
        Param a = param("w", 4, 1);
        randomGrad(a, new SplittableRandom(1));
        Adam adam = Adam.adam(List.of(ParamGroup.of(List.of(a), 0.01, 0)));
        adam.step();
        Map<String, float[]> good = adam.state();
        Map<String, float[]> shortM = new HashMap<>(good);
        shortM.put("w.exp_avg", new float[3]);
        assertThatThrownBy(() -> adam.load(shortM)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("w.exp_avg").hasMessageContaining("3 values");
        Map<String, float[]> missing = new HashMap<>(good);
        missing.remove("w.step");
        assertThatThrownBy(() -> adam.load(missing)).isInstanceOf(UserInputException.class).hasMessageContaining("w.step");
        assertThat(adam.state().get("w.exp_avg")).containsExactly(good.get("w.exp_avg"));
        assertThatThrownBy(() -> Adam.adam(List.of(ParamGroup.of(List.of(a), 0.1, 0), ParamGroup.of(List.of(a), 0.1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeParamsUpdateIdenticallyWithAnyThreadCount() {
        int before = Parallel.threads();
        try {
            float[][] results = new float[2][];
            int[] threads = {1, 3};
            for (int t = 0; t < 2; t++) {
                Parallel.setThreads(threads[t]);
                Param p = param("big", 100_000, 11);
                randomGrad(p, new SplittableRandom(12));
                Adam.adam(List.of(ParamGroup.of(List.of(p), 0.01, 1e-5))).step();
                results[t] = p.value();
            }
            assertThat(results[1]).containsExactly(results[0]);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void groupSettingsAreChecked() {
        assertThatThrownBy(() -> ParamGroup.of(List.of(), -1, 0)).isInstanceOf(UserInputException.class).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new ParamGroup(List.of(), 0.1, 1.0, 0.999, 1e-8, 0)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> ParamGroup.of(List.of(), 0.1, Double.NaN)).isInstanceOf(UserInputException.class);
    }
}
