package org.delays4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delays4j.core.Parallel;
import org.delays4j.io.Json;
import org.delays4j.io.SafeTensors;
import org.delays4j.model.ConfigFiles;
import org.delays4j.model.DataConfig;
import org.delays4j.util.Labelled;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.report.RunReports;
import org.delays4j.train.Checkpoint;
import org.delays4j.train.DataSources;
import org.delays4j.train.Progress;
import org.delays4j.train.Seeds;
import org.delays4j.train.SnnOptimisation;
import org.delays4j.train.SnnTrainable;
import org.delays4j.train.StopSignal;
import org.delays4j.train.Trainer;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delays4j train}: trains the SNN of a preset (default: the generated delay task) or of a
 * config file, writes a run directory (config, metrics.jsonl, checkpoints) and ends with one JSON
 * line {@code {"val_acc":…,"test_acc":…,"epochs":…,"seconds":…,"params":…}} on stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a spiking network with learnable delays; prints one JSON summary line.",
            "Ctrl-C writes a resumable checkpoint (continue with --resume DIR)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "shd, ssc, gsc, fsdd or delay-task (default: ${DEFAULT-VALUE})", defaultValue = Presets.DEFAULT)
    String preset;

    @Option(names = "--data", paramLabel = "PATH", description = "dataset file or directory (not for delay-task)")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", description = "delays (learned), fixed-delays (random, frozen) or no-delays (K = 1)")
    String model;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs of the main phase (default: the preset's)")
    Integer epochs;

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "epochs of rounded-delay fine-tuning after the main epochs (default: the preset's)")
    Integer finetuneEpochs;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default: the preset's)")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "seed of initialisation, shuffling, dropout and splits")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors); results are bit-identical for the same seed and thread count")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<preset>-<model>-<timestamp>)")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON/YAML config merged over the preset (may be partial)")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the interrupted run in DIR with its saved configuration")
    Path resume;

    @Option(names = "--test-each-epoch", description = "also evaluate the test set every epoch and report the best (the reference's selection-on-test figure)")
    boolean testEachEpoch;

    @Option(names = "--no-report", description = "do not write report.html into the run directory")
    boolean noReport;

    @Option(names = "--quiet", description = "no progress output on stderr")
    boolean quiet;

    /** The configuration of a fresh run: preset, then config file, then options. */
    RunConfig resolveConfig() {
        if (epochs != null) Check.that(epochs >= 1, "--epochs", "must be >= 1, got " + epochs);
        if (batch != null) Check.that(batch >= 1, "--batch", "must be >= 1, got " + batch);
        if (finetuneEpochs != null) Check.that(finetuneEpochs >= 0, "--finetune-epochs", "must be >= 0, got " + finetuneEpochs);
        RunConfig c = ConfigFiles.load(preset, config);
        if (model != null) {
            ModelConfig.Kind kind = Labelled.find(ModelConfig.Kind.class, model);
            if (kind == null) {
                throw new UserInputException("--model: unknown model kind '" + model + "'; use one of " + Labelled.labels(ModelConfig.Kind.class));
            }
            c = c.withModel(c.model().withKind(kind));
        }
        if (epochs != null) c = c.withTraining(c.training().withEpochs(epochs));
        if (batch != null) c = c.withTraining(c.training().withBatchSize(batch));
        if (finetuneEpochs != null) c = c.withTraining(c.training().withFinetuneEpochs(finetuneEpochs));
        if (seed != null) c = c.withTraining(c.training().withSeed(seed));
        if (data != null) {
            Check.that(c.data().source() != DataConfig.Source.DELAY_TASK, "--data",
                    "the delay task is generated and reads no files; drop --data or choose another --preset");
            c = c.withData(c.data().withPath(data.toString()));
        }
        return c.validate();
    }

    /** Options that cannot change a run being resumed. */
    void checkResumeOptions() {
        String clash = config != null ? "--config" : model != null ? "--model" : epochs != null ? "--epochs"
                : batch != null ? "--batch" : finetuneEpochs != null ? "--finetune-epochs" : seed != null ? "--seed" : out != null ? "--out"
                : !preset.equals(Presets.DEFAULT) ? "--preset" : null;
        if (clash != null) {
            throw new UserInputException("--resume continues a run with its saved configuration; drop " + clash);
        }
    }

    /** {@code runs/<name>-<kind>-<timestamp>}. */
    static Path defaultRunDir(RunConfig c) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", c.name() + "-" + c.model().kind().label() + "-" + stamp);
    }

    @Override
    public Integer call() {
        if (threads != null) Check.that(threads >= 1, "--threads", "must be >= 1, got " + threads);
        RunConfig c;
        Path dir;
        SafeTensors.Contents last = null;
        if (resume != null) {
            checkResumeOptions();
            last = Trainer.lastCheckpoint(resume);
            c = Checkpoint.config(last);
            if (data != null) {
                Check.that(c.data().source() != DataConfig.Source.DELAY_TASK, "--data", "the delay task is generated and reads no files; drop --data");
                c = c.withData(c.data().withPath(data.toString())).validate();
            }
            dir = resume;
        } else {
            c = resolveConfig();
            dir = out != null ? out : defaultRunDir(c);
            Trainer.requireFreshRunDir(dir);
        }
        if (threads != null) Parallel.setThreads(threads);
        PrintWriter err = spec.commandLine().getErr();
        Trainer.Data d = DataSources.open(c);
        SnnModel model = new SnnModel(c.model(), Seeds.of(c.training().seed(), Seeds.INIT));
        SnnOptimisation optimisation = new SnnOptimisation(model, c.training());
        Progress progress = quiet ? Progress.NONE : new Progress(err, Progress.stderrIsTerminal(), c.training().totalEpochs());
        progress.message(String.format(Locale.ROOT, "delays4j train: %s, model %s, %d trainable parameters; %d train / %d validation / %d test samples; %d threads; run directory %s",
                c.name(), c.model().kind().label(), model.trainableParameters(), d.train().size(), d.validation().size(), d.test().size(),
                Parallel.threads(), dir));
        StopSignal stop = new StopSignal(300).install();
        Trainer.Result r;
        try {
            Trainer t = new Trainer(c, new SnnTrainable(model), optimisation, d, new Trainer.Options(dir, testEachEpoch, progress, stop));
            r = last == null ? t.run() : t.resume(last);
        } finally {
            stop.done();
        }
        if (r.interrupted()) return INTERRUPTED;
        if (!noReport) {
            // The run's report page (curves, delays, rasters of the first test sample); a report
            // problem must not hide the finished run's result, so it is only reported.
            try {
                Path page = RunReports.write(dir, d.test(), 0, "delays4j train: " + c.name() + ", " + c.model().kind().label(),
                        Map.of("test accuracy (selected model)", String.format(Locale.ROOT, "%.2f %%", 100 * r.testAcc())));
                progress.message("report: " + page);
            } catch (UserInputException e) {
                progress.message("report not written: " + e.getMessage());
            }
        }
        spec.commandLine().getOut().println(summary(r, dir));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Exit status after Ctrl-C (128 + SIGINT), with a resumable checkpoint written. */
    public static final int INTERRUPTED = 130;

    /** The final JSON line: the five keys first, then details. */
    static String summary(Trainer.Result r, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_acc", r.valAcc());
        m.put("test_acc", r.testAcc());
        m.put("epochs", r.epochs());
        m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        m.put("params", r.params());
        m.put("best_epoch", r.bestEpoch());
        m.put("test_loss", r.testLoss());
        if (r.testAccSelectedOnTest() != null) m.put("reference_protocol_best_test_acc", r.testAccSelectedOnTest());
        m.put("run_dir", dir.toString());
        return Json.line(m);
    }
}
