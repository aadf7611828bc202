package org.delays4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delays4j.data.Dataset;
import org.delays4j.data.DelayTask;
import org.delays4j.data.FsddLogMel;
import org.delays4j.data.GscDataset;
import org.delays4j.data.SpikeDataset;
import org.delays4j.data.Splits;
import org.delays4j.model.DataConfig;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.RunConfig;
import org.delays4j.util.UserInputException;

/**
 * Opens the train/validation/test datasets a {@link DataConfig} names. SHD has no validation
 * split: one is held out of the training set ({@code validation_fraction}, seeded by
 * the run seed, by whole speakers when known). SSC and GSC ship theirs. The delay task is
 * generated. FSDD uses its fixed repetition-based splits ({@link FsddLogMel}). The model's input and output sizes are checked against the data.
 */
public final class DataSources {
    private DataSources() {}

    /** The datasets of a run, checked against its model. */
    public static Trainer.Data open(RunConfig run) {
        Trainer.Data d = openData(run.data(), run.model(), run.training().seed());
        check(d.train(), run.model());
        return d;
    }

    /** The test split only (what {@code delays4j eval} reads, without loading the training set), checked against the model. */
    public static Dataset openTest(RunConfig run) {
        DataConfig dc = run.data();
        double dt = run.model().timeStepMs() / 1000.0;
        Dataset test = switch (dc.source()) {
            case DELAY_TASK -> {
                DataConfig.DelayTaskSettings s = dc.delayTask();
                yield new DelayTask(new DelayTask.Config(s.samples(), s.channels(), s.classes(), s.length(), s.difficulty(), s.seed()))
                        .testSet(s.testSamples());
            }
            case SHD -> spikes(find(dir(dc, "shd", "a directory holding shd_test.h5 (or .h5.gz)"), "shd_test"), dt, dc.channelGroup());
            case SSC -> spikes(find(dir(dc, "ssc", "a directory holding ssc_test.h5 (or .h5.gz)"), "ssc_test"), dt, dc.channelGroup());
            case GSC -> GscDataset.load(dir(dc, "gsc", "the Speech Commands v0.02 directory"), GscDataset.Split.TEST);
            case FSDD -> FsddLogMel.load(dir(dc, "fsdd", "the Free Spoken Digit Dataset recordings directory"), FsddLogMel.Config.defaults())
                    .splits().test();
        };
        if (test.size() == 0) throw new UserInputException("the test set is empty");
        check(test, run.model());
        return test;
    }

    private static Trainer.Data openData(DataConfig dc, ModelConfig m, long seed) {
        double dt = m.timeStepMs() / 1000.0;
        return switch (dc.source()) {
            case DELAY_TASK -> {
                DataConfig.DelayTaskSettings s = dc.delayTask();
                DelayTask task = new DelayTask(new DelayTask.Config(s.samples(), s.channels(), s.classes(), s.length(), s.difficulty(), s.seed()));
                yield holdOut(task, task.testSet(s.testSamples()), dc, seed);
            }
            case SHD -> {
                Path dir = dir(dc, "shd", "a directory holding shd_train.h5 and shd_test.h5 (or .h5.gz)");
                Dataset train = spikes(find(dir, "shd_train"), dt, dc.channelGroup());
                yield holdOut(train, spikes(find(dir, "shd_test"), dt, dc.channelGroup()), dc, seed);
            }
            case SSC -> {
                Path dir = dir(dc, "ssc", "a directory holding ssc_train, ssc_valid and ssc_test .h5 (or .h5.gz)");
                yield new Trainer.Data(spikes(find(dir, "ssc_train"), dt, dc.channelGroup()),
                        spikes(find(dir, "ssc_valid"), dt, dc.channelGroup()), spikes(find(dir, "ssc_test"), dt, dc.channelGroup()));
            }
            case GSC -> {
                Path dir = dir(dc, "gsc", "the Speech Commands v0.02 directory (word/*.wav, validation_list.txt, testing_list.txt)");
                yield new Trainer.Data(GscDataset.load(dir, GscDataset.Split.TRAIN), GscDataset.load(dir, GscDataset.Split.VALID),
                        GscDataset.load(dir, GscDataset.Split.TEST));
            }
            case FSDD -> {
                // The preset's 40-band log-mel features and fixed splits (test = repetitions 0-4,
                // validation = 5-9): FSDD's 6 speakers are all in the test split, so a
                // speaker-disjoint validation would not match it (docs/fsdd.md).
                Path dir = dir(dc, "fsdd", "the Free Spoken Digit Dataset recordings directory ({digit}_{speaker}_{index}.wav)");
                FsddLogMel.Splits s = FsddLogMel.load(dir, FsddLogMel.Config.defaults()).splits();
                yield new Trainer.Data(s.train(), s.validation(), s.test());
            }
        };
    }

    private static Trainer.Data holdOut(Dataset train, Dataset test, DataConfig dc, long seed) {
        Splits.Split s = Splits.validation(train, dc.validationFraction(), Seeds.of(seed, Seeds.SPLIT));
        return new Trainer.Data(s.trainOf(train), s.validationOf(train), test);
    }

    private static Path dir(DataConfig dc, String preset, String what) {
        if (dc.path() == null) throw new UserInputException("preset " + preset + " needs --data PATH: " + what);
        Path p = Path.of(dc.path());
        if (!Files.exists(p)) throw new UserInputException(p + ": no such file or directory; --data must name " + what);
        if (!Files.isReadable(p)) throw new UserInputException(p + ": not readable; check its permissions");
        return p;
    }

    /** {@code dir/name.h5} or {@code dir/name.h5.gz}, or {@code dir} itself when it is such a file. */
    private static Path find(Path dir, String name) {
        for (String ext : List.of(".h5", ".h5.gz")) {
            Path f = dir.resolve(name + ext);
            if (Files.isRegularFile(f)) return f;
        }
        throw new UserInputException(dir + ": holds neither " + name + ".h5 nor " + name + ".h5.gz ('delays4j download' fetches them)");
    }

    private static Dataset spikes(Path file, double dtSeconds, int group) {
        try {
            return SpikeDataset.read(file).binned(dtSeconds, group);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The model must fit the data: inputs = channels per frame, outputs = classes. */
    public static void check(Dataset ds, ModelConfig m) {
        if (ds.channels() != m.inputs()) {
            throw new UserInputException("model.inputs is " + m.inputs() + " but the data has " + ds.channels()
                    + " channels per frame; set model.inputs to " + ds.channels() + " in a --config file");
        }
        if (ds.classes() != m.outputs()) {
            throw new UserInputException("model.outputs is " + m.outputs() + " but the data has " + ds.classes()
                    + " classes; set model.outputs to " + ds.classes() + " in a --config file");
        }
    }
}
