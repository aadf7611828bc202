package org.delays4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delays4j.core.Parallel;
import org.delays4j.data.Dataset;
import org.delays4j.io.Json;
import org.delays4j.io.SafeTensors;
import org.delays4j.model.DataConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.train.BatchStats;
import org.delays4j.train.Checkpoint;
import org.delays4j.train.DataSources;
import org.delays4j.train.Evaluator;
import org.delays4j.train.SnnTrainable;
import org.delays4j.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delays4j eval}: evaluates a checkpoint (a run's best.safetensors or last.safetensors) on
 * the test split of its dataset with the rounded integer delays, and prints one JSON line with
 * the accuracy and loss.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a checkpoint on a test set (rounded integer delays); prints one JSON line.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "a .safetensors checkpoint written by 'delays4j train'")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "PATH", description = "dataset file or directory (default: the one the run was trained on)")
    Path data;

    @Option(names = "--preset", paramLabel = "NAME", description = "take the data settings of this preset instead of the checkpoint's (e.g. delay-task)")
    String preset;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default: the run's)")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Override
    public Integer call() {
        if (batch != null) Check.that(batch >= 1, "--batch", "must be >= 1, got " + batch);
        if (threads != null) Check.that(threads >= 1, "--threads", "must be >= 1, got " + threads);
        SafeTensors.Contents ckpt = Checkpoint.read(checkpoint);
        RunConfig c = Checkpoint.config(ckpt);
        if (preset != null) c = c.withData(Presets.get(preset).data());
        if (data != null) {
            Check.that(c.data().source() != DataConfig.Source.DELAY_TASK, "--data", "the delay task is generated and reads no files; drop --data");
            c = c.withData(c.data().withPath(data.toString()));
        }
        c = c.validate();
        if (threads != null) Parallel.setThreads(threads);
        SnnModel model = new SnnModel(c.model(), 0);
        Checkpoint.restore(ckpt, model.state());
        Dataset test = DataSources.openTest(c);
        long t0 = System.nanoTime();
        BatchStats s = Evaluator.evaluate(new SnnTrainable(model), test, batch != null ? batch : c.training().batchSize());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test_acc", s.accuracy());
        out.put("test_loss", s.loss());
        out.put("samples", s.count());
        out.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        out.put("checkpoint", checkpoint.toString());
        out.put("data", test.describe());
        spec.commandLine().getOut().println(Json.line(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
