package org.delays4j.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delays4j.bench.Bench;
import org.delays4j.bench.JsonLine;
import org.delays4j.bench.KernelBenchmark;
import org.delays4j.bench.KernelBenchmark.Row;
import org.delays4j.bench.ProcessMemory;
import org.delays4j.bench.Table;
import org.delays4j.core.Parallel;
import org.delays4j.core.VectorOps;
import org.delays4j.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delays4j bench kernels}: GFLOP/s of the matrix kernels (see {@link KernelBenchmark}).
 * Prints a table, then one JSON line per row and a summary JSON line; progress goes to stderr.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"GFLOP/s of the matrix kernels: C += A*B at 256^3 and the three",
                "products of an SHD delay layer (25600x140 * 140x256 and its two",
                "gradients), Vector API on one and on all threads, naive loops at a",
                "reduced size alongside. Takes about 15-30 s."})
public final class BenchKernelsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the multi-threaded rows (default: ${DEFAULT-VALUE}, the available processors).")
    int threads = Parallel.threads();

    @Option(names = "--reps", paramLabel = "N", description = "Minimum timed repetitions per row (default: ${DEFAULT-VALUE}).")
    int reps = 10;

    @Option(names = "--quick", description = "Shapes divided by 16: a smoke test, not a measurement.")
    boolean quick;

    @Override
    public Integer call() {
        Check.that(threads >= 1 && threads <= 1024, "--threads", "must be between 1 and 1024, got " + threads);
        Check.that(reps >= 1 && reps <= 100_000, "--reps", "must be between 1 and 100000, got " + reps);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "bench kernels: Java %s, %d float lanes, %d processors, %d thread(s) for the parallel rows%s%n",
                Runtime.version().feature(), VectorOps.lanes(), Runtime.getRuntime().availableProcessors(), threads,
                quick ? ", QUICK shapes (not a measurement)" : "");
        err.flush();

        List<Row> rows = KernelBenchmark.run(new KernelBenchmark.Config(threads, reps, quick), r -> {
            err.printf(Locale.ROOT, "  %-7s %-14s %-6s x%-3d %8.1f GFLOP/s%n", r.op().label(), r.shape(), r.impl(), r.threads(), r.gflops());
            err.flush();
        });

        Map<String, Double> naive = new HashMap<>(), single = new HashMap<>();
        for (Row r : rows) {
            if (r.impl().equals("naive")) naive.put(key(r), r.gflops());
            else if (r.threads() == 1) single.put(key(r), r.gflops());
        }
        Table t = new Table("op", "shape", "m x n x k", "kernel", "threads", "median ms", "GFLOP/s", "best GFLOP/s",
                "x naive", "x 1 thread", "note");
        for (Row r : rows) {
            boolean vec = !r.impl().equals("naive");
            String note = r.note();
            if (!vec) note = (note.isEmpty() ? "" : note + "; ") + String.format(Locale.ROOT, "rel. diff to vector %.1e", r.relErrVsVector());
            t.row(r.op().label(), r.shape(), r.m() + " x " + r.n() + " x " + r.k(), r.impl(), r.threads(),
                    fmt(r.timing().median() * 1e3, 2), fmt(r.gflops(), 1), fmt(r.gflopsBest(), 1),
                    vec && naive.containsKey(key(r)) ? fmt(r.gflops() / naive.get(key(r)), 1) : "",
                    vec && r.threads() > 1 && single.containsKey(key(r)) ? fmt(r.gflops() / single.get(key(r)), 2) : "",
                    note);
        }
        t.print(out);
        out.println("GFLOP/s = 2*m*n*k / median time; naive rows run at a reduced size (GFLOP/s is a rate, so it compares);"
                + " the machine's other load shows in the median vs best gap.");
        for (Row r : rows) out.println(r.json());
        JsonLine summary = new JsonLine().put("bench", "kernels").put("summary", true)
                .put("java", Runtime.version().toString()).put("lanes", VectorOps.lanes())
                .put("processors", Runtime.getRuntime().availableProcessors()).put("threads", threads)
                .put("quick", quick);
        ProcessMemory.peakRssMb().ifPresent(mb -> summary.put("peak_rss_mb", Bench.round(mb, 1)));
        out.println(summary);
        out.flush();
        return 0;
    }

    private static String key(Row r) {
        return r.op() + "|" + r.shape();
    }

    private static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }
}
