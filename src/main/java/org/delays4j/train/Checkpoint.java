package org.delays4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delays4j.io.SafeTensors;
import org.delays4j.io.StateTensor;
import org.delays4j.model.ConfigFiles;
import org.delays4j.model.RunConfig;
import org.delays4j.util.UserInputException;

/**
 * Checkpoints: safetensors files holding the model's state tensors (see docs/checkpoints.md for
 * their names), optionally the optimiser's ({@code optim.*}), and string metadata: the format
 * tag, the full run configuration as JSON, and where the run stands ({@link Position}).
 * Files are written atomically (temporary file and rename).
 */
public final class Checkpoint {
    /** Metadata value of {@code format}. */
    public static final String FORMAT = "delays4j-checkpoint";
    /** Metadata value of {@code format_version}; bumped when names or meanings change. */
    public static final String VERSION = "1";

    private Checkpoint() {}

    /**
     * Where a run stands: {@code epoch} epochs done plus {@code batch} batches of the next one
     * (whose running sums are {@code partial}, taking {@code epochSeconds} so far), the best epoch
     * on validation so far (-1: none), the run's total seconds, and the thread count it used.
     */
    public record Position(int epoch, int batch, BatchStats partial, double epochSeconds, int bestEpoch,
                           double bestValAcc, double bestValLoss, double elapsedSeconds, int threads) {
        /** The position of a run that has not started. */
        public static Position start(int threads) {
            return new Position(0, 0, BatchStats.EMPTY, 0, -1, Double.NaN, Double.NaN, 0, threads);
        }

        Map<String, String> toMetadata() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("epoch", Integer.toString(epoch));
            m.put("batch", Integer.toString(batch));
            m.put("partial_loss_sum", Double.toString(partial.lossSum()));
            m.put("partial_correct", Long.toString(partial.correct()));
            m.put("partial_count", Long.toString(partial.count()));
            m.put("epoch_seconds", Double.toString(epochSeconds));
            m.put("best_epoch", Integer.toString(bestEpoch));
            m.put("best_val_acc", Double.toString(bestValAcc));
            m.put("best_val_loss", Double.toString(bestValLoss));
            m.put("elapsed_seconds", Double.toString(elapsedSeconds));
            m.put("threads", Integer.toString(threads));
            return m;
        }

        static Position fromMetadata(SafeTensors.Contents c) {
            try {
                return new Position(
                        Integer.parseInt(c.requireMeta("epoch")),
                        Integer.parseInt(c.requireMeta("batch")),
                        new BatchStats(Double.parseDouble(c.requireMeta("partial_loss_sum")),
                                Long.parseLong(c.requireMeta("partial_correct")), Long.parseLong(c.requireMeta("partial_count"))),
                        Double.parseDouble(c.requireMeta("epoch_seconds")),
                        Integer.parseInt(c.requireMeta("best_epoch")),
                        Double.parseDouble(c.requireMeta("best_val_acc")),
                        Double.parseDouble(c.requireMeta("best_val_loss")),
                        Double.parseDouble(c.requireMeta("elapsed_seconds")),
                        Integer.parseInt(c.requireMeta("threads")));
            } catch (NumberFormatException e) {
                throw new UserInputException(c.source() + ": corrupt checkpoint metadata (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Writes {@code file}: every tensor of {@code model} and {@code optimiser} (may be empty),
     * the configuration and {@code position} (null for a model-only file such as best.safetensors).
     */
    public static void write(Path file, RunConfig config, List<StateTensor> model, List<StateTensor> optimiser,
                             Position position, Map<String, String> extra) {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (List<StateTensor> part : List.of(model, optimiser)) {
            for (StateTensor t : part) {
                if (tensors.put(t.name(), new SafeTensors.Tensor(t.shape(), t.values())) != null) {
                    throw new IllegalStateException("two state tensors named " + t.name());
                }
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("config", ConfigFiles.toJson(config));
        meta.put("resumable", Boolean.toString(position != null && !optimiser.isEmpty()));
        if (position != null) meta.putAll(position.toMetadata());
        meta.putAll(extra);
        try {
            SafeTensors.write(file, tensors, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    /** Reads a checkpoint, checking it is one of ours (format and version). */
    public static SafeTensors.Contents read(Path file) {
        SafeTensors.Contents c = SafeTensors.read(file);
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new UserInputException(file + ": not a Delays4j checkpoint (no '" + FORMAT + "' format tag in its metadata)");
        }
        if (!VERSION.equals(c.metadata().get("format_version"))) {
            throw new UserInputException(file + ": checkpoint format version " + c.metadata().get("format_version")
                    + " is not supported by this build (it reads version " + VERSION + ")");
        }
        return c;
    }

    /** The run configuration stored in a checkpoint. */
    public static RunConfig config(SafeTensors.Contents c) {
        return ConfigFiles.fromJson(c.requireMeta("config"), c.source() + " (config)");
    }

    /** The run position stored in a resumable checkpoint. */
    public static Position position(SafeTensors.Contents c) {
        if (!"true".equals(c.metadata().get("resumable"))) {
            throw new UserInputException(c.source() + ": this checkpoint holds a model only and cannot be resumed; resume from the run's last.safetensors");
        }
        return Position.fromMetadata(c);
    }

    /** Copies the checkpoint's tensors into {@code into} (each must be present with the same shape). */
    public static void restore(SafeTensors.Contents c, List<StateTensor> into) {
        for (StateTensor t : into) {
            float[] src = c.require(t.name(), t.shape()).data();
            System.arraycopy(src, 0, t.values(), 0, src.length);
        }
    }
}
