package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.delays4j.layer.FiniteDifferences.dot;
import static org.delays4j.layer.FiniteDifferences.randomSeq;

import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadoutTest {
    /** o[t=0..2, b=0, k=0..1] = (1,0) (3,5) (2,−1): values a reader can check by hand. */
    private static final Seq SMALL = new Seq(new float[] {1, 0, 3, 5, 2, -1}, 3, 1, 2);

    @Test
    void valuesByHand() {
        assertThat(Readout.MEAN.forward(SMALL)).containsExactly(2f, 4f / 3);
        assertThat(Readout.MAX.forward(SMALL)).containsExactly(3f, 5f);
        assertThat(Readout.SPIKE_COUNT.forward(SMALL)).containsExactly(6f, 4f);
        double e1 = 1 / (1 + Math.exp(-1)), e2 = 1 / (1 + Math.exp(2)), e3 = 1 / (1 + Math.exp(-3));
        float[] sum = Readout.SUM.forward(SMALL);
        assertThat((double) sum[0]).isCloseTo(e1 + e2 + e3, within(1e-6));
        assertThat(sum[0] + sum[1]).isCloseTo(3f, within(1e-6f)); // each step's softmax sums to 1
    }

    @Test
    void maxSendsTheGradientToTheFirstMaximalStep() {
        Seq tie = new Seq(new float[] {1, 4, 4, 2}, 4, 1, 1);
        assertThat(Readout.MAX.backward(tie, new float[] {1f}).data()).containsExactly(0f, 1f, 0f, 0f);
    }

    @ParameterizedTest
    @EnumSource(Readout.class)
    void backwardMatchesFiniteDifferences(Readout readout) {
        int T = 6, B = 3, K = 4;
        Seq o = randomSeq(1, T, B, K, 0.5, 2);
        float[] w = randomSeq(2, 1, B, K, 0, 1).data();
        double[] fd = FiniteDifferences.gradient(() -> dot(w, readout.forward(o)), o.data(), 1e-3);
        assertThat(Golden.relErr(fd, readout.backward(o, w).data())).isLessThan(1e-3);
    }

    @Test
    void thresholdsAndParsing() {
        assertThat(Readout.parse("sum")).isEqualTo(Readout.SUM);
        assertThat(Readout.parse(" Spike-Count ")).isEqualTo(Readout.SPIKE_COUNT);
        assertThat(Readout.SUM.readsMembrane()).isTrue();
        assertThat(Readout.SPIKE_COUNT.readsMembrane()).isFalse();
        assertThat(Readout.SPIKE_COUNT.outputThreshold()).isEqualTo(2.0);
        assertThat(Readout.MEAN.outputThreshold()).isEqualTo(1e9);
        assertThatThrownBy(() -> Readout.parse("softmax")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("softmax").hasMessageContaining("spike_count");
        assertThatThrownBy(() -> Readout.SUM.backward(SMALL, new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    /** SUM's forward splits the samples over threads: 1 and 2 threads give the same bits, equal to a float64 sum. */
    @Test
    void sumIsTheSameForEveryThreadCount() {
        Seq o = randomSeq(21L, 9, 7, 5, 0.5, 2.0);
        int prev = org.delays4j.core.Parallel.threads();
        try {
            org.delays4j.core.Parallel.setThreads(1);
            float[] one = Readout.SUM.forward(o);
            org.delays4j.core.Parallel.setThreads(2);
            float[] two = Readout.SUM.forward(o);
            assertThat(two).containsExactly(one);
            for (int b = 0; b < o.B(); b++) {
                double total = 0;
                for (int k = 0; k < o.C(); k++) total += one[b * o.C() + k];
                assertThat(total).isCloseTo(o.T(), within(1e-5)); // each step's softmax sums to 1
            }
        } finally {
            org.delays4j.core.Parallel.setThreads(prev);
        }
    }
}
