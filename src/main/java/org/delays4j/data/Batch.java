package org.delays4j.data;

import org.delays4j.core.Seq;

/**
 * A zero-padded, time-major batch: {@code x} is [T][B][C] with T the longest sample's length,
 * {@code labels[b]} the class, {@code lengths[b]} the unpadded length, {@code indices[b]} the
 * sample index in its dataset.
 */
public record Batch(Seq x, int[] labels, int[] lengths, int[] indices) {
    /** Builds the batch of samples {@code indices} of {@code ds}, padded to the longest. */
    public static Batch of(Dataset ds, int[] indices) {
        int B = indices.length, C = ds.channels(), T = 0;
        int[] labels = new int[B], lengths = new int[B];
        for (int b = 0; b < B; b++) {
            lengths[b] = ds.length(indices[b]);
            labels[b] = ds.label(indices[b]);
            T = Math.max(T, lengths[b]);
        }
        Seq x = Seq.zeros(T, B, C);
        for (int b = 0; b < B; b++) ds.frames(indices[b], x.data(), b * C, B * C);
        return new Batch(x, labels, lengths, indices.clone());
    }

    public int size() {
        return labels.length;
    }
}
