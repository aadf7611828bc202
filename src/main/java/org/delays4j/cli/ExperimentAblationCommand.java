package org.delays4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delays4j.core.Parallel;
import org.delays4j.experiment.Ablation;
import org.delays4j.experiment.AblationResults;
import org.delays4j.data.FsddLogMel;
import org.delays4j.experiment.RunSummary;
import org.delays4j.model.ConfigFiles;
import org.delays4j.util.Labelled;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.RunConfig;
import org.delays4j.report.RunReports;
import org.delays4j.train.Trainer;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code delays4j experiment ablation}: learned vs fixed random vs no delays at matched parameter
 * counts, several seeds each, on FSDD; prints mean ± std of test accuracy (model chosen on
 * validation) per kind, writes a report per run and RESULTS.md.
 */
@Command(name = "ablation", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learned vs fixed random vs no delays at matched parameter counts, several seeds each.",
            "Finished runs (with summary.json) are reused, so repeating the command regenerates the reports and RESULTS.md."})
public final class ExperimentAblationCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "fsdd", description = "the preset (only fsdd: the experiment loads FSDD itself)")
    String preset;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/fsdd/recordings",
            description = "FSDD recordings directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "seeds per kind: 0..N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--kinds", paramLabel = "K", split = ",", defaultValue = "delays,fixed-delays,no-delays",
            description = "model kinds, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--hidden", paramLabel = "W", split = ",",
            description = "parameter budgets as hidden widths of the learned-delay network (default: the preset's width, a quarter and an eighth of it)")
    List<Integer> hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs (default: the preset's)")
    Integer epochs;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON/YAML config merged over the preset (may be partial)")
    Path config;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/ablation-fsdd", description = "directory of the runs (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--results", paramLabel = "FILE", defaultValue = "RESULTS.md", description = "the results page to write (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--no-reports", description = "do not write report.html per run")
    boolean noReports;

    @Override
    public Integer call() throws IOException {
        Check.that("fsdd".equals(preset), "--preset", "the ablation runs on FSDD only; use --preset fsdd");
        Check.that(seeds >= 1 && seeds <= 100, "--seeds", "must be in 1..100, got " + seeds);
        if (epochs != null) Check.that(epochs >= 1, "--epochs", "must be >= 1, got " + epochs);
        if (hidden != null) for (int w : hidden) Check.that(w >= 1 && w <= 4096, "--hidden", "widths must be in 1..4096, got " + w);
        if (threads != null) {
            Check.that(threads >= 1, "--threads", "must be >= 1, got " + threads);
            Parallel.setThreads(threads);
        }
        List<ModelConfig.Kind> ks = new ArrayList<>();
        for (String k : kinds) {
            ModelConfig.Kind kind = Labelled.find(ModelConfig.Kind.class, k.strip());
            if (kind == null) {
                throw new UserInputException("--kinds: unknown model kind '" + k + "'; use " + Labelled.labels(ModelConfig.Kind.class));
            }
            ks.add(kind);
        }
        RunConfig c = ConfigFiles.load(preset, config);
        if (epochs != null) c = c.withTraining(c.training().withEpochs(epochs));
        c = c.withData(c.data().withPath(data.toString())).validate();

        long start = System.nanoTime();
        System.err.println("loading " + data + " ...");
        FsddLogMel fsdd = FsddLogMel.load(data, FsddLogMel.Config.defaults());
        Check.that(fsdd.channels() == c.model().inputs(), "model.inputs",
                "is " + c.model().inputs() + " but the FSDD features have " + fsdd.channels() + " bands; set model.inputs to " + fsdd.channels());
        FsddLogMel.Splits sp = fsdd.splits();
        System.err.printf("%s; train %d, validation %d, test %d (%.1f s)%n", fsdd.describe(), sp.train().size(),
                sp.validation().size(), sp.test().size(), (System.nanoTime() - start) / 1e9);

        List<Long> seedList = new ArrayList<>();
        for (long s = 0; s < seeds; s++) seedList.add(s);
        List<Integer> ws = widths(c);
        List<AblationResults.Section> sections = new ArrayList<>();
        for (int w : ws) {
            RunConfig cw = c.withModel(c.model().withHiddenNeurons(w));
            Ablation ablation = new Ablation(cw, new Trainer.Data(sp.train(), sp.validation(), sp.test()), out.resolve("h" + w), System.err);
            List<RunSummary> runs = ablation.run(ks, seedList, noReports ? null
                    : (dir, rc, s) -> RunReports.write(dir, sp.test(), 0, "FSDD ablation (" + w + "-neuron budget): " + s.kind() + ", seed " + s.seed(),
                            Map.of("test accuracy (selected model)", String.format(Locale.ROOT, "%.2f %%", 100 * s.testAcc()),
                                    "wall time", String.format(Locale.ROOT, "%.0f s (%d threads)", s.seconds(), s.threads()))));
            AblationResults res = new AblationResults(runs);
            sections.add(new AblationResults.Section(w, out.resolve("h" + w).toString(), res, sp.test().size()));
            System.out.println("budget: learned delays with 2 x " + w + " hidden (" + runs.getFirst().params() + " parameters)");
            System.out.print(res.table());
        }
        AtomicFiles.writeString(results, AblationResults.page(sections, commandLine(), fsdd.describe(), c));
        System.err.println("wrote " + results);
        return 0;
    }

    /** The budgets: --hidden, or the preset's width, a quarter and an eighth of it (the paper compares sizes too). */
    private List<Integer> widths(RunConfig c) {
        if (hidden == null) {
            int w = c.model().hiddenNeurons();
            return w >= 16 ? List.of(w, w / 4, w / 8) : List.of(w);
        }
        return List.copyOf(new java.util.LinkedHashSet<>(hidden));
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("./delays4j experiment ablation --preset " + preset + " --seeds " + seeds);
        if (!kinds.equals(List.of("delays", "fixed-delays", "no-delays"))) sb.append(" --kinds ").append(String.join(",", kinds));
        if (hidden != null) sb.append(" --hidden ").append(String.join(",", hidden.stream().map(String::valueOf).toList()));
        if (epochs != null) sb.append(" --epochs ").append(epochs);
        if (config != null) sb.append(" --config ").append(config);
        if (threads != null) sb.append(" --threads ").append(threads);
        if (!out.equals(Path.of("runs/ablation-fsdd"))) sb.append(" --out ").append(out);
        if (!data.equals(Path.of("../shared/data/fsdd/recordings"))) sb.append(" --data ").append(data);
        return sb.toString();
    }
}
