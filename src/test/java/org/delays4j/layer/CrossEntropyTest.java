package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
    @Test
    void uniformLogitsCostLogK() {
        float[] logits = new float[2 * 5];
        assertThat(CrossEntropy.loss(logits, CrossEntropy.oneHot(new int[] {1, 4}, 5), 2, 5)).isCloseTo(Math.log(5), within(1e-12));
    }

    @Test
    void valueByHandAndLargeLogitsStayFinite() {
        float[] logits = {2, 0, -1};
        double z = Math.log(Math.exp(2) + 1 + Math.exp(-1));
        float[] y = {0.25f, 0.75f, 0f}; // mixed target, as CutMix makes
        assertThat(CrossEntropy.loss(logits, y, 1, 3)).isCloseTo(0.25 * (z - 2) + 0.75 * z, within(1e-12));
        assertThat(CrossEntropy.loss(new float[] {1000, -1000}, new float[] {0, 1}, 1, 2)).isCloseTo(2000, within(1e-9));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int B = 3, K = 4;
        float[] logits = FiniteDifferences.randomSeq(1, 1, B, K, 0, 2).data();
        float[] y = {1, 0, 0, 0, 0, 0.3f, 0.7f, 0, 0, 0, 0, 1};
        float[] grad = new float[B * K];
        double loss = CrossEntropy.lossAndGrad(logits, y, B, K, grad);
        assertThat(loss).isEqualTo(CrossEntropy.loss(logits, y, B, K));
        double[] fd = FiniteDifferences.gradient(() -> CrossEntropy.loss(logits, y, B, K), logits, 1e-3);
        assertThat(Golden.relErr(fd, grad)).isLessThan(1e-5);
        for (int b = 0; b < B; b++) { // softmax − y sums to 0 per row for targets summing to 1
            double s = 0;
            for (int k = 0; k < K; k++) s += grad[b * K + k];
            assertThat(s).isCloseTo(0, within(1e-7));
        }
    }

    @Test
    void predictionsAndAccuracy() {
        float[] logits = {0, 3, 1, /**/ 5, 5, 0, /**/ -1, -2, -0.5f};
        assertThat(CrossEntropy.argmax(logits, 3, 3)).containsExactly(1, 0, 2); // ties: first index
        assertThat(CrossEntropy.correct(logits, new int[] {1, 1, 2}, 3)).isEqualTo(2);
        assertThat(CrossEntropy.accuracy(logits, new int[] {1, 1, 2}, 3)).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(CrossEntropy.oneHot(new int[] {2, 0}, 3)).containsExactly(0, 0, 1, 1, 0, 0);
    }

    @Test
    void reportsLabelsOutsideTheOutputs() {
        assertThatThrownBy(() -> CrossEntropy.oneHot(new int[] {3}, 3)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("label 3").hasMessageContaining("0..2");
        assertThatThrownBy(() -> CrossEntropy.loss(new float[4], new float[3], 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
