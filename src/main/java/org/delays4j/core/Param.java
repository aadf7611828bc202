package org.delays4j.core;

import java.util.Arrays;

/**
 * A learnable tensor: its value, its gradient (same shape, accumulated by backward passes), and
 * the kind that decides its optimiser group (weights, positions, normalisation, ...).
 */
public final class Param {
    /** What a parameter is; optimiser groups and schedules are chosen by kind. */
    public enum Kind {
        /** Synaptic weights (Adam with L2 weight decay in the reference). */
        WEIGHT,
        /** Delay positions P of a DCLS layer (own Adam, larger lr, clamped after each step). */
        POSITION,
        /** Widths SIG of a DCLS layer (frozen in SNN-delays; decayed by a schedule). */
        SIGMA,
        /** BatchNorm affine γ and β (no weight decay). */
        NORM,
        /** Neuron parameters such as PLIF's w. */
        NEURON,
        /** Biases. */
        BIAS
    }

    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;
    private final Kind kind;
    private boolean trainable;

    public Param(String name, Kind kind, boolean trainable, int... shape) {
        this.name = name;
        this.kind = kind;
        this.trainable = trainable;
        this.shape = shape.clone();
        int n = 1;
        for (int s : shape) n = Math.multiplyExact(n, s);
        this.value = new float[n];
        this.grad = new float[n];
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return value.length;
    }

    /** The live value array (row-major over {@link #shape()}). */
    public float[] value() {
        return value;
    }

    /** The live gradient array, same layout as {@link #value()}. */
    public float[] grad() {
        return grad;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether optimisers update it and backward passes compute its gradient. */
    public boolean trainable() {
        return trainable;
    }

    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + (trainable ? "" : " (frozen)");
    }
}
