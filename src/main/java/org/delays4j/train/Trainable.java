package org.delays4j.train;

import java.util.List;
import java.util.random.RandomGenerator;
import org.delays4j.data.Batch;
import org.delays4j.io.StateTensor;

/**
 * What the {@link Trainer} trains: a network with its loss. The SNN of
 * {@link org.delays4j.model.SnnModel} is one; tests use small stand-ins.
 */
public interface Trainable {
    /**
     * Zeroes the gradients, runs the train-mode forward pass, the loss and the backward pass on
     * {@code batch}; {@code rng} draws this batch's random choices (dropout masks).
     */
    BatchStats trainStep(Batch batch, RandomGenerator rng);

    /**
     * Switches to evaluation (running statistics, rounded delays, no dropout) until the returned
     * handle is closed, which restores the training state exactly.
     */
    EvalMode enterEval();

    /** Evaluation forward pass and loss on {@code batch}; only inside {@link #enterEval()}. */
    BatchStats evalStep(Batch batch);

    /** Everything a checkpoint must hold to restore the network: parameters and buffers, live. */
    List<StateTensor> state();

    /** Number of trainable scalars, counted as the paper does (weights + positions + BatchNorm). */
    long trainableParameters();

    /** The handle of {@link #enterEval()}. */
    interface EvalMode extends AutoCloseable {
        @Override
        void close();
    }
}
