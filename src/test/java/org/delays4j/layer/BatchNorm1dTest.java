package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.delays4j.layer.FiniteDifferences.dot;
import static org.delays4j.layer.FiniteDifferences.randomSeq;
import static org.delays4j.layer.FiniteDifferences.toDouble;

import java.util.SplittableRandom;
import org.delays4j.core.Parallel;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchNorm1dTest {
    private static BatchNorm1d randomAffine(long seed, int C) {
        BatchNorm1d bn = new BatchNorm1d("bn", C);
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < C; c++) {
            bn.gamma().value()[c] = (float) (0.5 + r.nextDouble());
            bn.beta().value()[c] = (float) (r.nextDouble() - 0.5);
        }
        return bn;
    }

    @Test
    void startsAsTorchDoes() {
        BatchNorm1d bn = new BatchNorm1d("layer0.bn", 3);
        assertThat(bn.params()).extracting(Param::name).containsExactly("layer0.bn.weight", "layer0.bn.bias");
        assertThat(bn.params()).extracting(Param::kind).containsOnly(Param.Kind.NORM);
        assertThat(bn.gamma().value()).containsOnly(1f);
        assertThat(bn.beta().value()).containsOnly(0f);
        assertThat(bn.runningMean()).containsOnly(0f);
        assertThat(bn.runningVar()).containsOnly(1f);
        assertThat(bn.batchesTracked()).isZero();
    }

    /** In train mode each channel of the output has mean β and biased variance γ²·σ²/(σ²+ε). */
    @Test
    void trainOutputIsNormalisedPerChannel() {
        int T = 9, B = 4, C = 5, n = T * B;
        BatchNorm1d bn = randomAffine(1, C);
        Seq x = randomSeq(2, T, B, C, 3, 2);
        Seq y = bn.forward(x, true);
        for (int c = 0; c < C; c++) {
            double xVar = variance(x.data(), c, C, n), g = bn.gamma().value()[c];
            assertThat(mean(y.data(), c, C, n)).isCloseTo(bn.beta().value()[c], within(1e-6));
            assertThat(variance(y.data(), c, C, n)).isCloseTo(g * g * xVar / (xVar + 1e-5), within(1e-5 * g * g));
            // running stats after one batch from (0, 1): momentum 0.1, unbiased variance
            assertThat((double) bn.runningMean()[c]).isCloseTo(0.1 * mean(x.data(), c, C, n), within(1e-6));
            assertThat((double) bn.runningVar()[c]).isCloseTo(0.9 + 0.1 * xVar * n / (n - 1), within(1e-6));
        }
        assertThat(bn.batchesTracked()).isEqualTo(1);
    }

    private static double mean(float[] a, int c, int C, int n) {
        double s = 0;
        for (int r = 0; r < n; r++) s += a[r * C + c];
        return s / n;
    }

    private static double variance(float[] a, int c, int C, int n) {
        double m = mean(a, c, C, n), s = 0;
        for (int r = 0; r < n; r++) s += Math.pow(a[r * C + c] - m, 2);
        return s / n;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void backwardMatchesFiniteDifferences(boolean train) {
        int T = 4, B = 3, C = 3;
        BatchNorm1d bn = randomAffine(3, C);
        bn.setRunningStats(new float[] {0.3f, -0.2f, 0.5f}, new float[] {1.5f, 0.7f, 2.0f}, 4);
        Seq x = randomSeq(4, T, B, C, 0.5, 1.5);
        float[] w = randomSeq(5, T, B, C, 0, 1).data();
        long tracked = bn.batchesTracked();
        java.util.function.DoubleSupplier loss = () -> dot(w, bn.forward(x, train).data());

        double[] fdX = FiniteDifferences.gradient(loss, x.data(), 1e-2);
        double[] fdGamma = FiniteDifferences.gradient(loss, bn.gamma().value(), 1e-2);
        double[] fdBeta = FiniteDifferences.gradient(loss, bn.beta().value(), 1e-2);
        bn.forward(x, train);
        Seq gx = bn.backward(new Seq(w, T, B, C), true);
        assertThat(Golden.relErr(fdX, gx.data())).isLessThan(1e-3);
        assertThat(Golden.relErr(fdGamma, bn.gamma().grad())).isLessThan(1e-3);
        assertThat(Golden.relErr(fdBeta, bn.beta().grad())).isLessThan(1e-4);
        if (!train) assertThat(bn.batchesTracked()).isEqualTo(tracked);
    }

    /** Train-mode input gradients sum to zero per channel: shifting a channel changes nothing. */
    @Test
    void trainInputGradientIsShiftInvariant() {
        int T = 6, B = 3, C = 4;
        BatchNorm1d bn = randomAffine(6, C);
        bn.forward(randomSeq(7, T, B, C, 1, 1), true);
        float[] gx = bn.backward(randomSeq(8, T, B, C, 0, 1), true).data();
        for (int c = 0; c < C; c++) {
            double s = 0;
            for (int r = 0; r < T * B; r++) s += gx[r * C + c];
            assertThat(s).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void frozenAffineGetsNoGradientAndNoInputGradWhenNotAsked() {
        BatchNorm1d bn = randomAffine(9, 2);
        bn.gamma().setTrainable(false);
        bn.forward(randomSeq(1, 5, 2, 2, 0, 1), true);
        assertThat(bn.backward(randomSeq(2, 5, 2, 2, 0, 1), false)).isNull();
        assertThat(bn.gamma().grad()).containsOnly(0f);
        assertThat(bn.beta().grad()).doesNotContain(0f);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Seq x = randomSeq(11, 20, 8, 13, 1, 2), g = randomSeq(12, 20, 8, 13, 0, 1);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            BatchNorm1d a = randomAffine(13, 13);
            float[] y1 = a.forward(x, true).data().clone(), g1 = a.backward(g, true).data().clone();
            Parallel.setThreads(3);
            BatchNorm1d b = randomAffine(13, 13);
            assertThat(b.forward(x, true).data()).containsExactly(y1);
            assertThat(b.backward(g, true).data()).containsExactly(g1);
            assertThat(b.runningVar()).containsExactly(a.runningVar());
            assertThat(b.gamma().grad()).containsExactly(a.gamma().grad());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void reportsBadInputAndMisuse() {
        BatchNorm1d bn = new BatchNorm1d("bn", 3);
        assertThatThrownBy(() -> bn.forward(Seq.zeros(1, 1, 3), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("more than one value per channel");
        assertThat(bn.forward(Seq.zeros(1, 1, 3), false).data()).containsOnly(0f); // eval on one row is fine
        assertThatThrownBy(() -> bn.forward(Seq.zeros(2, 2, 4), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bn.setRunningStats(new float[2], new float[3], 0)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new BatchNorm1d("bn", 3, 1e-5, 1.5)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new BatchNorm1d("bn", 3).backward(Seq.zeros(2, 2, 3), true)).isInstanceOf(IllegalStateException.class);
    }
}
