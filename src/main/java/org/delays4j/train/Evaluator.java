package org.delays4j.train;

import org.delays4j.data.Batch;
import org.delays4j.data.Dataset;

/** Evaluates a model on a whole dataset in evaluation mode, batch by batch in index order. */
public final class Evaluator {
    private Evaluator() {}

    /** Loss and accuracy over {@code ds}; the model's training state is restored afterwards. */
    @SuppressWarnings("try") // the handle only scopes the evaluation mode
    public static BatchStats evaluate(Trainable model, Dataset ds, int batchSize) {
        BatchStats total = BatchStats.EMPTY;
        try (Trainable.EvalMode mode = model.enterEval()) {
            for (int from = 0; from < ds.size(); from += batchSize) {
                int to = Math.min(ds.size(), from + batchSize);
                int[] idx = new int[to - from];
                for (int i = 0; i < idx.length; i++) idx[i] = from + i;
                total = total.plus(model.evalStep(Batch.of(ds, idx)));
            }
        }
        return total;
    }
}
