package org.delays4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.delays4j.bench.ProcessMemory;
import org.delays4j.bench.Timing;
import org.delays4j.core.Seq;
import org.delays4j.data.Batch;
import org.delays4j.data.Dataset;
import org.delays4j.data.SpikeDataset;
import org.delays4j.data.SyntheticFrames;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.ExecPath;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.model.StageTimes;
import org.delays4j.layer.BatchNorm1d;
import org.delays4j.util.UserInputException;

/**
 * Times whole training steps (zero gradients, forward, loss, backward, Adam, position clamp) or
 * evaluation batches (rounded integer delays, eval-mode forward and loss) of a preset's model,
 * on synthetic SHD-like input ({@link SyntheticFrames#SHD}) or on batches of a real spike file.
 * Each step is timed whole; a {@link StageTimes} profile says where the time went.
 */
public final class StepBenchmark {
    /** What one repetition does. */
    public enum Mode {
        TRAIN, EVAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param preset  a preset name (its model and batch size)
     * @param mode    train steps or eval batches
     * @param batches timed repetitions (median reported)
     * @param warmup  untimed repetitions first (JIT, buffers)
     * @param sigma   every layer's SIG, or null for the preset's initial value
     * @param data    a spike file (.h5/.h5.gz) to take batches from, or null for synthetic input
     * @param batch   samples per batch, or 0 for the preset's
     * @param seed    model initialisation, input and dropout seed
     * @param path    the execution path forced on every delay layer ({@link ExecPath#AUTO}: each layer chooses)
     */
    public record Config(String preset, Mode mode, int batches, int warmup, Double sigma, Path data, int batch, long seed,
            ExecPath path) {}

    /**
     * The work one delay layer's forward really needs, measured on the last batch: {@code nnz}
     * non-zero input cells, each reaching {@code out} targets through {@code taps} kernel taps on
     * average that matter (above 2^-24 of the synapse's largest tap), against the dense
     * convolution's {@code T·B·in·out·K} multiply-adds.
     */
    public record LayerWork(String layer, int in, int out, int K, double density, long nnz, double taps, double neededOps,
            double denseOps) {}

    /** The timings, throughput, memory and profile of a run. */
    public record Result(Config config, int batchSize, int T, double inputDensity, Timing timing, double samplesPerS,
            double peakRssMb, Map<String, Double> profile, double lastLoss, List<String> pathsUsed, List<LayerWork> work) {}

    private StepBenchmark() {}

    /** Runs the benchmark; {@code progress} receives one line per repetition. */
    public static Result run(Config c, Consumer<String> progress) {
        RunConfig run = Presets.get(c.preset());
        ModelConfig mc = run.model();
        int B = c.batch() > 0 ? c.batch() : run.training().batchSize();
        List<Batch> batches = input(c, mc, B);
        SnnModel model = new SnnModel(mc, c.seed());
        if (c.sigma() != null) for (float[] s : model.sigmas()) java.util.Arrays.fill(s, c.sigma().floatValue());
        for (Dcls1d d : model.delayLayers()) d.setPath(c.path());
        SnnOptimisation opt = c.mode() == Mode.TRAIN ? new SnnOptimisation(model, run.training()) : null;
        if (opt != null) opt.beginEpoch(0);
        SnnTrainable trainable = new SnnTrainable(model);
        StageTimes times = new StageTimes();
        model.setStageTimes(times);
        SplittableRandom rng = new SplittableRandom(c.seed());
        double[] s = new double[c.batches()];
        double loss = Double.NaN;
        List<LayerWork> work;
        Trainable.EvalMode eval = c.mode() == Mode.EVAL ? trainable.enterEval() : null;
        if (eval != null) calibrateBatchNorm(model, batches, rng); // with the rounded kernels evaluation uses
        try {
            for (int i = 0; i < c.warmup() + c.batches(); i++) {
                if (i == c.warmup()) times.clear();
                Batch b = batches.get(i % batches.size());
                long t0 = System.nanoTime();
                if (opt != null) {
                    loss = trainable.trainStep(b, rng).loss();
                    times.start();
                    opt.step();
                    times.lap("adam+clamp");
                } else {
                    loss = trainable.evalStep(b).loss();
                }
                double dt = (System.nanoTime() - t0) * 1e-9;
                if (i >= c.warmup()) s[i - c.warmup()] = dt;
                progress.accept(String.format(java.util.Locale.ROOT, "%s %d/%d: %.3f s, loss %.4f",
                        i < c.warmup() ? "warm-up" : "batch", i < c.warmup() ? i + 1 : i - c.warmup() + 1,
                        i < c.warmup() ? c.warmup() : c.batches(), dt, loss));
            }
            // untimed, after the timed batches, on the last one (train mode reads that step's state)
            work = work(model, batches.get((c.warmup() + c.batches() - 1) % batches.size()), c.mode() == Mode.TRAIN);
        } finally {
            if (eval != null) eval.close();
        }
        Timing timing = new Timing(s);
        Map<String, Double> profile = new LinkedHashMap<>();
        times.seconds().forEach((k, v) -> profile.put(k, v / c.batches()));
        Batch first = batches.get(0);
        List<String> used = model.delayLayers().stream().map(d -> d.lastPath() == null ? "-" : d.lastPath().id()).toList();
        return new Result(c, B, first.x().T(), density(first), timing, B / timing.median(),
                ProcessMemory.peakRssMb().orElse(Double.NaN), profile, loss, used, work);
    }

    /**
     * Counts each delay layer's non-zero inputs on the last batch: the spikes of each hidden block
     * that its dropout mask keeps. Train mode reads the last step's state; eval runs one more
     * (untimed) forward that keeps the LIF caches.
     */
    private static List<LayerWork> work(SnnModel model, Batch b, boolean train) {
        if (!train) {
            model.setEvalCaches(true);
            model.forward(b.x(), false);
            model.setEvalCaches(false);
        }
        List<Dcls1d> layers = model.delayLayers();
        long[] nnz = new long[layers.size()];
        int[] T = new int[layers.size()];
        nnz[0] = countNonZero(b.x().data());
        T[0] = b.x().T();
        for (int i = 0; i < model.blocks().size(); i++) {
            SnnModel.Block bl = model.blocks().get(i);
            Seq s = bl.neuron().spikes();
            float[] mask = train ? bl.dropout().mask() : null;
            int n = s.B() * s.C();
            long c = 0;
            float[] d = s.data();
            for (int k = 0; k < d.length; k++) if (d[k] != 0 && (mask == null || mask[k % n] != 0)) c++;
            nnz[i + 1] = c;
            T[i + 1] = s.T();
        }
        List<LayerWork> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Dcls1d d = layers.get(i);
            int in = d.config().in(), o = d.config().out(), K = d.config().kernelSize();
            double taps = meanTaps(d.kernelTapMajor(), K, in, o);
            double cells = (double) T[i] * b.size() * in;
            out.add(new LayerWork("layer" + i, in, o, K, nnz[i] / cells, nnz[i], taps, nnz[i] * o * taps, cells * o * K));
        }
        return out;
    }

    /**
     * An untrained network's BatchNorm running statistics (mean 0, variance 1) would give eval
     * activity unlike a trained one's: set them to those of training-mode passes over the batches
     * (momentum 1 in effect) of the rounded network, as a trained network's are close to its
     * batches' statistics.
     */
    private static void calibrateBatchNorm(SnnModel model, List<Batch> batches, SplittableRandom rng) {
        for (Batch b : batches) {
            List<float[]> before = new ArrayList<>();
            for (SnnModel.Block bl : model.blocks()) {
                if (bl.bn() == null) continue;
                before.add(bl.bn().runningMean().clone());
                before.add(bl.bn().runningVar().clone());
            }
            model.setRandom(rng);
            model.forward(b.x(), true);
            int k = 0;
            for (SnnModel.Block bl : model.blocks()) {
                if (bl.bn() == null) continue;
                float[] m0 = before.get(k++), v0 = before.get(k++), m = bl.bn().runningMean().clone(), v = bl.bn().runningVar().clone();
                double mom = BatchNorm1d.DEFAULT_MOMENTUM;
                for (int c = 0; c < m.length; c++) {
                    m[c] = (float) ((m[c] - (1 - mom) * m0[c]) / mom);
                    v[c] = (float) Math.max(0, (v[c] - (1 - mom) * v0[c]) / mom);
                }
                bl.bn().setRunningStats(m, v, bl.bn().batchesTracked());
            }
        }
    }

    private static long countNonZero(float[] d) {
        long n = 0;
        for (float v : d) if (v != 0) n++;
        return n;
    }

    /** Mean number of taps per synapse above 2^-24 of that synapse's largest |tap| (kernel [K][in][out]). */
    static double meanTaps(float[] kt, int K, int in, int out) {
        long kept = 0;
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                float max = 0;
                for (int n = 0; n < K; n++) max = Math.max(max, Math.abs(kt[(n * in + i) * out + o]));
                if (max == 0) continue;
                float tol = max * 0x1p-24f;
                for (int n = 0; n < K; n++) if (Math.abs(kt[(n * in + i) * out + o]) > tol) kept++;
            }
        }
        return (double) kept / ((double) in * out);
    }

    private static List<Batch> input(Config c, ModelConfig mc, int B) {
        List<Batch> out = new ArrayList<>();
        if (c.data() == null) {
            SyntheticFrames.Stats st = SyntheticFrames.SHD.withClasses(mc.outputs());
            if (st.channels() != mc.inputs()) throw new IllegalStateException("preset inputs " + mc.inputs() + " != 140");
            // a few distinct batches so the loop does not re-run identical data
            for (int i = 0; i < Math.min(3, c.warmup() + c.batches()); i++) out.add(SyntheticFrames.batch(st, B, c.seed() + 1 + i));
            return out;
        }
        Dataset ds;
        try {
            ds = SpikeDataset.read(c.data()).binned(mc.timeStepMs() / 1000.0, SpikeDataset.HEIDELBERG_CHANNELS / mc.inputs());
        } catch (IOException e) {
            throw new UserInputException(c.data() + ": cannot read (" + e.getMessage() + "); give an SHD/SSC .h5 or .h5.gz file", e);
        }
        DataSources.check(ds, mc);
        if (ds.size() < B) throw new UserInputException(c.data() + ": holds " + ds.size() + " samples, fewer than a batch of " + B + "; use --batch");
        int n = Math.min(c.warmup() + c.batches(), ds.size() / B);
        for (int i = 0; i < n; i++) {
            int[] idx = new int[B];
            for (int b = 0; b < B; b++) idx[b] = i * B + b;
            out.add(Batch.of(ds, idx));
        }
        return out;
    }

    private static double density(Batch b) {
        float[] d = b.x().data();
        long nz = 0;
        for (float v : d) if (v != 0) nz++;
        return d.length == 0 ? 0 : (double) nz / d.length;
    }
}
