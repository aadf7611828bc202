package org.delays4j.data;

import java.util.Arrays;

/**
 * The samples {@code indices} of {@code base}, in that order, as a dataset of their own (a
 * training or validation split). Nothing is copied but the index array.
 */
public record Subset(Dataset base, int[] indices) implements Dataset {
    public Subset {
        indices = indices.clone();
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException("index " + i + " is outside the dataset's 0.." + (base.size() - 1));
            }
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** Index in {@code base} of this subset's sample i. */
    public int baseIndex(int i) {
        return indices[i];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public int classes() {
        return base.classes();
    }

    @Override
    public int label(int i) {
        return base.label(indices[i]);
    }

    @Override
    public int length(int i) {
        return base.length(indices[i]);
    }

    @Override
    public String speaker(int i) {
        return base.speaker(indices[i]);
    }

    @Override
    public void frames(int i, float[] dst, int offset, int stride) {
        base.frames(indices[i], dst, offset, stride);
    }

    @Override
    public String describe() {
        return indices.length + " of " + base.describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subset s && s.base.equals(base) && Arrays.equals(s.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * base.hashCode() + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "Subset(" + describe() + ")";
    }
}
