package org.delays4j.io;

import java.util.Arrays;

/**
 * A named, live piece of training state (a parameter value, a BatchNorm running statistic, an
 * optimiser moment): checkpoints write {@code values} and restore into the same array.
 */
public record StateTensor(String name, int[] shape, float[] values) {
    public StateTensor {
        long n = 1;
        for (int s : shape) n *= s;
        if (n != values.length) throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not match " + values.length + " values");
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
