package org.delays4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
import org.delays4j.dcls.DclsBenchmark;
import org.delays4j.dcls.DclsBenchmark.Row;
import org.delays4j.dcls.ExecPath;
import org.delays4j.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delays4j bench dcls}: forward and backward of the three SHD delay layers per execution
 * path, width σ and input density, against the dense path; then the integer-delay forward.
 * Prints a table, a summary of the whole three-layer step, and one JSON line per row.
 */
@Command(name = "dcls", mixinStandardHelpOptions = true,
        description = {"Forward+backward of the SHD delay layers (140->256, 256->256, 256->20; K 25; batch 256;",
                "T 100 growing by 12 per layer) per execution path, sigma and input density, with speed-ups over",
                "the dense path and the integer-delay forward. The full run takes minutes: see --quick."})
public final class BenchDclsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", paramLabel = "B", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--kernel-size", paramLabel = "K", description = "Taps of the delay kernel (default: ${DEFAULT-VALUE}).")
    int kernelSize = 25;

    @Option(names = "--sigma", split = ",", paramLabel = "S", description = "SIG values (default: 12,0.23).")
    List<Double> sigmas = new ArrayList<>(List.of(12.0, 0.23));

    @Option(names = "--density", split = ",", paramLabel = "D", description = "Input spike densities (default: 0.05,0.1,0.2).")
    List<Double> densities = new ArrayList<>(List.of(0.05, 0.1, 0.2));

    @Option(names = "--paths", split = ",", paramLabel = "P",
            description = "Paths timed besides dense (default: auto,sparse,narrow,sparse-narrow).")
    List<String> paths = new ArrayList<>(List.of("auto", "sparse", "narrow", "sparse-narrow"));

    @Option(names = "--no-integer", description = "Skip the integer-delay forward.")
    boolean noInteger;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs per measurement, after one untimed pass over everything when > 0 (default: ${DEFAULT-VALUE}).")
    int warmup = 1;

    @Option(names = "--reps", paramLabel = "N", description = "Timed runs per measurement, median reported (default: ${DEFAULT-VALUE}).")
    int reps = 3;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the available processors).")
    int threads = Parallel.threads();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--quick", description = "Batch at most 16, at most one warm-up and one timed run: a smoke test, not a measurement.")
    boolean quick;

    @Override
    public Integer call() {
        if (quick) {
            batch = Math.min(batch, 16);
            warmup = Math.min(warmup, 1);
            reps = 1;
        }
        Check.that(batch >= 1 && batch <= 100_000, "--batch", "must be between 1 and 100000, got " + batch);
        Check.that(kernelSize >= 1 && kernelSize % 2 == 1 && kernelSize <= 1001, "--kernel-size", "must be odd, 1..1001, got " + kernelSize);
        Check.that(reps >= 1 && reps <= 1000, "--reps", "must be between 1 and 1000, got " + reps);
        Check.that(warmup >= 0 && warmup <= 1000, "--warmup", "must be between 0 and 1000, got " + warmup);
        Check.that(threads >= 1 && threads <= 1024, "--threads", "must be between 1 and 1024, got " + threads);
        Check.that(!sigmas.isEmpty() && !densities.isEmpty(), "--sigma/--density", "need at least one value each");
        for (double s : sigmas) Check.that(Double.isFinite(s) && s >= 0, "--sigma", "must be finite and >= 0, got " + s);
        for (double d : densities) Check.that(d > 0 && d <= 1, "--density", "must be in (0, 1], got " + d);
        List<ExecPath> ps = new ArrayList<>();
        for (String p : paths) ps.add(ExecPath.parse(p));
        Parallel.setThreads(threads);

        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "bench dcls: Java %s, %s kernels, %d thread(s), batch %d, K %d, %d warm-up + %d timed runs%s%n",
                Runtime.version().feature(), Kernels.vectorized() ? "Vector API" : "naive", threads, batch, kernelSize,
                warmup, reps, quick ? ", QUICK (not a measurement)" : "");
        err.flush();
        DclsBenchmark.Config cfg = new DclsBenchmark.Config(batch, kernelSize,
                sigmas.stream().mapToDouble(Double::doubleValue).toArray(),
                densities.stream().mapToDouble(Double::doubleValue).toArray(), ps, !noInteger, warmup, reps, seed);
        List<Row> rows = DclsBenchmark.run(cfg, r -> {
            err.println("  " + line(r));
            err.flush();
        });

        out.printf(Locale.ROOT, "%-12s %-14s %-14s %6s %7s %10s %10s %11s %8s%n", "layer", "path", "used", "sigma", "density",
                "fwd ms", "bwd ms", "dense GFLOP", "speedup");
        for (Row r : rows) out.println(line(r));
        summary(out, rows);
        for (Row r : rows) out.println(json(r));
        out.flush();
        return 0;
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%-12s %-14s %-14s %6s %7s %10.1f %10s %11.1f %7.1fx", r.layer(), r.path(), r.used(),
                Double.isNaN(r.sigma()) ? "-" : fmt(r.sigma()), Double.isNaN(r.density()) ? "-" : fmt(r.density()),
                r.fwdMs(), Double.isNaN(r.bwdMs()) ? "-" : String.format(Locale.ROOT, "%.1f", r.bwdMs()), r.denseGflop(),
                r.speedup());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Whole-step totals over the three layers: each path vs dense, and integer vs dense forward. */
    private static void summary(PrintWriter out, List<Row> rows) {
        double denseStep = 0, denseFwd = 0, denseEval = 0;
        for (Row r : rows) {
            if (r.path().equals("dense")) {
                denseStep += r.totalMs();
                denseFwd += r.fwdMs();
            }
            if (r.path().equals(DclsBenchmark.DENSE_EVAL)) denseEval += r.fwdMs();
        }
        Map<String, double[]> tot = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.path().equals("dense") || r.path().equals(DclsBenchmark.DENSE_EVAL)) continue;
            String key = r.path() + (r.path().equals("integer") ? "" : " sigma " + fmt(r.sigma())) + " density " + fmt(r.density());
            tot.computeIfAbsent(key, k -> new double[2]);
            tot.get(key)[0] += r.totalMs();
            tot.get(key)[1]++;
        }
        out.printf(Locale.ROOT, "three-layer totals: dense fwd+bwd %.1f ms, dense fwd %.1f ms, dense eval fwd (rounded) %.1f ms%n",
                denseStep, denseFwd, denseEval);
        for (var e : tot.entrySet()) {
            if (e.getValue()[1] < 3) continue;
            boolean fwdOnly = e.getKey().startsWith("integer");
            double base = fwdOnly ? denseEval : denseStep;
            out.printf(Locale.ROOT, "  %-40s %10.1f ms  %6.1fx vs dense %s%n", e.getKey(), e.getValue()[0], base / e.getValue()[0],
                    fwdOnly ? "eval forward" : "fwd+bwd");
        }
    }

    private static String json(Row r) {
        return String.format(Locale.ROOT,
                "{\"bench\":\"dcls\",\"layer\":\"%s\",\"path\":\"%s\",\"used\":\"%s\",\"sigma\":%s,\"density\":%s,\"fwd_ms\":%.3f,"
                        + "\"bwd_ms\":%s,\"dense_gflop\":%.3f,\"speedup\":%.3f}",
                r.layer(), r.path(), r.used(), num(r.sigma()), num(r.density()), r.fwdMs(), num(r.bwdMs()), r.denseGflop(), r.speedup());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.4g", v);
    }
}
