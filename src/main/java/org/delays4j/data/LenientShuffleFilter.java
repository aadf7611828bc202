package org.delays4j.data;

import io.jhdf.filter.Filter;

/**
 * HDF5's byte-shuffle filter (id 2), tolerant of an empty parameter list.
 *
 * <p>PyTables declares shuffle as an optional filter on variable-length datasets, where HDF5
 * cannot set the element size and so leaves the parameters empty and never applies the filter.
 * jhdf 0.13's own shuffle filter reads parameter 0 regardless and fails on such files; this one
 * treats "no element size" (or size 1) as the identity, which is what HDF5 wrote.
 */
final class LenientShuffleFilter implements Filter {
    @Override
    public int getId() {
        return 2;
    }

    @Override
    public String getName() {
        return "shuffle";
    }

    @Override
    public byte[] decode(byte[] data, int[] params) {
        int size = params.length == 0 ? 1 : params[0];
        if (size <= 1) return data;
        // Shuffled: byte j of every element is stored together, plane after plane; a tail shorter
        // than one element is stored unshuffled at the end.
        int n = data.length / size;
        byte[] out = new byte[data.length];
        for (int j = 0; j < size; j++) {
            int plane = j * n;
            for (int e = 0; e < n; e++) out[e * size + j] = data[plane + e];
        }
        System.arraycopy(data, n * size, out, n * size, data.length - n * size);
        return out;
    }

    @Override
    public byte[] encode(byte[] data, int[] params) {
        int size = params.length == 0 ? 1 : params[0];
        if (size <= 1) return data;
        int n = data.length / size;
        byte[] out = new byte[data.length];
        for (int j = 0; j < size; j++) {
            int plane = j * n;
            for (int e = 0; e < n; e++) out[plane + e] = data[e * size + j];
        }
        System.arraycopy(data, n * size, out, n * size, data.length - n * size);
        return out;
    }
}
