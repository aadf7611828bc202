package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.delays4j.layer.FiniteDifferences.randomSeq;

import java.util.SplittableRandom;
import org.delays4j.core.Seq;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DropoutTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.4})
    void oneMaskPerSampleAndChannelSharedOverTime(double p) {
        int T = 7, B = 3, C = 50;
        Dropout d = new Dropout(p);
        d.setRandom(new SplittableRandom(1));
        Seq ones = new Seq(filled(T * B * C, 1f), T, B, C);
        Seq y = d.forward(ones, true);
        float scale = (float) (1 / (1 - p));
        int dropped = 0;
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                float m = y.get(0, b, c);
                assertThat(m).isIn(0f, scale);
                if (m == 0f) dropped++;
                for (int t = 1; t < T; t++) assertThat(y.get(t, b, c)).isEqualTo(m);
                assertThat(d.mask()[b * C + c]).isEqualTo(m);
            }
        }
        assertThat(dropped).isPositive().isLessThan(B * C);
    }

    @Test
    void dropsAboutAFractionP() {
        Dropout d = new Dropout(0.4);
        d.setRandom(new SplittableRandom(3));
        d.forward(Seq.zeros(1, 200, 500), true);
        long zeros = 0;
        for (float m : d.mask()) if (m == 0f) zeros++;
        assertThat(zeros / 100_000.0).isCloseTo(0.4, within(0.01));
    }

    @Test
    void sameSeedSameMasksNewMaskEachForward() {
        Seq x = randomSeq(1, 4, 6, 8, 1, 1);
        Dropout a = new Dropout(0.5), b = new Dropout(0.5);
        a.setRandom(new SplittableRandom(42));
        b.setRandom(new SplittableRandom(42));
        float[] first = a.forward(x, true).data().clone();
        assertThat(b.forward(x, true).data()).containsExactly(first);
        assertThat(a.forward(x, true).data()).isNotEqualTo(first);
    }

    @Test
    void evalAndZeroPAreTheIdentity() {
        Seq x = randomSeq(2, 3, 2, 4, 1, 1);
        Dropout d = new Dropout(0.3);
        assertThat(d.forward(x, false)).isSameAs(x); // no generator needed in eval
        assertThat(d.backward(x, true)).isSameAs(x);
        Dropout zero = new Dropout(0);
        assertThat(zero.forward(x, true)).isSameAs(x);
        assertThat(zero.params()).isEmpty();
    }

    @Test
    void backwardAppliesTheSameMask() {
        int T = 5, B = 3, C = 4;
        Dropout d = new Dropout(0.5);
        d.setRandom(new SplittableRandom(7));
        Seq x = randomSeq(3, T, B, C, 1, 1), g = randomSeq(4, T, B, C, 0, 1);
        Seq y = d.forward(x, true);
        Seq gx = d.backward(g, true);
        for (int k = 0; k < x.data().length; k++) {
            float m = d.mask()[k % (B * C)];
            assertThat(y.data()[k]).isEqualTo(x.data()[k] * m);
            assertThat(gx.data()[k]).isEqualTo(g.data()[k] * m);
        }
        assertThat(d.backward(g, false)).isNull();
    }

    @Test
    void reportsBadPAndMissingGenerator() {
        assertThatThrownBy(() -> new Dropout(1.0)).isInstanceOf(UserInputException.class).hasMessageContaining("dropout");
        assertThatThrownBy(() -> new Dropout(-0.1)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new Dropout(Double.NaN)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new Dropout(0.2).forward(Seq.zeros(1, 1, 1), true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setRandom");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
