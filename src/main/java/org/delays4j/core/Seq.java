package org.delays4j.core;

/**
 * A time-major batch of sequences: element (t, b, c) is {@code data[(t * B + b) * C + c]}.
 *
 * <p>Time-major is the reference's layout (T, B, C) and the one the delay layer wants: a shift
 * by n time steps is an offset of {@code n·B·C} for every sample at once, so a convolution tap
 * is one matrix product over all T·B rows. Samples shorter than T are zero-padded.
 */
public record Seq(float[] data, int T, int B, int C) {
    public Seq {
        if (T < 0 || B < 0 || C < 0) throw new IllegalArgumentException("negative shape " + T + "x" + B + "x" + C);
        if ((long) T * B * C != data.length) {
            throw new IllegalArgumentException("Seq " + T + "x" + B + "x" + C + " needs " + ((long) T * B * C) + " values, array has " + data.length);
        }
    }

    /** A zero-filled sequence. */
    public static Seq zeros(int T, int B, int C) {
        return new Seq(new float[Math.multiplyExact(Math.multiplyExact(T, B), C)], T, B, C);
    }

    /** Flat index of (t, b, c). */
    public int index(int t, int b, int c) {
        return (t * B + b) * C + c;
    }

    public float get(int t, int b, int c) {
        return data[index(t, b, c)];
    }

    /** Number of rows (T·B); each row holds C channels. */
    public int rows() {
        return T * B;
    }

    /** The same data as a {@link FloatTensor} view of shape [T, B, C]. */
    public FloatTensor tensor() {
        return FloatTensor.of(data, T, B, C);
    }
}
