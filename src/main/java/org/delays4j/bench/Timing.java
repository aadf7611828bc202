package org.delays4j.bench;

import java.util.Arrays;

/**
 * The wall-clock times, in seconds, of the timed repetitions of one benchmark (warm-up excluded),
 * kept sorted.
 */
public record Timing(double[] seconds) {
    public Timing {
        if (seconds.length == 0) throw new IllegalArgumentException("a timing needs at least one repetition");
        seconds = seconds.clone();
        Arrays.sort(seconds);
    }

    /** The sorted times (a copy). */
    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** The number of timed repetitions. */
    public int reps() {
        return seconds.length;
    }

    /** The fastest repetition. */
    public double min() {
        return seconds[0];
    }

    /** The median (mean of the two middle values for an even count): robust to a noisy neighbour. */
    public double median() {
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : 0.5 * (seconds[n / 2 - 1] + seconds[n / 2]);
    }

    /** Throughput in GFLOP/s of {@code flops} floating-point operations per repetition at the median time. */
    public double gflopsMedian(double flops) {
        return Bench.gflops(flops, median());
    }

    /** Throughput in GFLOP/s at the fastest repetition. */
    public double gflopsBest(double flops) {
        return Bench.gflops(flops, min());
    }
}
