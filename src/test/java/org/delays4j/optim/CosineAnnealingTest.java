package org.delays4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;

/** torch's CosineAnnealingLR: η_e = η_min + (η_0 − η_min)·(1 + cos(π·e/T_max))/2. */
class CosineAnnealingTest {
    @Test
    void fourEpochsByHand() {
        ParamGroup g = ParamGroup.of(List.of(), 0.1, 0);
        CosineAnnealing s = new CosineAnnealing(List.of(g), 4);
        assertThat(g.lr()).isEqualTo(0.1); // epoch 0 keeps the configured lr
        double r = Math.sqrt(2) / 2;
        double[] expected = {0.1 * (1 + r) / 2, 0.05, 0.1 * (1 - r) / 2, 0.0, 0.1 * (1 - r) / 2, 0.05};
        for (double e : expected) {
            s.step();
            assertThat(g.lr()).isCloseTo(e, within(1e-16));
        }
        assertThat(s.epoch()).isEqualTo(6);
    }

    @Test
    void followsTheClosedFormOverALongRunWithEtaMin() {
        ParamGroup g = ParamGroup.of(List.of(), 0.1, 0);
        CosineAnnealing s = new CosineAnnealing(List.of(g), 150, 1e-4);
        for (int e = 1; e <= 150; e++) {
            s.step();
            double closed = 1e-4 + (0.1 - 1e-4) * (1 + Math.cos(Math.PI * e / 150)) / 2;
            assertThat(g.lr()).as("epoch %d", e).isCloseTo(closed, within(1e-15));
            assertThat(s.lr()).isEqualTo(g.lr());
        }
    }

    @Test
    void restoreReplaysBitForBit() {
        ParamGroup a = ParamGroup.of(List.of(), 0.1, 0), b = ParamGroup.of(List.of(), 0.1, 0);
        CosineAnnealing stepped = new CosineAnnealing(List.of(a), 37), restored = new CosineAnnealing(List.of(b), 37);
        for (int e = 0; e < 23; e++) stepped.step();
        b.setLr(0.5); // whatever a checkpoint left there: restore starts again from the configured lr
        restored.restore(23);
        assertThat(b.lr()).isEqualTo(a.lr());
        assertThat(restored.epoch()).isEqualTo(23);
    }

    @Test
    void constantLrKeepsTheLr() {
        ParamGroup g = ParamGroup.of(List.of(), 0.02, 0);
        ConstantLr s = new ConstantLr(List.of(g));
        s.step();
        s.step();
        assertThat(s.lr()).isEqualTo(0.02);
        assertThat(s.epoch()).isEqualTo(2);
        s.restore(7);
        assertThat(s.epoch()).isEqualTo(7);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new CosineAnnealing(List.of(ParamGroup.of(List.of(), 0.1, 0)), 0)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("T_max");
        assertThatThrownBy(() -> new CosineAnnealing(List.of(), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
