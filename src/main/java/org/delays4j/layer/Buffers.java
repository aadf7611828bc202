package org.delays4j.layer;

/** Reuse of a layer's work buffers across calls of the same shape. */
public final class Buffers {
    private Buffers() {}

    /** {@code buf} when it holds exactly {@code size} values, else a new zeroed array of that size. */
    public static float[] reuse(float[] buf, int size) {
        return buf != null && buf.length == size ? buf : new float[size];
    }
}
