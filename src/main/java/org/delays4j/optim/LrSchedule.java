package org.delays4j.optim;

/**
 * A learning-rate schedule stepped once at the end of every epoch. Construction already sets the
 * epoch-0 values on its parameter groups (as torch's schedulers do).
 */
public interface LrSchedule {
    /** Advances to the next epoch (call after the epoch's optimiser steps). */
    void step();

    /** The learning rate in force now (of the first group, when groups differ). */
    double lr();

    /** How many times {@link #step()} has been called. */
    int epoch();

    /**
     * Puts the schedule and its groups in the state reached after {@code epoch} steps from
     * construction, bit for bit (for resuming from a checkpoint).
     */
    void restore(int epoch);
}
