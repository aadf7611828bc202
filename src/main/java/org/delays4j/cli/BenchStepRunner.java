package org.delays4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.delays4j.bench.Bench;
import org.delays4j.bench.JsonLine;
import org.delays4j.bench.Table;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
import org.delays4j.dcls.ExecPath;
import org.delays4j.train.StepBenchmark;
import org.delays4j.train.StepBenchmark.Mode;
import org.delays4j.train.StepBenchmark.Result;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options and printing shared by {@code bench train} and {@code bench eval}. */
final class BenchStepRunner {
    @Option(names = "--preset", paramLabel = "NAME", description = "shd or ssc (default: ${DEFAULT-VALUE})")
    String preset = "shd";

    @Option(names = "--batches", paramLabel = "N", description = "timed batches, median reported (default: ${DEFAULT-VALUE})")
    int batches = 5;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed batches first (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--sigma", paramLabel = "S", description = "every delay layer's SIG (default: the preset's initial K // 2)")
    Double sigma;

    @Option(names = "--data", paramLabel = "PATH", description = "an SHD/SSC spike file (.h5 or .h5.gz); default: synthetic SHD-like input")
    Path data;

    @Option(names = "--batch", paramLabel = "N", description = "samples per batch (default: the preset's)")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    int threads = Parallel.threads();

    @Option(names = "--seed", paramLabel = "S", description = "seed of the model, the input and dropout (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--path", paramLabel = "P", description = "force every delay layer's path: auto (default), dense, sparse, narrow, sparse-narrow, integer")
    String path = "auto";

    @Option(names = "--no-profile", description = "omit the per-stage profile")
    boolean noProfile;

    int run(CommandSpec spec, Mode mode) {
        Check.that(preset.equals("shd") || preset.equals("ssc"), "--preset", "must be shd or ssc, got '" + preset + "'");
        Check.that(batches >= 1 && batches <= 10_000, "--batches", "must be between 1 and 10000, got " + batches);
        Check.that(warmup >= 0 && warmup <= 1000, "--warmup", "must be between 0 and 1000, got " + warmup);
        Check.that(threads >= 1 && threads <= 1024, "--threads", "must be between 1 and 1024, got " + threads);
        Check.that(batch >= 0 && batch <= 100_000, "--batch", "must be between 1 and 100000, got " + batch);
        if (sigma != null) Check.that(Double.isFinite(sigma) && sigma >= 0, "--sigma", "must be finite and >= 0, got " + sigma);
        if (data != null && !java.nio.file.Files.isRegularFile(data)) {
            throw new UserInputException("--data " + data + ": no such file; give an SHD/SSC .h5 or .h5.gz spike file");
        }
        ExecPath forced;
        try {
            forced = ExecPath.parse(path);
        } catch (UserInputException e) {
            throw new UserInputException("--path: unknown value '" + path + "'; use one of auto, dense, sparse, narrow, sparse-narrow, integer");
        }
        Parallel.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "bench %s: preset %s, Java %s, %s kernels, %d thread(s), max heap %d MB, %s input%n", mode.id(), preset,
                Runtime.version().feature(), Kernels.vectorized() ? "Vector API" : "naive", threads,
                Runtime.getRuntime().maxMemory() >> 20, data == null ? "synthetic SHD-like" : data.toString());
        err.flush();
        StepBenchmark.Config cfg = new StepBenchmark.Config(preset, mode, batches, warmup, sigma, data, batch, seed, forced);
        Result r = StepBenchmark.run(cfg, line -> {
            err.println("  " + line);
            err.flush();
        });
        print(out, noProfile ? withoutProfile(r) : r);
        return 0;
    }

    private static Result withoutProfile(Result r) {
        return new Result(r.config(), r.batchSize(), r.T(), r.inputDensity(), r.timing(), r.samplesPerS(), r.peakRssMb(), Map.of(),
                r.lastLoss(), r.pathsUsed(), r.work());
    }

    static void print(PrintWriter out, Result r) {
        String sig = r.config().sigma() == null ? "preset" : fmt(r.config().sigma());
        Table t = new Table("preset", "mode", "sigma", "batch", "T", "input density", "median s", "min s", "samples/s", "peak RSS MB");
        t.row(r.config().preset(), r.config().mode().id(), sig, r.batchSize(), r.T(), fmt(r.inputDensity()),
                String.format(Locale.ROOT, "%.4f", r.timing().median()), String.format(Locale.ROOT, "%.4f", r.timing().min()),
                String.format(Locale.ROOT, "%.1f", r.samplesPerS()), String.format(Locale.ROOT, "%.0f", r.peakRssMb()));
        t.print(out);
        out.println("delay paths used (last batch): " + String.join(", ", r.pathsUsed()));
        if (!r.profile().isEmpty()) {
            double total = 0;
            for (double v : r.profile().values()) total += v;
            Table p = new Table("stage", "s per batch", "share");
            for (Map.Entry<String, Double> e : r.profile().entrySet()) {
                p.row(e.getKey(), String.format(Locale.ROOT, "%.4f", e.getValue()), String.format(Locale.ROOT, "%.1f%%", 100 * e.getValue() / total));
            }
            p.row("(sum of stages)", String.format(Locale.ROOT, "%.4f", total), "100.0%");
            out.println();
            p.print(out);
            work(out, r);
        }
        out.println(new JsonLine().put("preset", r.config().preset()).put("mode", r.config().mode().id())
                .put("sigma", r.config().sigma()).put("s_per_batch_median", Bench.round(r.timing().median(), 5))
                .put("samples_per_s", Bench.round(r.samplesPerS(), 2)).put("peak_rss_mb", Bench.round(r.peakRssMb(), 1)));
        out.flush();
    }

    /** Per delay layer: the synaptic operations the forward needs vs the dense count, and the rate reached. */
    private static void work(PrintWriter out, Result r) {
        Table w = new Table("delay layer", "in->out", "input density", "taps kept", "needed Mop", "dense Mop", "needed/dense",
                "fwd s", "needed Gop/s");
        for (StepBenchmark.LayerWork lw : r.work()) {
            Double fwd = r.profile().get(lw.layer() + " dcls fwd");
            w.row(lw.layer(), lw.in() + "->" + lw.out(), fmt(lw.density()), String.format(Locale.ROOT, "%.2f/%d", lw.taps(), lw.K()),
                    String.format(Locale.ROOT, "%.0f", lw.neededOps() * 1e-6), String.format(Locale.ROOT, "%.0f", lw.denseOps() * 1e-6),
                    fmt(lw.neededOps() / lw.denseOps()), fwd == null ? "-" : String.format(Locale.ROOT, "%.4f", fwd),
                    fwd == null ? "-" : String.format(Locale.ROOT, "%.2f", lw.neededOps() / fwd * 1e-9));
        }
        out.println();
        w.print(out);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
