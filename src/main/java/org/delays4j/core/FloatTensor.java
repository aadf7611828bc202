package org.delays4j.core;

import java.util.Arrays;

/**
 * A strided view of a float array: {@code data[offset + Σ idx[d]·strides[d]]}.
 *
 * <p>Views ({@link #slice}, {@link #select}) share the array; nothing is copied until
 * {@link #toArray()}. The compute kernels take raw arrays with offsets and leading dimensions;
 * this type is for describing and checking shapes at API boundaries.
 */
public record FloatTensor(float[] data, int offset, int[] shape, int[] strides) {

    public FloatTensor {
        java.util.Objects.requireNonNull(data, "data");
        if (shape.length != strides.length) throw new IllegalArgumentException("shape and strides differ in rank");
        for (int s : shape) if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
        shape = shape.clone();
        strides = strides.clone();
        // Every element of a non-empty view must lie inside the array.
        long lo = offset, hi = offset;
        boolean empty = false;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) empty = true;
            long span = (long) (shape[d] - 1) * strides[d];
            if (span < 0) lo += span;
            else hi += span;
        }
        if (!empty && (lo < 0 || hi >= data.length)) {
            throw new IndexOutOfBoundsException("view " + Arrays.toString(shape) + " at offset " + offset + " with strides "
                    + Arrays.toString(strides) + " reaches outside an array of " + data.length);
        }
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The strides in elements (a copy). */
    @Override
    public int[] strides() {
        return strides.clone();
    }

    /** A contiguous row-major tensor over {@code data}, which must hold exactly the shape's size. */
    public static FloatTensor of(float[] data, int... shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, array has " + data.length);
        }
        return new FloatTensor(data, 0, shape, contiguousStrides(shape));
    }

    /** A new zero-filled contiguous tensor. */
    public static FloatTensor zeros(int... shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.min(n * s, Long.MAX_VALUE / Integer.MAX_VALUE); // saturate: only "too large" matters
        }
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        return of(new float[(int) n], shape);
    }

    /** Row-major strides of a shape. */
    public static int[] contiguousStrides(int... shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int d) {
        checkDim(d);
        return shape[d];
    }

    private void checkDim(int d) {
        if (d < 0 || d >= shape.length) throw new IndexOutOfBoundsException("dimension " + d + " of a rank " + shape.length + " tensor");
    }

    /** The number of elements. */
    public int size() {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The flat array index of an element. */
    public int index(int... idx) {
        if (idx.length != shape.length) throw new IllegalArgumentException("rank " + shape.length + " tensor indexed with " + idx.length + " indices");
        int p = offset;
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] < 0 || idx[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + Arrays.toString(shape));
            }
            p += idx[d] * strides[d];
        }
        return p;
    }

    public float get(int... idx) {
        return data[index(idx)];
    }

    public void set(float v, int... idx) {
        data[index(idx)] = v;
    }

    /** The view of indices {@code [from, to)} along dimension {@code d}. */
    public FloatTensor slice(int d, int from, int to) {
        checkDim(d);
        if (from < 0 || to > shape[d] || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of dimension " + d + " with size " + shape[d]);
        }
        int[] sh = shape.clone();
        sh[d] = to - from;
        return new FloatTensor(data, offset + from * strides[d], sh, strides);
    }

    /** The view at index {@code i} of dimension {@code d}, with that dimension removed. */
    public FloatTensor select(int d, int i) {
        checkDim(d);
        if (i < 0 || i >= shape[d]) throw new IndexOutOfBoundsException("index " + i + " of dimension " + d + " with size " + shape[d]);
        int[] sh = new int[shape.length - 1], st = new int[shape.length - 1];
        for (int k = 0, j = 0; k < shape.length; k++) {
            if (k == d) continue;
            sh[j] = shape[k];
            st[j++] = strides[k];
        }
        return new FloatTensor(data, offset + i * strides[d], sh, st);
    }

    /** Whether the view is row-major contiguous (so {@code data[offset .. offset+size)} is it). */
    public boolean isContiguous() {
        return Arrays.equals(strides, contiguousStrides(shape));
    }

    /** A fresh contiguous copy of the view's elements in row-major order. */
    public float[] toArray() {
        float[] out = new float[size()];
        if (isContiguous()) {
            System.arraycopy(data, offset, out, 0, out.length);
            return out;
        }
        int[] idx = new int[shape.length];
        for (int k = 0; k < out.length; k++) {
            int p = offset;
            for (int d = 0; d < idx.length; d++) p += idx[d] * strides[d];
            out[k] = data[p];
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(toArray(), t.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(toArray());
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
