package org.delays4j.data;

/**
 * A labelled set of variable-length samples, each a sequence of frames of {@link #channels()}
 * values (binned spike counts or real features): what a network consumes.
 */
public interface Dataset {
    /** Number of samples. */
    int size();

    /** Values per frame (input channels of the network). */
    int channels();

    /** Number of classes; labels are 0..classes-1. */
    int classes();

    int label(int i);

    /** Number of frames of sample i (≥ 0). */
    int length(int i);

    /** Speaker of sample i, or {@code null} when unknown (used for speaker-disjoint splits). */
    default String speaker(int i) {
        return null;
    }

    /**
     * Writes sample i's frames into {@code dst}: frame t, channel c goes to
     * {@code dst[offset + t * stride + c]} for t &lt; {@code length(i)}. Other entries are untouched.
     * A time-major batch passes {@code stride = B·C}, {@code offset = b·C}.
     */
    void frames(int i, float[] dst, int offset, int stride);

    /** A short human description (name, source). */
    default String describe() {
        return getClass().getSimpleName() + " (" + size() + " samples, " + channels() + " channels, " + classes() + " classes)";
    }
}
