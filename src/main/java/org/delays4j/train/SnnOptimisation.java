package org.delays4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delays4j.core.Param;
import org.delays4j.io.SafeTensors;
import org.delays4j.io.StateTensor;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.SnnModel;
import org.delays4j.model.TrainingConfig;
import org.delays4j.optim.Adam;
import org.delays4j.optim.ConstantLr;
import org.delays4j.optim.CosineAnnealing;
import org.delays4j.optim.LrSchedule;
import org.delays4j.optim.OneCycle;
import org.delays4j.optim.ParamGroup;
import org.delays4j.optim.SigmaSchedule;

/**
 * SPEC §3's optimisation of an {@link SnnModel}, wired as the reference's {@code Model.optimizers()}:
 * one Adam over three groups — synaptic weights (lr_w, weight decay), PLIF parameters (lr_w,
 * weight decay), BatchNorm γ/β and biases (lr_w, no decay) — and a second Adam over the positions
 * (lr_pos, no decay). The first follows {@code scheduler_w} (one-cycle with β1 cycled, cosine or
 * constant), the second {@code scheduler_pos} (cosine to 0 over all epochs, or constant); both
 * are set per epoch. Positions are clamped after every step; SIG decays after each of the first
 * {@code final_epoch} epochs (learned delays only).
 */
public final class SnnOptimisation implements Optimisation {
    private final SnnModel model;
    private final Adam weights, positions;
    private final LrSchedule weightSchedule, positionSchedule;
    private final SigmaSchedule sigmaSchedule;
    private final boolean learnsPositions;

    public SnnOptimisation(SnnModel model, TrainingConfig t) {
        this.model = model;
        double lr = t.lrW(), wd = t.weightDecay();
        List<ParamGroup> w = List.of(
                ParamGroup.of(model.trainable(Param.Kind.WEIGHT), lr, wd),
                ParamGroup.of(model.trainable(Param.Kind.NEURON), lr, wd),
                ParamGroup.of(concat(model.trainable(Param.Kind.NORM), model.trainable(Param.Kind.BIAS)), lr, 0));
        weights = t.optimizer() == TrainingConfig.Optimizer.ADAMW ? Adam.adamW(w) : Adam.adam(w);
        List<Param> pos = model.trainable(Param.Kind.POSITION);
        learnsPositions = !pos.isEmpty();
        List<ParamGroup> p = List.of(ParamGroup.of(pos, t.lrPos(), 0));
        positions = t.optimizer() == TrainingConfig.Optimizer.ADAMW ? Adam.adamW(p) : Adam.adam(p);
        weightSchedule = switch (t.schedulerW()) {
            case ONE_CYCLE -> new OneCycle(weights.groups(), OneCycle.Config.of(t.maxLrW(), t.epochs()));
            case COSINE -> new CosineAnnealing(weights.groups(), t.epochs());
            case CONSTANT -> new ConstantLr(weights.groups());
        };
        positionSchedule = switch (t.schedulerPos()) {
            case COSINE -> new CosineAnnealing(positions.groups(), t.epochs());
            case CONSTANT, ONE_CYCLE -> new ConstantLr(positions.groups());
        };
        ModelConfig m = model.config();
        double sig = m.effectiveSigInit();
        int fe = t.effectiveFinalEpoch();
        sigmaSchedule = m.learnsDelays() && fe >= 1 && sig > SigmaSchedule.FLOOR ? new SigmaSchedule(sig, fe) : null;
    }

    private static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** The optimiser of weights, PLIF and BatchNorm parameters (three groups). */
    public Adam weightOptimiser() {
        return weights;
    }

    /** The optimiser of the positions (one group, empty when delays are not learned). */
    public Adam positionOptimiser() {
        return positions;
    }

    @Override
    public void beginEpoch(int epoch) {
        weightSchedule.restore(epoch);
        positionSchedule.restore(epoch);
    }

    /** The optimiser updates alone, without the position clamp (for tests against the reference's pre-clamp values). */
    public void updateOnly() {
        weights.step();
        positions.step();
    }

    @Override
    public void step() {
        updateOnly();
        model.clampPositions();
    }

    @Override
    public void endEpoch(int epoch) {
        if (sigmaSchedule != null) sigmaSchedule.afterEpoch(epoch, model.sigmas());
    }

    @Override
    public double lrWeights() {
        return weights.groups().getFirst().lr();
    }

    @Override
    public double lrPositions() {
        return learnsPositions ? positions.groups().getFirst().lr() : 0;
    }

    @Override
    public double sigma() {
        return model.sigma();
    }

    @Override
    public List<StateTensor> state() {
        List<StateTensor> out = new ArrayList<>();
        add(out, "optim.weights.", weights.state());
        add(out, "optim.positions.", positions.state());
        return out;
    }

    private static void add(List<StateTensor> out, String prefix, Map<String, float[]> state) {
        state.forEach((k, v) -> out.add(new StateTensor(prefix + k, new int[] {v.length}, v)));
    }

    @Override
    public void load(SafeTensors.Contents c) {
        weights.load(section(c, "optim.weights."));
        positions.load(section(c, "optim.positions."));
    }

    private static Map<String, float[]> section(SafeTensors.Contents c, String prefix) {
        Map<String, float[]> m = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v.data());
        });
        return m;
    }
}
