package org.delays4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchTest {
    @Test
    void timingSortsAndReportsMedianAndMin() {
        Timing odd = new Timing(new double[] {0.3, 0.1, 0.2});
        assertThat(odd.seconds()).containsExactly(0.1, 0.2, 0.3);
        assertThat(odd.min()).isEqualTo(0.1);
        assertThat(odd.median()).isEqualTo(0.2);
        assertThat(odd.reps()).isEqualTo(3);
        Timing even = new Timing(new double[] {4, 1, 3, 2});
        assertThat(even.median()).isEqualTo(2.5);
        assertThat(new Timing(new double[] {0.5}).median()).isEqualTo(0.5);
        assertThatThrownBy(() -> new Timing(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timingIsImmutable() {
        double[] s = {2, 1};
        Timing t = new Timing(s);
        s[0] = 0;
        t.seconds()[0] = 0;
        assertThat(t.min()).isEqualTo(1);
    }

    @Test
    void gflopsHelpers() {
        assertThat(Bench.gemmFlops(256, 256, 256)).isEqualTo(2.0 * (1 << 24));
        assertThat(Bench.gflops(3e9, 1.5)).isCloseTo(2.0, within(1e-12));
        Timing t = new Timing(new double[] {1, 2, 4});
        assertThat(t.gflopsMedian(8e9)).isCloseTo(4.0, within(1e-12));
        assertThat(t.gflopsBest(8e9)).isCloseTo(8.0, within(1e-12));
        assertThatThrownBy(() -> Bench.gflops(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Bench.round(3.14159, 2)).isEqualTo(3.14);
        assertThat(Bench.round(2.5e-5, 4)).isEqualTo(0.0);
        assertThat(Bench.round(Double.NaN, 2)).isNaN();
    }

    @Test
    void fixedPlanRunsExactlyWarmupPlusReps() {
        AtomicInteger runs = new AtomicInteger();
        Timing t = Bench.time(Bench.Plan.of(3, 5), runs::incrementAndGet);
        assertThat(runs.get()).isEqualTo(8);
        assertThat(t.reps()).isEqualTo(5);
        assertThat(t.min()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void timedPlanRepeatsShortWorkUntilTheDurationAndStopsAtTheCap() {
        AtomicInteger runs = new AtomicInteger();
        // Each run sleeps ~2 ms: 0.03 s of timing needs more than the 2 requested repetitions.
        Timing t = Bench.time(new Bench.Plan(0, 0, 2, 0.03, 1000), () -> {
            runs.incrementAndGet();
            sleep(2);
        });
        assertThat(t.reps()).isGreaterThan(2).isEqualTo(runs.get());
        assertThat(t.min()).isGreaterThanOrEqualTo(0.0015);
        // The cap wins over the durations.
        AtomicInteger capped = new AtomicInteger();
        Timing c = Bench.time(new Bench.Plan(1, 60, 1, 60, 4), capped::incrementAndGet);
        assertThat(c.reps()).isEqualTo(4);
        assertThat(capped.get()).isEqualTo(8);
    }

    @Test
    void badPlansAreRejected() {
        assertThatThrownBy(() -> Bench.Plan.of(1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reps");
        assertThatThrownBy(() -> Bench.Plan.of(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bench.Plan(0, 0, 5, 0, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReps");
        assertThatThrownBy(() -> new Bench.Plan(0, Double.NaN, 1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
