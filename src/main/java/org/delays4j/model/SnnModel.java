package org.delays4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.Dcls1dConfig;
import org.delays4j.dcls.DclsVersion;
import org.delays4j.io.StateTensor;
import org.delays4j.layer.BatchNorm1d;
import org.delays4j.layer.CrossEntropy;
import org.delays4j.layer.Dropout;
import org.delays4j.layer.Readout;
import org.delays4j.neuron.AtanSurrogate;
import org.delays4j.neuron.Lif;
import org.delays4j.neuron.LifConfig;
import org.delays4j.neuron.Plif;
import org.delays4j.neuron.SpikingNeuron;
import org.delays4j.util.UserInputException;

/**
 * The SNN-delays network of a {@link ModelConfig} (SPEC §2): {@code hidden_layers} blocks
 * DCLS-1D → BatchNorm1d → LIF → Dropout, then an output block DCLS-1D → LIF (threshold 1e9, its
 * membrane trace read out; threshold 2 and spikes for the spike-count readout), the readout over
 * time and the cross-entropy loss. Explicit forward, loss and backward.
 *
 * <p>Model kinds: {@code delays} learns the positions P; {@code fixed-delays} draws P as
 * {@code delays} does, rounds it to integer delays (what evaluation uses) and freezes it, with SIG
 * at the σ decay's floor 0.23 from the start; {@code no-delays} builds one-tap kernels (K = 1,
 * positions frozen at 0): a dense SNN of the same widths.
 *
 * <p>Layer {@code i} (hidden blocks 0..L-1, output block L) names its parameters
 * {@code layers.i.dcls.weight|P|SIG|bias}, {@code layers.i.bn.weight|bias}, {@code layers.i.lif.w}.
 */
public final class SnnModel {
    /** One hidden block; {@code bn} is null without batch normalisation. */
    public record Block(Dcls1d dcls, BatchNorm1d bn, SpikingNeuron neuron, Dropout dropout) {}

    /**
     * A forward pass with its loss: the mean loss over the batch, the logits [B][classes]
     * (row-major) and how many argmax predictions equal the labels.
     */
    public record Output(double loss, float[] logits, int correct, int batch) {}

    /** A named intermediate result of a forward pass, for tests and reports. */
    @FunctionalInterface
    public interface Tap {
        void accept(String name, Seq value);
    }

    private final ModelConfig config;
    private final List<Block> blocks;
    private final Dcls1d outDcls;
    private final SpikingNeuron outNeuron;
    private final Readout readout;
    private final List<Dcls1d> delayLayers;
    private final List<Param> params;
    private final long trainableAtBuild;

    private Seq readoutInput;
    private float[] gradLogits;
    private boolean trainForwardDone;
    private boolean roundedTraining;
    private Tap tap;
    private StageTimes times;
    private boolean evalCaches;
    private EvalBuffers evalBuffers;

    /**
     * Builds the network and initialises it from {@code seed}: each delay layer draws W and P from
     * its own stream (seed, layer), so adding a layer does not change the others' values.
     */
    public SnnModel(ModelConfig config, long seed) {
        this.config = config.validate();
        int K = config.kernelSize();
        DclsVersion version = config.dclsVersion();
        double tau = config.tauSteps();
        AtanSurrogate surrogate = new AtanSurrogate(config.surrogateAlpha());
        List<Block> bs = new ArrayList<>();
        List<Dcls1d> dl = new ArrayList<>();
        int in = config.inputs(), L = config.hiddenLayers();
        Dcls1d lastDcls = null;
        SpikingNeuron lastNeuron = null;
        for (int i = 0; i <= L; i++) {
            boolean output = i == L;
            int out = output ? config.outputs() : config.hiddenNeurons();
            Dcls1dConfig dc = Dcls1dConfig.builder(in, out, K).version(version).bias(config.bias())
                    .learnPositions(config.learnsDelays()).learnSigma(false).sigmaInit(config.effectiveSigInit()).build();
            Dcls1d d = new Dcls1d("layers." + i + ".dcls", dc);
            d.init(new SplittableRandom(initSeed(seed, i)));
            if (config.kind() == ModelConfig.Kind.FIXED_DELAYS) roundPositions(d);
            if (config.kind() == ModelConfig.Kind.NO_DELAYS) Arrays.fill(d.positions().value(), 0f); // +0, not the clamp's -0
            dl.add(d);
            String lif = "layers." + i + ".lif";
            if (output) {
                boolean membrane = config.readout().readsMembrane();
                lastNeuron = neuron(new LifConfig(tau, config.outputThreshold(), surrogate, membrane), lif);
                lastDcls = d;
            } else {
                BatchNorm1d bn = config.batchNorm() ? new BatchNorm1d("layers." + i + ".bn", out) : null;
                SpikingNeuron n = neuron(new LifConfig(tau, config.threshold(), surrogate, false), lif);
                bs.add(new Block(d, bn, n, new Dropout(config.dropout())));
            }
            in = out;
        }
        this.blocks = List.copyOf(bs);
        this.delayLayers = List.copyOf(dl);
        this.outDcls = lastDcls;
        this.outNeuron = lastNeuron;
        this.readout = config.readout();
        List<Param> ps = new ArrayList<>();
        for (Block b : blocks) {
            ps.addAll(b.dcls().params());
            if (b.bn() != null) ps.addAll(b.bn().params());
            ps.addAll(b.neuron().params());
        }
        ps.addAll(outDcls.params());
        ps.addAll(outNeuron.params());
        this.params = List.copyOf(ps);
        this.trainableAtBuild = params.stream().filter(Param::trainable).mapToLong(Param::size).sum();
    }

    private static long initSeed(long seed, int layer) {
        long z = seed * 0x9E3779B97F4A7C15L + (layer + 1) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 29);
    }

    private static void roundPositions(Dcls1d d) {
        float[] p = d.positions().value();
        for (int k = 0; k < p.length; k++) p[k] = (float) Math.rint(p[k]);
        d.clampPositions();
    }

    private SpikingNeuron neuron(LifConfig c, String name) {
        return config.neuron() == ModelConfig.Neuron.PLIF ? new Plif(name, c) : new Lif(c);
    }

    public ModelConfig config() {
        return config;
    }

    /** The hidden blocks, in order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The output block's delay layer. */
    public Dcls1d outputDcls() {
        return outDcls;
    }

    /** The output block's neurons. */
    public SpikingNeuron outputNeuron() {
        return outNeuron;
    }

    /** Every delay layer, hidden blocks first, the output block last. */
    public List<Dcls1d> delayLayers() {
        return delayLayers;
    }

    /** Every parameter (trainable or frozen), layer by layer. */
    public List<Param> params() {
        return params;
    }

    /** The parameters of one kind that are trained. */
    public List<Param> trainable(Param.Kind kind) {
        return params.stream().filter(p -> p.kind() == kind && p.trainable()).toList();
    }

    /**
     * Trainable scalars as the paper counts them: weights and (learned) positions of every delay
     * layer, BatchNorm γ and β, biases and PLIF parameters; frozen SIG and fixed positions excluded.
     * Counted as built (the fine-tuning phase freezing the positions does not change it).
     */
    public long trainableParameters() {
        return trainableAtBuild;
    }

    /** Receives every intermediate result of the following forward passes (null: none). */
    public void setTap(Tap tap) {
        this.tap = tap;
    }

    /**
     * Whether eval-mode forward passes keep the LIF caches (default false: an eval pass keeps only
     * the spikes, so {@link SpikingNeuron#spikes()} is unavailable after it). For inspection.
     */
    public void setEvalCaches(boolean keep) {
        this.evalCaches = keep;
    }

    /** Adds the time of every stage of the following passes to {@code times} (null: no timing). */
    public void setStageTimes(StageTimes times) {
        this.times = times;
    }

    private void lap(String stage) {
        if (times != null) times.lap(stage);
    }

    /** Gives the dropout layers the generator of this batch's masks (drawn layer by layer). */
    public void setRandom(RandomGenerator rng) {
        for (Block b : blocks) b.dropout().setRandom(rng);
    }

    /**
     * Runs the network on {@code x} [T][B][inputs] and returns the output sequence
     * [T + L'·(K-1)/2][B][outputs] (membrane trace, or spikes for the spike-count readout).
     * In train mode BatchNorm uses and updates batch statistics and dropout draws masks.
     */
    public Seq forward(Seq x, boolean train) {
        if (x.C() != config.inputs()) {
            throw new UserInputException("model input: the data has " + x.C() + " channels per frame, model.inputs is "
                    + config.inputs() + "; set model.inputs to " + x.C());
        }
        if (times != null) times.start();
        if (!train && evalBuffers != null && tap == null && !evalCaches && blocksNormalised()) return forwardEvents(x);
        Seq h = x;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            h = b.dcls().forward(h, train);
            lap("layer" + i + " dcls fwd");
            emit("layer" + i + ".conv_out", h);
            if (b.bn() != null && tap == null) {
                // fused: the LIF normalises as it reads, no BatchNorm output buffer; eval keeps no LIF caches
                BatchNorm1d.Affine norm = b.bn().forwardAffine(h, train);
                lap("layer" + i + " bn fwd");
                h = b.neuron().forwardNormalised(h, norm, train, !evalCaches);
            } else {
                if (b.bn() != null) {
                    h = b.bn().forward(h, train);
                    lap("layer" + i + " bn fwd");
                    emit("layer" + i + ".bn_out", h);
                }
                h = b.neuron().forward(h, train);
            }
            lap("layer" + i + " lif fwd");
            emit("layer" + i + ".spikes", h);
            if (tap != null) emit("layer" + i + ".v_seq", b.neuron().vSeq());
            h = b.dropout().forward(h, train);
            lap("layer" + i + " dropout fwd");
            emit("layer" + i + ".dropout_out", h);
        }
        h = outDcls.forward(h, train);
        lap("layer" + blocks.size() + " dcls fwd");
        emit("layer" + blocks.size() + ".conv_out", h);
        Seq o = outNeuron.forward(h, train);
        lap("layer" + blocks.size() + " lif fwd");
        emit("output", o);
        readoutInput = o;
        trainForwardDone = false;
        return o;
    }

    private boolean blocksNormalised() {
        for (Block b : blocks) if (b.bn() == null) return false;
        return true;
    }

    /**
     * The rounded evaluation's forward (inside {@link #roundedEval()}, no tap, no caches): each LIF
     * emits its spikes as per-row channel lists that the next delay layer's integer-delay scatter
     * reads directly, and every delay layer writes a reused output buffer. Same values as
     * {@link #forward}'s layer-by-layer eval path (the delay layers fall back to it when their
     * integer path does not apply). Dropout is the identity in eval.
     */
    private Seq forwardEvents(Seq x) {
        Seq h = blocks.isEmpty() ? x : null;
        SpikeEvents spikes = null;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            float[] buf = evalBuffers.output(i, b.dcls().outputSize(i == 0 ? x.T() : spikes.T(), x.B()));
            Seq y = i == 0 ? b.dcls().forwardEval(x, buf) : b.dcls().forwardEval(spikes, buf);
            lap("layer" + i + " dcls fwd");
            BatchNorm1d.Affine norm = b.bn().forwardAffine(y, false);
            lap("layer" + i + " bn fwd");
            spikes = b.neuron().forwardEvents(y, norm, evalBuffers.spikes(i));
            lap("layer" + i + " lif fwd");
        }
        int L = blocks.size();
        float[] buf = evalBuffers.output(L, outDcls.outputSize(h != null ? h.T() : spikes.T(), x.B()));
        h = h != null ? outDcls.forwardEval(h, buf) : outDcls.forwardEval(spikes, buf);
        lap("layer" + L + " dcls fwd");
        Seq o = outNeuron.forward(h, false);
        lap("layer" + L + " lif fwd");
        readoutInput = o;
        trainForwardDone = false;
        return o;
    }

    /** The buffers the rounded evaluation reuses batch after batch; held only inside {@link #roundedEval()}. */
    private static final class EvalBuffers {
        private final float[][] outputs;
        private final SpikeEvents[] spikes;

        EvalBuffers(int layers) {
            outputs = new float[layers][];
            spikes = new SpikeEvents[layers];
        }

        float[] output(int layer, int size) {
            if (outputs[layer] == null || outputs[layer].length != size) outputs[layer] = new float[size];
            return outputs[layer];
        }

        SpikeEvents spikes(int layer) {
            if (spikes[layer] == null) spikes[layer] = new SpikeEvents();
            return spikes[layer];
        }
    }

    private void emit(String name, Seq s) {
        if (tap != null) tap.accept(name, s);
    }

    /** Forward pass, readout and loss against {@code labels}; in train mode ready for {@link #backward()}. */
    public Output forwardLoss(Seq x, int[] labels, boolean train) {
        Seq o = forward(x, train);
        int B = x.B(), K = config.outputs();
        float[] logits = readout.forward(o);
        float[] targets = CrossEntropy.oneHot(checkLabels(labels, B, K), K);
        float[] grad = train ? new float[B * K] : null;
        double loss = CrossEntropy.lossAndGrad(logits, targets, B, K, grad);
        lap("readout+loss");
        gradLogits = grad;
        trainForwardDone = train;
        return new Output(loss, logits, CrossEntropy.correct(logits, labels, K), B);
    }

    private static int[] checkLabels(int[] labels, int B, int K) {
        if (labels.length != B) throw new IllegalArgumentException(labels.length + " labels for a batch of " + B);
        for (int y : labels) {
            if (y < 0 || y >= K) throw new UserInputException("label " + y + " is outside 0.." + (K - 1) + "; set model.outputs to the number of classes");
        }
        return labels;
    }

    /** Back-propagates the last train-mode {@link #forwardLoss}, accumulating every trainable gradient. */
    public void backward() {
        if (!trainForwardDone) throw new IllegalStateException("backward needs a train-mode forwardLoss first");
        trainForwardDone = false;
        if (times != null) times.start();
        int L = blocks.size();
        Seq g = readout.backward(readoutInput, gradLogits);
        lap("readout bwd");
        g = outNeuron.backward(g, true);
        lap("layer" + L + " lif bwd");
        // the dropout before each delay layer discards part of its input gradient: let it skip those
        g = outDcls.backward(g, !blocks.isEmpty(), blocks.isEmpty() ? null : blocks.get(L - 1).dropout().mask());
        lap("layer" + L + " dcls bwd");
        for (int i = L - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            // g is the fresh input gradient of the next delay layer: dropout, LIF and BatchNorm
            // work in place on it, so the backward chain needs no buffers of its own
            g = b.dropout().backwardInPlace(g);
            lap("layer" + i + " dropout bwd");
            g = b.neuron().backwardInPlace(g);
            lap("layer" + i + " lif bwd");
            if (b.bn() != null) {
                g = b.bn().backwardInPlace(g);
                lap("layer" + i + " bn bwd");
            }
            g = b.dcls().backward(g, i > 0, i > 0 ? blocks.get(i - 1).dropout().mask() : null);
            lap("layer" + i + " dcls bwd");
        }
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        for (Param p : params) p.zeroGrad();
    }

    /** Clamps every position to [-K//2, K//2] (after each optimiser step). */
    public void clampPositions() {
        for (Dcls1d d : delayLayers) d.clampPositions();
    }

    /** The SIG arrays of every delay layer, in layer order (for the σ decay). */
    public List<float[]> sigmas() {
        return delayLayers.stream().map(d -> d.sigma().value()).toList();
    }

    /** The current SIG (the first synapse of the output layer, as the reference reports it). */
    public double sigma() {
        float[] s = outDcls.sigma().value();
        return s.length == 0 ? Double.NaN : s[0];
    }

    /**
     * Enters the reference's rounded evaluation: positions rounded to integers, SIG = 0, the
     * {@code max} kernel (each synapse one weight at one integer delay). Closing the handle puts
     * the training state back exactly. Use eval-mode forward passes in between.
     */
    public RoundedEval roundedEval() {
        List<Dcls1d.EvalState> saved = new ArrayList<>();
        for (Dcls1d d : delayLayers) saved.add(d.enterRoundedEval());
        evalBuffers = new EvalBuffers(delayLayers.size());
        return new RoundedEval(saved);
    }

    /**
     * Switches training to the rounded network for good (the reference's fine-tuning): positions
     * rounded and frozen, SIG = 0, kernels of one tap ({@code max}). Training then optimises
     * exactly the network that evaluation runs; {@link #roundedEval()} becomes a no-op.
     */
    public void enterRoundedTraining() {
        roundedTraining = true;
        for (Dcls1d d : delayLayers) {
            d.enterRoundedEval();
            d.positions().setTrainable(false);
            d.positions().zeroGrad();
        }
    }

    /** Whether {@link #enterRoundedTraining()} was called. */
    public boolean roundedTraining() {
        return roundedTraining;
    }

    /** The handle of {@link #roundedEval()}. */
    public final class RoundedEval implements AutoCloseable {
        private List<Dcls1d.EvalState> saved;

        private RoundedEval(List<Dcls1d.EvalState> saved) {
            this.saved = saved;
        }

        @Override
        public void close() {
            if (saved == null) return;
            for (int i = 0; i < delayLayers.size(); i++) delayLayers.get(i).restore(saved.get(i));
            saved = null;
            evalBuffers = null; // no eval buffers live during training
        }
    }

    /**
     * The state a checkpoint holds, live, under the names of docs/checkpoints.md: every parameter
     * (P and SIG with the reference's leading 1: [1, out, in, m]) and the BatchNorm running statistics.
     */
    public List<StateTensor> state() {
        List<StateTensor> out = new ArrayList<>();
        for (int i = 0; i < delayLayers.size(); i++) {
            Dcls1d d = delayLayers.get(i);
            out.add(of(d.weight(), d.weight().shape()));
            out.add(of(d.positions(), leadingOne(d.positions().shape())));
            out.add(of(d.sigma(), leadingOne(d.sigma().shape())));
            if (d.bias() != null) out.add(of(d.bias(), d.bias().shape()));
            if (i < blocks.size() && blocks.get(i).bn() != null) {
                BatchNorm1d bn = blocks.get(i).bn();
                out.add(of(bn.gamma(), bn.gamma().shape()));
                out.add(of(bn.beta(), bn.beta().shape()));
                out.add(new StateTensor("layers." + i + ".bn.running_mean", new int[] {bn.channels()}, bn.runningMean()));
                out.add(new StateTensor("layers." + i + ".bn.running_var", new int[] {bn.channels()}, bn.runningVar()));
            }
            SpikingNeuron n = i < blocks.size() ? blocks.get(i).neuron() : outNeuron;
            for (Param p : n.params()) out.add(of(p, p.shape()));
        }
        return out;
    }

    private static StateTensor of(Param p, int[] shape) {
        return new StateTensor(p.name(), shape, p.value());
    }

    private static int[] leadingOne(int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** The names and live values of {@link #state()}, by name. */
    public Map<String, StateTensor> stateByName() {
        Map<String, StateTensor> m = new LinkedHashMap<>();
        for (StateTensor t : state()) m.put(t.name(), t);
        return m;
    }
}
