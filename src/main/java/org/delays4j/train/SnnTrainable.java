package org.delays4j.train;

import java.util.List;
import java.util.random.RandomGenerator;
import org.delays4j.data.Batch;
import org.delays4j.io.StateTensor;
import org.delays4j.model.SnnModel;

/** The {@link Trainable} view of an {@link SnnModel}: evaluation uses the rounded delays. */
public final class SnnTrainable implements Trainable {
    private final SnnModel model;

    public SnnTrainable(SnnModel model) {
        this.model = model;
    }

    public SnnModel model() {
        return model;
    }

    @Override
    public BatchStats trainStep(Batch batch, RandomGenerator rng) {
        model.zeroGrad();
        model.setRandom(rng);
        SnnModel.Output o = model.forwardLoss(batch.x(), batch.labels(), true);
        model.backward();
        return BatchStats.ofMean(o.loss(), o.correct(), o.batch());
    }

    @Override
    public EvalMode enterEval() {
        SnnModel.RoundedEval r = model.roundedEval();
        return r::close;
    }

    @Override
    public BatchStats evalStep(Batch batch) {
        SnnModel.Output o = model.forwardLoss(batch.x(), batch.labels(), false);
        return BatchStats.ofMean(o.loss(), o.correct(), o.batch());
    }

    @Override
    public List<StateTensor> state() {
        return model.state();
    }

    @Override
    public long trainableParameters() {
        return model.trainableParameters();
    }
}
