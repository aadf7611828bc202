package org.delays4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.delays4j.model.ModelConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.SnnModel;
import org.delays4j.model.TrainingConfig;
import org.delays4j.optim.SigmaSchedule;
import org.junit.jupiter.api.Test;

/** The recipe's options beyond the golden step: AdamW, schedules over the epochs, σ decay per kind. */
class SnnOptimisationTest {
    static ModelConfig model(ModelConfig.Kind kind) {
        return Presets.get("delay-task").model().withHiddenNeurons(4).withKind(kind);
    }

    static TrainingConfig training(TrainingConfig.Optimizer o, TrainingConfig.Schedule w, TrainingConfig.Schedule pos) {
        TrainingConfig t = Presets.get("delay-task").training();
        return new TrainingConfig(8, 4, o, t.lrW(), t.lrPos(), t.weightDecay(), w, t.maxLrW(), pos, null, 0, null, 0).validate();
    }

    @Test
    void adamwAndConstantRatesAreWired() {
        SnnModel m = new SnnModel(model(ModelConfig.Kind.DELAYS), 1);
        TrainingConfig t = training(TrainingConfig.Optimizer.ADAMW, TrainingConfig.Schedule.CONSTANT, TrainingConfig.Schedule.CONSTANT);
        SnnOptimisation o = new SnnOptimisation(m, t);
        assertThat(o.weightOptimiser().decoupledWeightDecay()).isTrue();
        assertThat(o.positionOptimiser().decoupledWeightDecay()).isTrue();
        for (int e = 0; e < t.epochs(); e++) {
            o.beginEpoch(e);
            assertThat(o.lrWeights()).isEqualTo(t.lrW());
            assertThat(o.lrPositions()).isEqualTo(t.lrPos());
        }
    }

    @Test
    void oneCycleAndCosineFollowTheEpochsAndSigmaDecaysToItsFloor() {
        SnnModel m = new SnnModel(model(ModelConfig.Kind.DELAYS), 1);
        TrainingConfig t = training(TrainingConfig.Optimizer.ADAM, TrainingConfig.Schedule.ONE_CYCLE, TrainingConfig.Schedule.COSINE);
        SnnOptimisation o = new SnnOptimisation(m, t);
        assertThat(o.weightOptimiser().decoupledWeightDecay()).isFalse();
        o.beginEpoch(0);
        assertThat(o.lrWeights()).isCloseTo(t.maxLrW() / 25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.weightOptimiser().groups().getFirst().beta1()).isEqualTo(0.95);
        assertThat(o.lrPositions()).isEqualTo(t.lrPos());
        double peak = 0;
        for (int e = 0; e < t.epochs(); e++) {
            o.beginEpoch(e);
            peak = Math.max(peak, o.lrWeights());
            o.endEpoch(e);
        }
        assertThat(peak).isBetween(0.9 * t.maxLrW(), t.maxLrW()); // the peak falls between epochs (30 % of 8)
        assertThat(o.lrPositions()).isLessThan(t.lrPos() * 0.05); // cosine towards 0 at the last epoch
        // SIG decayed from K // 2 to 0.23 over final_epoch = epochs / 4 epochs, on every layer.
        for (float[] s : m.sigmas()) for (float v : s) assertThat((double) v).isCloseTo(SigmaSchedule.FLOOR, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void fixedAndNoDelaysLearnNoPositionsAndKeepTheirWidths() {
        for (ModelConfig.Kind k : new ModelConfig.Kind[] {ModelConfig.Kind.FIXED_DELAYS, ModelConfig.Kind.NO_DELAYS}) {
            SnnModel m = new SnnModel(model(k), 1);
            float before = m.sigmas().getFirst()[0];
            SnnOptimisation o = new SnnOptimisation(m, training(TrainingConfig.Optimizer.ADAM, TrainingConfig.Schedule.ONE_CYCLE, TrainingConfig.Schedule.COSINE));
            assertThat(o.positionOptimiser().groups().getFirst().params()).isEmpty();
            for (int e = 0; e < 8; e++) {
                o.beginEpoch(e);
                assertThat(o.lrPositions()).isZero();
                o.endEpoch(e);
            }
            assertThat(m.sigmas().getFirst()[0]).isEqualTo(before);
        }
    }
}
