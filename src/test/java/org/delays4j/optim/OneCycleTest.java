package org.delays4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;

/** Values derived by hand from torch's documented OneCycleLR (two phases, cosine, pct_start 0.3). */
class OneCycleTest {
    private static final double MAX = 5e-3, INITIAL = MAX / 25, MIN = INITIAL / 1e4;

    private static ParamGroup group() {
        return ParamGroup.of(List.of(), 1e-3, 0);
    }

    @Test
    void constructionSetsTheEpochZeroValues() {
        ParamGroup a = group(), b = group();
        OneCycle s = new OneCycle(List.of(a, b), OneCycle.Config.of(MAX, 150));
        assertThat(s.epoch()).isZero();
        for (ParamGroup g : List.of(a, b)) {
            assertThat(g.lr()).isCloseTo(INITIAL, within(1e-18));
            assertThat(g.beta1()).isEqualTo(0.95);
        }
        assertThat(s.lr()).isEqualTo(a.lr());
    }

    /** 50 steps: phase 1 is steps 0..14 (0.3·50 − 1), so step 7 is its middle, step 14 the peak. */
    @Test
    void warmUpPhase() {
        ParamGroup g = group();
        OneCycle s = new OneCycle(List.of(g), OneCycle.Config.of(MAX, 50));
        stepTo(s, 7);
        assertThat(g.lr()).isCloseTo((INITIAL + MAX) / 2, within(1e-15));
        assertThat(g.beta1()).isCloseTo(0.90, within(1e-15));
        stepTo(s, 14);
        assertThat(g.lr()).isCloseTo(MAX, within(1e-15));
        assertThat(g.beta1()).isCloseTo(0.85, within(1e-15));
    }

    /** 20 steps: phase 2 is steps 5..19, so step 12 is its middle and step 19 its end. */
    @Test
    void annealingPhase() {
        ParamGroup g = group();
        OneCycle s = new OneCycle(List.of(g), OneCycle.Config.of(MAX, 20));
        stepTo(s, 6);
        double pct = 1 / 14.0; // one step into phase 2
        assertThat(g.lr()).isCloseTo(MIN + (MAX - MIN) * (1 + Math.cos(Math.PI * pct)) / 2, within(1e-15));
        stepTo(s, 12);
        assertThat(g.lr()).isCloseTo((MAX + MIN) / 2, within(1e-15));
        assertThat(g.beta1()).isCloseTo(0.90, within(1e-15));
        stepTo(s, 19);
        assertThat(g.lr()).isCloseTo(MIN, within(1e-18));
        assertThat(g.beta1()).isCloseTo(0.95, within(1e-15));
        s.step(); // step == total is allowed, as torch
        assertThatThrownBy(s::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("20 steps");
    }

    @Test
    void linearAnnealAndFixedMomentum() {
        ParamGroup g = group();
        g.setBeta1(0.9);
        OneCycle s = new OneCycle(List.of(g), OneCycle.Config.of(MAX, 20).withAnneal(OneCycle.Anneal.LINEAR).withCycleMomentum(false));
        stepTo(s, 8); // phase 2 (5..19), 3/14 of the way down
        assertThat(g.lr()).isCloseTo(MAX + (MIN - MAX) * 3 / 14, within(1e-15));
        assertThat(g.beta1()).isEqualTo(0.9);
    }

    @Test
    void restoreEqualsStepping() {
        ParamGroup stepped = group(), restored = group();
        OneCycle a = new OneCycle(List.of(stepped), OneCycle.Config.of(MAX, 30));
        OneCycle b = new OneCycle(List.of(restored), OneCycle.Config.of(MAX, 30));
        for (int e = 1; e <= 30; e++) {
            a.step();
            b.restore(e);
            assertThat(restored.lr()).isEqualTo(stepped.lr());
            assertThat(restored.beta1()).isEqualTo(stepped.beta1());
            assertThat(b.epoch()).isEqualTo(e);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> OneCycle.Config.of(0, 10)).isInstanceOf(UserInputException.class).hasMessageContaining("max lr");
        assertThatThrownBy(() -> OneCycle.Config.of(1e-3, 0)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> OneCycle.Config.of(1e-3, 10).withPctStart(1.5)).isInstanceOf(UserInputException.class);
    }

    private static void stepTo(LrSchedule s, int epoch) {
        while (s.epoch() < epoch) s.step();
    }
}
