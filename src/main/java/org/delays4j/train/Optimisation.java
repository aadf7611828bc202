package org.delays4j.train;

import java.util.List;
import org.delays4j.io.SafeTensors;
import org.delays4j.io.StateTensor;

/**
 * The optimisers and schedules of a run, driven by the {@link Trainer}: rates are a function of
 * the epoch (so a resumed run sets them with {@link #beginEpoch}), moments are checkpoint state.
 */
public interface Optimisation {
    /** Sets learning rates (and Adam β1 under one-cycle) to their values for {@code epoch}. */
    void beginEpoch(int epoch);

    /** One update of every trainable parameter from its gradient, then the parameter constraints (position clamping). */
    void step();

    /** End-of-epoch changes to the model itself (the σ decay). */
    void endEpoch(int epoch);

    /** Learning rate of the weights in force. */
    double lrWeights();

    /** Learning rate of the delay positions in force (0 when they are not learned). */
    double lrPositions();

    /** The current SIG of the delay kernels (NaN when the model has none). */
    double sigma();

    /** Optimiser moments and step counts (names starting with {@code optim.}), for writing a checkpoint. */
    List<StateTensor> state();

    /** Restores what {@link #state()} wrote, from a checkpoint. */
    void load(SafeTensors.Contents checkpoint);
}
