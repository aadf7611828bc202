package org.delays4j.core;

import java.util.Arrays;

/**
 * Binary spikes of a time-major batch [T][B][C] as one channel list per row r = t·B + b: row r's
 * spiking channels, ascending, are {@code cols[r·C] .. cols[r·C + count[r] - 1]}. A spiking layer
 * writes it directly in evaluation, so the next delay layer visits only the spikes without a dense
 * 0/1 array being written and scanned in between.
 *
 * <p>Each row has room for all C channels (no counting pass is needed before writing); the
 * buffers are reused by the next {@link #reset} of the same shape.
 */
public final class SpikeEvents {
    private int T, B, C;
    private int[] count = new int[0], cols = new int[0];

    /** Empty lists of the given shape (buffers reused when large enough; counts set to 0). */
    public SpikeEvents reset(int T, int B, int C) {
        if (T < 0 || B < 0 || C < 0) throw new IllegalArgumentException("negative shape " + T + "x" + B + "x" + C);
        this.T = T;
        this.B = B;
        this.C = C;
        int rows = T * B;
        if (count.length < rows) count = new int[rows];
        else Arrays.fill(count, 0, rows, 0);
        if (cols.length < rows * C) cols = new int[rows * C];
        return this;
    }

    public int T() { return T; }
    public int B() { return B; }
    public int C() { return C; }

    /** Spikes per row (length at least T·B; a live buffer the producer writes). */
    public int[] count() { return count; }

    /** Channel lists, row r from {@code r·C} (a live buffer the producer writes). */
    public int[] cols() { return cols; }

    /** Total number of spikes. */
    public long nnz() {
        long n = 0;
        for (int r = 0, rows = T * B; r < rows; r++) n += count[r];
        return n;
    }

    /** The lists of a dense 0/1 sequence (any non-zero value counts as a spike). */
    public static SpikeEvents of(Seq s) {
        SpikeEvents e = new SpikeEvents().reset(s.T(), s.B(), s.C());
        float[] d = s.data();
        int C = s.C();
        for (int r = 0; r < s.rows(); r++) {
            int n = 0;
            for (int c = 0; c < C; c++) if (d[r * C + c] != 0f) e.cols[r * C + n++] = c;
            e.count[r] = n;
        }
        return e;
    }

    /** The dense 0/1 sequence [T][B][C] of these spikes (a new array). */
    public Seq toSeq() {
        float[] d = new float[T * B * C];
        for (int r = 0, rows = T * B; r < rows; r++) {
            for (int k = 0; k < count[r]; k++) d[r * C + cols[r * C + k]] = 1f;
        }
        return new Seq(d, T, B, C);
    }
}
