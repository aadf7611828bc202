package org.delays4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SurrogateTest {
    /** Each surrogate with the primitive whose derivative it must be (SpikingJelly's / SuperSpike's). */
    static Stream<Arguments> surrogates() {
        return Stream.of(
                Arguments.of(new AtanSurrogate(5), (DoubleUnaryOperator) x -> Math.atan(Math.PI / 2 * 5 * x) / Math.PI + 0.5),
                Arguments.of(new AtanSurrogate(2), (DoubleUnaryOperator) x -> Math.atan(Math.PI / 2 * 2 * x) / Math.PI + 0.5),
                Arguments.of(new FastSigmoidSurrogate(10), (DoubleUnaryOperator) x -> x / (1 + 10 * Math.abs(x))),
                Arguments.of(new FastSigmoidSurrogate(0.5), (DoubleUnaryOperator) x -> x / (1 + 0.5 * Math.abs(x))));
    }

    @ParameterizedTest
    @MethodSource("surrogates")
    void gradIsTheDerivativeOfItsPrimitive(Surrogate s, DoubleUnaryOperator primitive) {
        double h = 1e-6;
        for (double x = -3; x <= 3; x += 0.0625) {
            if (Math.abs(x) < 2 * h) continue; // |x| has a kink at 0 for the fast sigmoid
            double fd = (primitive.applyAsDouble(x + h) - primitive.applyAsDouble(x - h)) / (2 * h);
            assertThat((double) s.grad((float) x)).as("x=%s", x).isCloseTo(fd, within(1e-6 * Math.max(1, fd)));
        }
    }

    @Test
    void peaksAtZeroAndIsSymmetric() {
        assertThat(new AtanSurrogate(5).grad(0f)).isEqualTo(2.5f);
        assertThat(Surrogate.atan()).isEqualTo(new AtanSurrogate(5));
        assertThat(new FastSigmoidSurrogate(25).grad(0f)).isEqualTo(1f);
        for (Surrogate s : new Surrogate[] {new AtanSurrogate(5), new FastSigmoidSurrogate(25)}) {
            for (float x = 0.01f; x < 4; x *= 1.7f) {
                assertThat(s.grad(x)).isEqualTo(s.grad(-x)).isLessThan(s.grad(0f)).isPositive();
            }
        }
    }

    @Test
    void rejectsBadAlpha() {
        assertThatThrownBy(() -> new AtanSurrogate(0)).isInstanceOf(UserInputException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new FastSigmoidSurrogate(Double.NaN)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new FastSigmoidSurrogate(-1)).isInstanceOf(UserInputException.class);
    }
}
