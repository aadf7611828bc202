package org.delays4j.bench;

/**
 * Times a piece of work: warm-up runs (so the JIT has compiled the hot loops), then timed
 * repetitions. Report the median (robust on a shared machine) and the minimum.
 */
public final class Bench {
    private Bench() {}

    /**
     * How to time. Warm-up: untimed runs until at least {@code warmupReps} runs and
     * {@code warmupSeconds} have passed (so the JIT has compiled the hot loops). Then timed runs
     * until at least {@code reps} runs and {@code timedSeconds} (so short kernels get enough
     * samples). Each phase stops at {@code maxReps} runs whatever the time.
     */
    public record Plan(int warmupReps, double warmupSeconds, int reps, double timedSeconds, int maxReps) {
        public Plan {
            if (warmupReps < 0) throw new IllegalArgumentException("warm-up repetitions must be >= 0, got " + warmupReps);
            if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, got " + reps);
            if (maxReps < Math.max(reps, warmupReps)) {
                throw new IllegalArgumentException("maxReps " + maxReps + " below the requested repetitions");
            }
            if (!(warmupSeconds >= 0) || !(timedSeconds >= 0)) throw new IllegalArgumentException("durations must be >= 0 s");
        }

        /** Exactly {@code warmupReps} warm-up runs, then exactly {@code reps} timed runs. */
        public static Plan of(int warmupReps, int reps) {
            return new Plan(warmupReps, 0, reps, 0, Math.max(warmupReps, reps));
        }
    }

    /** Runs {@code body} as the plan says and returns the timed repetitions. */
    public static Timing time(Plan plan, Runnable body) {
        long start = System.nanoTime();
        for (int i = 0; i < plan.maxReps(); i++) {
            if (i >= plan.warmupReps() && (System.nanoTime() - start) * 1e-9 >= plan.warmupSeconds()) break;
            body.run();
        }
        double[] s = new double[plan.reps()];
        int n = 0;
        double total = 0;
        while (n < plan.maxReps() && (n < plan.reps() || total < plan.timedSeconds())) {
            if (n == s.length) s = java.util.Arrays.copyOf(s, 2 * n);
            long t0 = System.nanoTime();
            body.run();
            s[n] = (System.nanoTime() - t0) * 1e-9;
            total += s[n++];
        }
        return new Timing(java.util.Arrays.copyOf(s, n));
    }

    /** GFLOP/s of {@code flops} operations done in {@code seconds}. */
    public static double gflops(double flops, double seconds) {
        if (!(seconds > 0)) throw new IllegalArgumentException("time must be > 0 s, got " + seconds);
        return flops / seconds * 1e-9;
    }

    /** The floating-point operations of C[m×n] += A[m×k]·B[k×n]: one multiply and one add per term. */
    public static double gemmFlops(int m, int n, int k) {
        return 2.0 * m * n * k;
    }

    /** {@code x} rounded to {@code digits} decimals (for tables and JSON records). */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) return x;
        return new java.math.BigDecimal(x).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
