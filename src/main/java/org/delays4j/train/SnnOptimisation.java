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
 * {@code final_epoch} epochs (learned delays only). Epochs from {@code epochs} on are the optional
 * fine-tuning phase ({@code finetune_epochs}, see {@link #startFinetune()}).
 */
public final class SnnOptimisation implements Optimisation {
    private final SnnModel model;
    private final TrainingConfig config;
    private Adam weights, positions;
    private LrSchedule weightSchedule, positionSchedule;
    private final SigmaSchedule sigmaSchedule;
    private final boolean learnsPositions;
    private boolean finetuning;

    public SnnOptimisation(SnnModel model, TrainingConfig t) {
        this.model = model;
        this.config = t;
        List<Param> pos = model.trainable(Param.Kind.POSITION);
        learnsPositions = !pos.isEmpty();
        weights = adam(weightGroups(t.lrW()));
        positions = adam(List.of(ParamGroup.of(pos, t.lrPos(), 0)));
        weightSchedule = schedule(t.schedulerW(), weights.groups(), t.maxLrW(), t.epochs());
        positionSchedule = schedule(t.schedulerPos(), positions.groups(), 0, t.epochs());
        ModelConfig m = model.config();
        double sig = m.effectiveSigInit();
        int fe = t.effectiveFinalEpoch();
        sigmaSchedule = m.learnsDelays() && fe >= 1 && sig > SigmaSchedule.FLOOR ? new SigmaSchedule(sig, fe) : null;
    }

    /** Weights and PLIF parameters with weight decay, BatchNorm γ/β and biases without: the reference's three groups. */
    private List<ParamGroup> weightGroups(double lr) {
        double wd = config.weightDecay();
        return List.of(
                ParamGroup.of(model.trainable(Param.Kind.WEIGHT), lr, wd),
                ParamGroup.of(model.trainable(Param.Kind.NEURON), lr, wd),
                ParamGroup.of(concat(model.trainable(Param.Kind.NORM), model.trainable(Param.Kind.BIAS)), lr, 0));
    }

    private Adam adam(List<ParamGroup> groups) {
        return config.optimizer() == TrainingConfig.Optimizer.ADAMW ? Adam.adamW(groups) : Adam.adam(groups);
    }

    private static LrSchedule schedule(TrainingConfig.Schedule kind, List<ParamGroup> groups, double maxLr, int epochs) {
        return switch (kind) {
            case ONE_CYCLE -> new OneCycle(groups, OneCycle.Config.of(maxLr, epochs));
            case COSINE -> new CosineAnnealing(groups, epochs);
            case CONSTANT -> new ConstantLr(groups);
        };
    }

    /**
     * The fine-tuning phase (the reference's {@code fine_tune}): the model trains its rounded
     * network, positions frozen; a fresh optimiser for weights and BatchNorm follows the weight
     * schedule over the fine-tuning epochs, peaking at {@code finetune_max_lr_w}.
     */
    private void startFinetune() {
        model.enterRoundedTraining();
        weights = adam(weightGroups(config.lrW()));
        weightSchedule = schedule(config.schedulerW(), weights.groups(), config.effectiveFinetuneMaxLrW(), config.finetuneEpochs());
        positions = adam(List.of(ParamGroup.of(List.of(), config.lrPos(), 0)));
        positionSchedule = new ConstantLr(positions.groups());
        finetuning = true;
    }

    /** Whether the fine-tuning phase has begun. */
    public boolean finetuning() {
        return finetuning;
    }

    private static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** The optimiser of weights, PLIF and BatchNorm parameters (three groups), of the current phase. */
    public Adam weightOptimiser() {
        return weights;
    }

    /** The optimiser of the positions (one group, empty when delays are not learned). */
    public Adam positionOptimiser() {
        return positions;
    }

    @Override
    public void beginEpoch(int epoch) {
        if (epoch >= config.epochs()) {
            if (!finetuning) startFinetune();
            weightSchedule.restore(epoch - config.epochs());
        } else {
            weightSchedule.restore(epoch);
            positionSchedule.restore(epoch);
        }
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
        if (sigmaSchedule != null && !finetuning) sigmaSchedule.afterEpoch(epoch, model.sigmas());
    }

    @Override
    public double lrWeights() {
        return weights.groups().getFirst().lr();
    }

    @Override
    public double lrPositions() {
        return learnsPositions && !finetuning ? positions.groups().getFirst().lr() : 0;
    }

    @Override
    public double sigma() {
        return model.sigma();
    }

    /** Checkpoint prefix of the optimiser state: the fine-tuning optimiser is a fresh one, named apart. */
    private String prefix() {
        return finetuning ? "optim.finetune." : "optim.";
    }

    @Override
    public List<StateTensor> state() {
        List<StateTensor> out = new ArrayList<>();
        add(out, prefix() + "weights.", weights.state());
        add(out, prefix() + "positions.", positions.state());
        return out;
    }

    private static void add(List<StateTensor> out, String prefix, Map<String, float[]> state) {
        state.forEach((k, v) -> out.add(new StateTensor(prefix + k, new int[] {v.length}, v)));
    }

    /**
     * Restores the optimiser of the current phase; call {@link #beginEpoch} for the checkpoint's
     * epoch first. A checkpoint taken at the start of fine-tuning holds the main phase's state
     * only, and the fine-tuning optimiser starts fresh, as in an uninterrupted run.
     */
    @Override
    public void load(SafeTensors.Contents c) {
        Map<String, float[]> w = section(c, prefix() + "weights."), p = section(c, prefix() + "positions.");
        if (finetuning && w.isEmpty() && p.isEmpty()) return;
        weights.load(w);
        positions.load(p);
    }

    private static Map<String, float[]> section(SafeTensors.Contents c, String prefix) {
        Map<String, float[]> m = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v.data());
        });
        return m;
    }
}
