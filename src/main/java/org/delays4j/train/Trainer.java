package org.delays4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.delays4j.core.Parallel;
import org.delays4j.data.Batch;
import org.delays4j.data.Dataset;
import org.delays4j.io.SafeTensors;
import org.delays4j.model.ConfigFiles;
import org.delays4j.model.RunConfig;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * The training loop: for each epoch, the optimiser rates for that epoch, a seeded shuffle of the
 * training set, batches (zero-padded to their longest sample) each with its own dropout seed
 * (run seed, epoch, batch), an optimiser step after each; then the σ decay, the rounded-delay
 * evaluation on the validation set, one line of {@code metrics.jsonl}, {@code best.safetensors}
 * when validation improves (accuracy, ties broken by lower loss) and a resumable
 * {@code last.safetensors}. At the end the best model is evaluated once on the test set.
 *
 * <p>When {@code stop} turns true (Ctrl-C) the current batch is finished, a resumable checkpoint is
 * written and {@link #run} returns an interrupted result; {@link #resume} continues it to the
 * same numbers an uninterrupted run gives (for the same thread count).
 */
public final class Trainer {
    /** File names inside a run directory. */
    public static final String CONFIG = "config.json", METRICS = "metrics.jsonl", LAST = "last.safetensors", BEST = "best.safetensors";

    /** The three datasets of a run; {@code validation} selects the model, {@code test} is evaluated once. */
    public record Data(Dataset train, Dataset validation, Dataset test) {
        public Data {
            if (train.size() == 0) throw new UserInputException("the training set is empty");
            if (validation.size() == 0) throw new UserInputException("the validation set is empty; raise data.validation_fraction");
            if (test.size() == 0) throw new UserInputException("the test set is empty");
        }
    }

    /**
     * @param runDir        the run directory (created; must not already hold a run unless resuming)
     * @param testEachEpoch also evaluate the test set after every epoch (the reference's selection-on-test figure)
     * @param progress      the progress line
     * @param stop          polled before each batch; true stops the run with a resumable checkpoint
     */
    public record Options(Path runDir, boolean testEachEpoch, Progress progress, BooleanSupplier stop) {}

    /**
     * The outcome: validation accuracy of the selected epoch, test accuracy/loss of that model,
     * epochs run, best epoch (0-based), total seconds, trainable parameters, whether the run was
     * interrupted, and (when test was evaluated every epoch) the best test accuracy over epochs.
     */
    public record Result(double valAcc, double testAcc, double testLoss, int epochs, int bestEpoch, double seconds,
                         long params, boolean interrupted, Double testAccSelectedOnTest) {}

    private final RunConfig config;
    private final Trainable model;
    private final Optimisation optimisation;
    private final Data data;
    private final Options options;
    private final MetricsLog metrics;

    public Trainer(RunConfig config, Trainable model, Optimisation optimisation, Data data, Options options) {
        this.config = config;
        this.model = model;
        this.optimisation = optimisation;
        this.data = data;
        this.options = options;
        this.metrics = new MetricsLog(options.runDir().resolve(METRICS));
    }

    /** A fresh run: prepares the run directory (refusing one that holds a run) and trains. */
    public Result run() {
        Path dir = options.runDir();
        requireFreshRunDir(dir);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(CONFIG), ConfigFiles.toJson(config));
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create the run directory (" + e.getMessage() + ")", e);
        }
        return loop(Checkpoint.Position.start(Parallel.threads()));
    }

    /** Continues the run of {@code last} (a resumable checkpoint of this configuration). */
    public Result resume(SafeTensors.Contents last) {
        Checkpoint.Position p = Checkpoint.position(last);
        Checkpoint.restore(last, model.state());
        // The optimiser of the checkpoint's phase (a finished run: of its last epoch), then its state.
        optimisation.beginEpoch(Math.min(p.epoch(), config.training().totalEpochs() - 1));
        optimisation.load(last);
        if (p.threads() != Parallel.threads()) {
            options.progress().message("note: the run used " + p.threads() + " threads, this session " + Parallel.threads()
                    + "; results will not be bit-identical to an uninterrupted run");
        }
        metrics.truncate(p.epoch());
        return loop(p);
    }

    private Result loop(Checkpoint.Position from) {
        int epochs = config.training().totalEpochs(), bs = config.training().batchSize();
        long seed = config.training().seed();
        int n = data.train().size(), batches = (n + bs - 1) / bs;
        int bestEpoch = from.bestEpoch();
        double bestAcc = from.bestValAcc(), bestLoss = from.bestValLoss();
        double elapsedBefore = from.elapsedSeconds();
        long sessionStart = System.nanoTime();
        Progress progress = options.progress();
        Double bestTestAcc = null;
        if (options.testEachEpoch()) {
            for (EpochMetrics m : metrics.read()) if (m.testAcc() != null) bestTestAcc = bestTestAcc == null ? m.testAcc() : Math.max(bestTestAcc, m.testAcc());
        }

        for (int e = from.epoch(); e < epochs; e++) {
            boolean resumed = e == from.epoch();
            BatchStats run = resumed ? from.partial() : BatchStats.EMPTY;
            double secondsBefore = resumed ? from.epochSeconds() : 0;
            long epochStart = System.nanoTime();
            int[] order = null;
            for (int b = resumed ? from.batch() : 0; b < batches; b++) {
                if (options.stop().getAsBoolean()) {
                    double epochSec = secondsBefore + (System.nanoTime() - epochStart) / 1e9;
                    double total = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
                    writeLast(new Checkpoint.Position(e, b, run, epochSec, bestEpoch, bestAcc, bestLoss, total, Parallel.threads()));
                    progress.message("interrupted at epoch " + (e + 1) + ", batch " + b + "; resume with --resume " + options.runDir());
                    return new Result(bestAcc, Double.NaN, Double.NaN, e, bestEpoch, total, model.trainableParameters(), true, bestTestAcc);
                }
                if (order == null) {
                    // After the stop check: a run stopped between epochs holds the state before this call.
                    optimisation.beginEpoch(e);
                    order = Seeds.permutation(n, seed, e);
                    progress.beginEpoch(e, batches);
                }
                int[] idx = Arrays.copyOfRange(order, b * bs, Math.min(n, (b + 1) * bs));
                run = run.plus(model.trainStep(Batch.of(data.train(), idx), Seeds.random(seed, Seeds.DROPOUT, e, b)));
                optimisation.step();
                progress.batch(b + 1, run);
            }
            double lrW = optimisation.lrWeights(), lrPos = optimisation.lrPositions(), sigma = optimisation.sigma();
            optimisation.endEpoch(e);

            BatchStats val = Evaluator.evaluate(model, data.validation(), bs);
            Double testAcc = null;
            if (options.testEachEpoch()) {
                testAcc = Evaluator.evaluate(model, data.test(), bs).accuracy();
                bestTestAcc = bestTestAcc == null ? testAcc : Math.max(bestTestAcc, testAcc);
            }
            double epochSec = secondsBefore + (System.nanoTime() - epochStart) / 1e9;
            EpochMetrics m = new EpochMetrics(e, run.loss(), run.accuracy(), val.loss(), val.accuracy(), lrW, lrPos,
                    Double.isNaN(sigma) ? null : sigma, epochSec, testAcc);
            if (bestEpoch < 0 || val.accuracy() > bestAcc || (val.accuracy() == bestAcc && val.loss() < bestLoss)) {
                bestEpoch = e;
                bestAcc = val.accuracy();
                bestLoss = val.loss();
                Checkpoint.write(options.runDir().resolve(BEST), config, model.state(), List.of(), null,
                        Map.of("epoch", Integer.toString(e), "val_acc", Double.toString(bestAcc), "val_loss", Double.toString(bestLoss)));
            }
            metrics.append(m);
            double total = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
            writeLast(new Checkpoint.Position(e + 1, 0, BatchStats.EMPTY, 0, bestEpoch, bestAcc, bestLoss, total, Parallel.threads()));
            progress.endEpoch(m, run.count());
        }

        // One test evaluation, of the model selected on validation.
        Checkpoint.restore(Checkpoint.read(options.runDir().resolve(BEST)), model.state());
        BatchStats test = Evaluator.evaluate(model, data.test(), bs);
        double total = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
        return new Result(bestAcc, test.accuracy(), test.loss(), epochs, bestEpoch, total, model.trainableParameters(), false, bestTestAcc);
    }

    private void writeLast(Checkpoint.Position p) {
        Checkpoint.write(options.runDir().resolve(LAST), config, model.state(), optimisation.state(), p, Map.of());
    }

    /** Refuses a directory that already holds a run (a fresh run never overwrites one). */
    public static void requireFreshRunDir(Path dir) {
        if (Files.exists(dir.resolve(METRICS)) || Files.exists(dir.resolve(LAST))) {
            throw new UserInputException(dir + ": already holds a run; continue it with --resume " + dir + " or choose another --out");
        }
    }

    /** The checkpoint of a run directory to resume from, or a user error saying what is missing. */
    public static SafeTensors.Contents lastCheckpoint(Path runDir) {
        Path last = runDir.resolve(LAST);
        if (!Files.isDirectory(runDir)) throw new UserInputException(runDir + ": no such run directory");
        if (!Files.exists(last)) throw new UserInputException(runDir + ": holds no " + LAST + " to resume from");
        return Checkpoint.read(last);
    }
}
