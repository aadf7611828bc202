package org.delays4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.delays4j.core.Seq;
import org.delays4j.data.Batch;
import org.delays4j.data.Dataset;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.model.ConfigFiles;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.train.Checkpoint;
import org.delays4j.train.EpochMetrics;
import org.delays4j.train.MetricsLog;
import org.delays4j.train.Trainer;
import org.delays4j.util.UserInputException;

/**
 * Builds the {@code report.html} of a finished run from its directory: learning curves and σ per
 * epoch from {@code metrics.jsonl}; from the selected model ({@code best.safetensors}) the
 * histogram of delays {@code c − P} (time steps) per delay layer and the rasters of one sample's
 * input and hidden spikes, from an evaluation-mode forward pass with rounded delays, as the
 * model is tested.
 */
public final class RunReports {
    /** The page's file name inside a run directory. */
    public static final String FILE = "report.html";

    private RunReports() {}

    /**
     * Writes {@code runDir/report.html} and returns its path.
     *
     * @param samples the dataset the shown sample comes from (e.g. the test split)
     * @param sample  its index in {@code samples}
     * @param extra   summary lines added after the run's own (e.g. test accuracy); may be empty
     * @throws UserInputException when the directory lacks the run's files
     */
    public static Path write(Path runDir, Dataset samples, int sample, String title, Map<String, ?> extra) {
        RunReport report = build(runDir, samples, sample, title, extra);
        Path page = runDir.resolve(FILE);
        try {
            report.write(page);
        } catch (IOException e) {
            throw new UserInputException(page + ": cannot write the report (" + e.getMessage() + ")", e);
        }
        return page;
    }

    /** The report of {@link #write} without writing it. */
    public static RunReport build(Path runDir, Dataset samples, int sample, String title, Map<String, ?> extra) {
        RunConfig config = readConfig(runDir);
        List<EpochMetrics> metrics = new MetricsLog(runDir.resolve(Trainer.METRICS)).read();
        Path best = runDir.resolve(Trainer.BEST);
        if (!Files.exists(best)) throw new UserInputException(runDir + ": holds no " + Trainer.BEST + "; a report needs a finished epoch");
        if (sample < 0 || sample >= samples.size()) {
            throw new UserInputException("report sample: index " + sample + " is outside 0.." + (samples.size() - 1));
        }
        var contents = Checkpoint.read(best);
        SnnModel model = new SnnModel(config.model(), config.training().seed());
        Checkpoint.restore(contents, model.state());

        RunReport r = new RunReport(title);
        var m = config.model();
        r.summary("run directory", runDir);
        r.summary("model", String.format(Locale.ROOT, "%s, %d x %d hidden, K = %d, %d inputs, %d classes", m.kind().label(),
                m.hiddenLayers(), m.hiddenNeurons(), m.kernelSize(), m.inputs(), m.outputs()));
        r.summary("trainable parameters", model.trainableParameters());
        r.summary("training", String.format(Locale.ROOT, "%d epochs, batch %d, seed %d", config.training().epochs(),
                config.training().batchSize(), config.training().seed()));
        r.summary("selected epoch (validation)", contents.metadata().getOrDefault("epoch", "?") + " (0-based), validation accuracy "
                + percent(contents.metadata().get("val_acc")));
        if (extra != null) extra.forEach(r::summary);
        r.epochs(metrics.stream().map(e -> new RunReport.Epoch(e.epoch(), e.trainLoss(), e.trainAcc(), e.valLoss(), e.valAcc(),
                e.sigma() == null ? Double.NaN : e.sigma())).toList());

        List<Dcls1d> layers = model.delayLayers();
        for (int i = 0; i < layers.size(); i++) {
            String name = (i < layers.size() - 1 ? "hidden layer " + i : "output layer") + (m.learnsDelays() ? "" : " (" + m.kind().label() + ")");
            r.delays(name, delaySteps(layers.get(i)), layers.get(i).config().kernelSize() - 1);
        }

        Batch b = Batch.of(samples, new int[] {sample});
        Map<String, Seq> taps = new LinkedHashMap<>();
        model.setTap((n, s) -> {
            if (n.endsWith(".spikes")) taps.put(n, new Seq(s.data().clone(), s.T(), s.B(), s.C()));
        });
        SnnModel.Output out;
        try (SnnModel.RoundedEval ignored = model.roundedEval()) {
            out = model.forwardLoss(b.x(), b.labels(), false);
        } finally {
            model.setTap(null);
        }
        int pred = argmax(out.logits());
        r.summary("shown sample", "#" + sample + " of " + samples.describe() + ": label " + b.labels()[0] + ", predicted " + pred);
        r.raster("input (loudest fifth of its values; spikes: all)", inputRaster(b.x()));
        for (var e : taps.entrySet()) {
            String layer = e.getKey().substring(0, e.getKey().indexOf('.'));
            r.raster("hidden " + layer.replace("layer", "layer "), Raster.of(e.getValue(), 0));
        }
        return r;
    }

    /** The run's saved configuration. */
    static RunConfig readConfig(Path runDir) {
        Path f = runDir.resolve(Trainer.CONFIG);
        if (!Files.exists(f)) throw new UserInputException(runDir + ": not a run directory (no " + Trainer.CONFIG + ")");
        try {
            return ConfigFiles.fromJson(Files.readString(f), f.toString());
        } catch (IOException e) {
            throw new UserInputException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Delays in time steps, {@code c − P} with {@code c = K // 2}: 0 … K−1 (tap n delays by K−1−n). */
    public static double[] delaySteps(Dcls1d layer) {
        float[] p = layer.positions().value();
        int c = layer.config().kernelSize() / 2;
        double[] d = new double[p.length];
        for (int k = 0; k < p.length; k++) d[k] = c - (double) p[k];
        return d;
    }

    /**
     * Sample 0's input as events: entries at or above the 80th percentile of its positive values.
     * Binary spike inputs keep every spike; real-valued features (log-mel) show their loudest
     * fifth, which traces the formants instead of a solid block.
     */
    static Raster inputRaster(Seq x) {
        float[] pos = new float[x.T() * x.C()];
        int n = 0;
        for (int t = 0; t < x.T(); t++) for (int c = 0; c < x.C(); c++) if (x.get(t, 0, c) > 0) pos[n++] = x.get(t, 0, c);
        if (n == 0) return new Raster(x.T(), x.C(), new int[0], new int[0]);
        float[] sorted = Arrays.copyOf(pos, n);
        Arrays.sort(sorted);
        float level = sorted[(int) Math.floor(0.8 * (n - 1))];
        List<int[]> ev = new ArrayList<>();
        for (int t = 0; t < x.T(); t++) {
            for (int c = 0; c < x.C(); c++) if (x.get(t, 0, c) > 0 && x.get(t, 0, c) >= level) ev.add(new int[] {t, c});
        }
        int[] ts = new int[ev.size()], cs = new int[ev.size()];
        for (int k = 0; k < ev.size(); k++) {
            ts[k] = ev.get(k)[0];
            cs[k] = ev.get(k)[1];
        }
        return new Raster(x.T(), x.C(), ts, cs);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static String percent(String v) {
        if (v == null) return "?";
        try {
            return String.format(Locale.ROOT, "%.2f %%", 100 * Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
