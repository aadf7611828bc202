package org.delays4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.delays4j.dcls.CorrelationCeiling;
import org.delays4j.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delays4j bench loads}: see {@link CorrelationCeiling}. One thread, a table, then one JSON line. */
@Command(name = "loads", mixinStandardHelpOptions = true,
        description = {"Vector FMAs per second on one core with the operand loaded from L1 (the",
                "integer-delay forward's correlation kernel: each loaded vector feeds one FMA) and with",
                "register operands (the bound a gemm approaches). Takes a few seconds."})
public final class BenchLoadsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reps", paramLabel = "N", description = "Timed repetitions, median reported (default: ${DEFAULT-VALUE}).")
    int reps = 7;

    @Option(names = "--quick", description = "Few iterations: a smoke test, not a measurement.")
    boolean quick;

    @Override
    public Integer call() {
        Check.that(reps >= 1 && reps <= 1000, "--reps", "must be between 1 and 1000, got " + reps);
        PrintWriter out = spec.commandLine().getOut();
        CorrelationCeiling.Rate[] rates = CorrelationCeiling.run(reps, quick ? 100 : 400_000);
        out.printf(Locale.ROOT, "%-24s %16s %14s%n", "FMA form (one thread)", "G vector FMA/s", "G lane FMA/s");
        for (CorrelationCeiling.Rate r : rates) {
            out.printf(Locale.ROOT, "%-24s %16.2f %14.1f%n", r.form(), r.vectorFmaPerS() * 1e-9, r.laneFmaPerS() * 1e-9);
        }
        out.printf(Locale.ROOT,
                "{\"bench\":\"loads\",\"lanes\":%d,\"loaded_gfma_per_s\":%.3f,\"register_gfma_per_s\":%.3f,\"aligned_gfma_per_s\":%.3f}%n",
                rates[0].lanes(), rates[0].vectorFmaPerS() * 1e-9, rates[1].vectorFmaPerS() * 1e-9, rates[2].vectorFmaPerS() * 1e-9);
        out.flush();
        return 0;
    }
}
