package org.delays4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.core.ParallelOps;
import org.delays4j.core.VectorOps;

/**
 * GFLOP/s of the matrix kernels at the shapes that matter: a square 256³ product and the three
 * products of a delay layer on an SHD batch (T·B = 100·256 = 25 600 rows, 140 inputs, 256
 * outputs): forward {@code Y += X·K} (NN), weight gradient {@code dK += Xᵀ·dY} (TN), input gradient
 * {@code dX += dY·Kᵀ} (NT). Each shape runs with the Vector API kernels on one thread and on all
 * threads, and with the naive loops on one thread at a reduced size (the naive kernels take ~1 s
 * per full SHD product), where the two are also compared for agreement.
 */
public final class KernelBenchmark {
    /**
     * What to run: {@code threads} for the multi-threaded rows (1 = skip them), {@code reps} the
     * minimum timed repetitions of each Vector API row (short ones repeat for at least 0.1 s; naive
     * rows use at most 3), {@code quick} = every shape divided by 16 (a smoke test, not a measurement).
     */
    public record Config(int threads, int reps, boolean quick) {
        public Config {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, got " + reps);
        }
    }

    /** The three operand layouts. */
    public enum Op {
        NN("gemmNN"), TN("gemmTN"), NT("gemmNT");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One benchmarked product: what, at which size, by which kernel, how fast. */
    public record Row(Op op, String shape, int m, int n, int k, String impl, int threads, Timing timing,
                      double relErrVsVector, String note) {
        public double flops() {
            return Bench.gemmFlops(m, n, k);
        }

        public double gflops() {
            return timing.gflopsMedian(flops());
        }

        public double gflopsBest() {
            return timing.gflopsBest(flops());
        }

        /** This row as a one-line JSON record. */
        public JsonLine json() {
            return new JsonLine().put("bench", "kernels").put("op", op.label()).put("shape", shape)
                    .put("m", m).put("n", n).put("k", k).put("impl", impl).put("threads", threads)
                    .put("reps", timing.reps())
                    .put("median_ms", Bench.round(timing.median() * 1e3, 4))
                    .put("min_ms", Bench.round(timing.min() * 1e3, 4))
                    .put("gflops", Bench.round(gflops(), 2))
                    .put("gflops_best", Bench.round(gflopsBest(), 2))
                    .put("rel_err_vs_vector", Double.isNaN(relErrVsVector) ? null : relErrVsVector)
                    .put("note", note);
        }
    }

    private record Shape(Op op, String name, int m, int n, int k, int naiveM, int naiveN, int naiveK) {}

    private KernelBenchmark() {}

    private static List<Shape> shapes(boolean quick) {
        int q = quick ? 16 : 1;
        int sq = 256 / q, rows = 25600 / q, in = 140, out = 256;
        int naiveRows = 1024 / q; // 1/25 of the SHD batch (4 time steps): the naive loops are slow
        return List.of(
                new Shape(Op.NN, "square " + sq + "^3", sq, sq, sq, sq, sq, sq),
                new Shape(Op.NN, "SHD fwd X*K", rows, out, in, naiveRows, out, in),
                new Shape(Op.TN, "SHD dK=X^T*dY", in, out, rows, in, out, naiveRows),
                new Shape(Op.NT, "SHD dX=dY*K^T", rows, in, out, naiveRows, in, out));
    }

    /** Runs every row, reporting each to {@code onRow} as it completes, and returns them all. */
    public static List<Row> run(Config cfg, Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        int savedThreads = Parallel.threads();
        try {
            for (Shape s : shapes(cfg.quick())) {
                Operands big = Operands.random(s.op(), s.m(), s.n(), s.k(), 1);
                // Warm up for 0.3 s (the JIT compiles the kernels), time at least 0.1 s per row.
                Bench.Plan plan = cfg.quick() ? new Bench.Plan(1, 0.02, cfg.reps(), 0.01, Math.max(1000, cfg.reps()))
                        : new Bench.Plan(2, 0.3, cfg.reps(), 0.1, Math.max(10_000, cfg.reps()));
                Bench.Plan naivePlan = new Bench.Plan(1, cfg.quick() ? 0.02 : 0.2, Math.min(3, cfg.reps()), 0, 1000);
                Parallel.setThreads(1);
                add(rows, onRow, new Row(s.op(), s.name(), s.m(), s.n(), s.k(), "vector", 1,
                        Bench.time(plan, () -> big.run(VectorOps.INSTANCE, false)), Double.NaN, ""));
                if (cfg.threads() > 1) {
                    Parallel.setThreads(cfg.threads());
                    add(rows, onRow, new Row(s.op(), s.name(), s.m(), s.n(), s.k(), "vector", cfg.threads(),
                            Bench.time(plan, () -> big.run(VectorOps.INSTANCE, true)), Double.NaN, ""));
                    Parallel.setThreads(1);
                }

                Operands small = Operands.random(s.op(), s.naiveM(), s.naiveN(), s.naiveK(), 2);
                double err = small.agreement();
                boolean reduced = s.naiveM() != s.m() || s.naiveN() != s.n() || s.naiveK() != s.k();
                add(rows, onRow, new Row(s.op(), s.name(), s.naiveM(), s.naiveN(), s.naiveK(), "naive", 1,
                        Bench.time(naivePlan, () -> small.run(NaiveOps.INSTANCE, false)),
                        err, reduced ? "reduced size" : ""));
            }
        } finally {
            Parallel.setThreads(savedThreads);
        }
        return rows;
    }

    private static void add(List<Row> rows, Consumer<Row> onRow, Row r) {
        rows.add(r);
        onRow.accept(r);
    }

    /** Random operands of one product, stored as {@link Ops} expects for the layout. */
    private static final class Operands {
        final Op op;
        final int m, n, k;
        final float[] a, b;
        float[] c;

        private Operands(Op op, int m, int n, int k, float[] a, float[] b) {
            this.op = op;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = new float[m * n];
        }

        static Operands random(Op op, int m, int n, int k, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] a = new float[m * k], b = new float[k * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
            return new Operands(op, m, n, k, a, b);
        }

        /** C += the product, with {@code ops} on this thread or split by {@link ParallelOps}. */
        void run(Ops ops, boolean parallel) {
            switch (op) {
                case NN -> {
                    if (parallel) ParallelOps.gemmNN(ops, m, n, k, a, 0, k, b, 0, n, c, 0, n);
                    else ops.gemmNN(m, n, k, a, 0, k, b, 0, n, c, 0, n);
                }
                case TN -> {
                    if (parallel) ParallelOps.gemmTN(ops, m, n, k, a, 0, m, b, 0, n, c, 0, n);
                    else ops.gemmTN(m, n, k, a, 0, m, b, 0, n, c, 0, n);
                }
                case NT -> {
                    if (parallel) ParallelOps.gemmNT(ops, m, n, k, a, 0, k, b, 0, k, c, 0, n);
                    else ops.gemmNT(m, n, k, a, 0, k, b, 0, k, c, 0, n);
                }
            }
        }

        /** ‖C_vector − C_naive‖ / ‖C_naive‖ for one product from zero. */
        double agreement() {
            run(NaiveOps.INSTANCE, false);
            float[] ref = c;
            c = new float[m * n];
            run(VectorOps.INSTANCE, false);
            double num = 0, den = 0;
            for (int i = 0; i < ref.length; i++) {
                double d = (double) c[i] - ref[i];
                num += d * d;
                den += (double) ref[i] * ref[i];
            }
            c = new float[m * n];
            return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
        }
    }
}
