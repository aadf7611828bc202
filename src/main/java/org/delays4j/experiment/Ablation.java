package org.delays4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delays4j.core.Parallel;
import org.delays4j.io.Json;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.train.Progress;
import org.delays4j.train.SnnOptimisation;
import org.delays4j.train.SnnTrainable;
import org.delays4j.train.Trainer;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * The paper's ablation: the same network with learned delays, fixed random delays and no delays,
 * at matched parameter counts ({@link ParamMatch}), each trained with several seeds. Every run
 * has its own directory {@code <out>/<kind>-seed<S>} (config, metrics.jsonl, checkpoints,
 * {@code summary.json}); a run whose {@code summary.json} exists is reused, not retrained, so the
 * command can be repeated to regenerate reports and RESULTS.md (or to finish an interrupted series).
 */
public final class Ablation {
    /** Called after each run (fresh or reused), e.g. to write its report. */
    @FunctionalInterface
    public interface AfterRun {
        void accept(Path runDir, RunConfig config, RunSummary summary);
    }

    private final RunConfig base;
    private final Trainer.Data data;
    private final Path out;
    private final PrintStream log;

    /** @param base the learned-delay configuration (the preset); its hidden width sets the parameter budget */
    public Ablation(RunConfig base, Trainer.Data data, Path out, PrintStream log) {
        this.base = base.validate();
        this.data = data;
        this.out = out;
        this.log = log;
    }

    /** The configuration of {@code kind} and {@code seed}: the base with the matched hidden width. */
    public RunConfig configFor(ModelConfig.Kind kind, long seed) {
        ModelConfig learned = base.model().withKind(ModelConfig.Kind.DELAYS);
        long target = ParamMatch.count(learned);
        int hidden = kind == ModelConfig.Kind.DELAYS ? learned.hiddenNeurons() : ParamMatch.hiddenFor(learned, kind, target);
        return base.withModel(learned.withKind(kind).withHiddenNeurons(hidden))
                .withTraining(base.training().withSeed(seed)).validate();
    }

    /** The directory of one run. */
    public Path runDir(ModelConfig.Kind kind, long seed) {
        return out.resolve(kind.label() + "-seed" + seed);
    }

    /** Trains (or reuses) every seed × kind, seed-major, and returns the summaries in that order. */
    public List<RunSummary> run(List<ModelConfig.Kind> kinds, List<Long> seeds, AfterRun after) {
        List<RunSummary> all = new ArrayList<>();
        for (long seed : seeds) { // seed-major: an interrupted series still compares every kind
            for (ModelConfig.Kind kind : kinds) {
                RunConfig c = configFor(kind, seed);
                Path dir = runDir(kind, seed);
                RunSummary s = readSummary(dir);
                if (s != null) {
                    log.println("reusing " + dir + " (delete it to retrain)");
                } else {
                    s = train(c, dir);
                }
                log.println(line(s));
                log.flush();
                if (after != null) after.accept(dir, c, s);
                all.add(s);
            }
        }
        return all;
    }

    private RunSummary train(RunConfig c, Path dir) {
        if (Files.exists(dir)) {
            throw new UserInputException(dir + ": holds an unfinished run (no " + RunSummary.FILE + "); delete the directory to retrain it");
        }
        log.println("training " + c.model().kind().label() + " seed " + c.training().seed() + " (" + c.model().hiddenLayers() + " x "
                + c.model().hiddenNeurons() + " hidden, K " + c.model().kernelSize() + ") -> " + dir);
        SnnModel model = new SnnModel(c.model(), c.training().seed());
        SnnTrainable trainable = new SnnTrainable(model);
        Trainer trainer = new Trainer(c, trainable, new SnnOptimisation(model, c.training()), data,
                new Trainer.Options(dir, false, new Progress(new java.io.PrintWriter(log, true), false, c.training().totalEpochs()), () -> false));
        Trainer.Result r = trainer.run();
        RunSummary s = new RunSummary(c.model().kind().label(), c.training().seed(), c.model().hiddenNeurons(), r.params(),
                r.valAcc(), r.testAcc(), r.epochs(), r.bestEpoch(), r.seconds(), Parallel.threads());
        try {
            AtomicFiles.writeString(dir.resolve(RunSummary.FILE), Json.pretty(s) + "\n");
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot write " + RunSummary.FILE + " (" + e.getMessage() + ")", e);
        }
        return s;
    }

    /** The summary of a finished run directory, or null when there is none. */
    public static RunSummary readSummary(Path dir) {
        Path f = dir.resolve(RunSummary.FILE);
        if (!Files.exists(f)) return null;
        try {
            return Json.strictMapper().readValue(Files.readString(f), RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(f + ": not a run summary (" + e.getOriginalMessage() + "); delete the run directory to retrain it");
        } catch (IOException e) {
            throw new UserInputException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** One line per run. */
    public static String line(RunSummary s) {
        return String.format(Locale.ROOT, "%-12s seed %d  hidden %d  params %d  val %.2f%%  test %.2f%%  best epoch %d/%d  %.0f s",
                s.kind(), s.seed(), s.hiddenNeurons(), s.params(), 100 * s.valAcc(), 100 * s.testAcc(), s.bestEpoch() + 1, s.epochs(), s.seconds());
    }
}
