package org.delays4j.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.delays4j.util.Check;
import org.delays4j.util.Labelled;

/**
 * The optimisation recipe of SPEC §3: Adam (or AdamW) on three parameter groups (weights with L2
 * decay, BatchNorm γ/β without, positions with their own learning rate), schedulers stepped per
 * epoch, the σ decay over the first {@code final_epoch} epochs.
 *
 * @param epochs       training epochs
 * @param batchSize    samples per batch
 * @param optimizer    {@code adam} (L2 decay added to the gradient, torch.optim.Adam) or {@code adamw} (decoupled)
 * @param lrW          learning rate of weights and BatchNorm parameters
 * @param lrPos        learning rate of delay positions
 * @param weightDecay  weight decay of the synaptic weights
 * @param schedulerW   schedule of weights/BN: {@code one-cycle} (to {@code max_lr_w}, β1 cycled), {@code cosine}, {@code constant}
 * @param maxLrW       peak learning rate of the one-cycle schedule
 * @param schedulerPos schedule of positions: {@code cosine} (to 0 over all epochs) or {@code constant}
 * @param finalEpoch   epochs over which SIG decays to 0.23; {@code null} means epochs / 4
 * @param finetuneEpochs epochs of the reference's fine-tuning phase after the {@code epochs}
 *                     (0: none): positions rounded and frozen, SIG = 0, kernels of one tap, so
 *                     the network trained is exactly the one evaluated; weights and BatchNorm
 *                     retrained by a fresh optimiser on {@code scheduler_w} over these epochs
 * @param finetuneMaxLrW peak learning rate of that phase's one-cycle; {@code null} means 1.5 × lr_w (the reference's)
 * @param seed         seed of initialisation, shuffling, dropout and the validation split
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingConfig(
        int epochs,
        int batchSize,
        Optimizer optimizer,
        double lrW,
        double lrPos,
        double weightDecay,
        Schedule schedulerW,
        double maxLrW,
        Schedule schedulerPos,
        Integer finalEpoch,
        int finetuneEpochs,
        Double finetuneMaxLrW,
        long seed) {

    /** Adam with L2 decay in the gradient (the reference) or AdamW with decoupled decay. */
    public enum Optimizer implements Labelled {
        ADAM, ADAMW
    }

    /** A learning-rate schedule stepped once per epoch. */
    public enum Schedule implements Labelled {
        ONE_CYCLE, COSINE, CONSTANT
    }

    /** Throws a {@link org.delays4j.util.UserInputException} naming the first invalid field. */
    public TrainingConfig validate() {
        Check.that(epochs >= 1, "training.epochs", "must be >= 1, got " + epochs);
        Check.that(batchSize >= 1, "training.batch_size", "must be >= 1, got " + batchSize);
        Check.that(optimizer != null, "training.optimizer", "missing; use one of " + Labelled.labels(Optimizer.class));
        positive(lrW, "training.lr_w");
        Check.finite(lrPos, "training.lr_pos");
        Check.that(lrPos >= 0, "training.lr_pos", "must be >= 0, got " + lrPos);
        Check.finite(weightDecay, "training.weight_decay");
        Check.that(weightDecay >= 0, "training.weight_decay", "must be >= 0, got " + weightDecay);
        Check.that(schedulerW != null, "training.scheduler_w", "missing; use one of " + Labelled.labels(Schedule.class));
        if (schedulerW == Schedule.ONE_CYCLE) positive(maxLrW, "training.max_lr_w");
        Check.that(schedulerPos != null && schedulerPos != Schedule.ONE_CYCLE, "training.scheduler_pos",
                "must be cosine or constant, got " + (schedulerPos == null ? "nothing" : schedulerPos.label()));
        if (finalEpoch != null) {
            Check.that(finalEpoch >= 0 && finalEpoch <= epochs, "training.final_epoch", "must be in [0, epochs=" + epochs + "], got " + finalEpoch);
        }
        Check.that(finetuneEpochs >= 0, "training.finetune_epochs", "must be >= 0, got " + finetuneEpochs);
        if (finetuneMaxLrW != null) positive(finetuneMaxLrW, "training.finetune_max_lr_w");
        return this;
    }

    private static void positive(double v, String field) {
        Check.finite(v, field);
        Check.that(v > 0, field, "must be > 0, got " + v);
    }

    /** Epochs of σ decay: {@link #finalEpoch()} if set, else epochs / 4 as in SPEC §3. */
    @JsonIgnore
    public int effectiveFinalEpoch() {
        return finalEpoch != null ? finalEpoch : epochs / 4;
    }

    /** Peak learning rate of the fine-tuning one-cycle: {@link #finetuneMaxLrW()} if set, else 1.5 × lr_w. */
    @JsonIgnore
    public double effectiveFinetuneMaxLrW() {
        return finetuneMaxLrW != null ? finetuneMaxLrW : 1.5 * lrW;
    }

    /** Epochs of the whole run: the main phase and the fine-tuning phase. */
    @JsonIgnore
    public int totalEpochs() {
        return epochs + finetuneEpochs;
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, optimizer, lrW, lrPos, weightDecay, schedulerW, maxLrW, schedulerPos, finalEpoch, finetuneEpochs, finetuneMaxLrW, seed);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, optimizer, lrW, lrPos, weightDecay, schedulerW, maxLrW, schedulerPos, finalEpoch, finetuneEpochs, finetuneMaxLrW, seed);
    }

    public TrainingConfig withFinetuneEpochs(int f) {
        return new TrainingConfig(epochs, batchSize, optimizer, lrW, lrPos, weightDecay, schedulerW, maxLrW, schedulerPos, finalEpoch, f, finetuneMaxLrW, seed);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, optimizer, lrW, lrPos, weightDecay, schedulerW, maxLrW, schedulerPos, finalEpoch, finetuneEpochs, finetuneMaxLrW, s);
    }
}
