package org.delays4j.dcls;

import org.delays4j.core.Seq;

/**
 * The non-zero values of a time-major input [T][B][in], by row (CSR) and, on demand, by input
 * channel (CSC), so the sparse paths visit only what is there.
 *
 * <p>CSR: row r = t·B + b, group g: entries {@code rowPtr[r·G + g] .. rowPtr[r·G + g + 1]} with
 * global channel {@code cols[k]} and value {@code vals[k]} ({@code vals == null}: every value is
 * 1, e.g. binary spikes). CSC: channel i, sample b: entries {@code colPtr[i·B + b] ..
 * colPtr[i·B + b + 1]} with time step {@code cscTime[k]} (ascending) and value {@code cscVal[k]}.
 */
final class SparseInput {
    private final int T, B, in, groups;
    private final int[] rowPtr, cols;
    private final float[] vals;
    private int[] colPtr, cscTime;
    private float[] cscVal;

    private SparseInput(int T, int B, int in, int groups, int[] rowPtr, int[] cols, float[] vals) {
        this.T = T;
        this.B = B;
        this.in = in;
        this.groups = groups;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.vals = vals;
    }

    /** Fraction of non-zero values (0 for an empty array). */
    static double density(float[] x) {
        long nz = 0;
        for (float v : x) if (v != 0f) nz++;
        return x.length == 0 ? 0 : (double) nz / x.length;
    }

    /** The CSR of x; groups split each row's channels into contiguous segments. */
    static SparseInput of(Seq x, int groups) {
        float[] d = x.data();
        int rows = x.rows(), C = x.C(), cg = C / groups, nnz = 0;
        boolean binary = true;
        for (float v : d) {
            if (v != 0f) {
                nnz++;
                if (v != 1f) binary = false;
            }
        }
        int[] ptr = new int[rows * groups + 1], cols = new int[nnz];
        float[] vals = binary ? null : new float[nnz];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * C;
            for (int g = 0; g < groups; g++) {
                for (int c = g * cg; c < (g + 1) * cg; c++) {
                    float v = d[base + c];
                    if (v != 0f) {
                        cols[k] = c;
                        if (vals != null) vals[k] = v;
                        k++;
                    }
                }
                ptr[r * groups + g + 1] = k;
            }
        }
        return new SparseInput(x.T(), x.B(), C, groups, ptr, cols, vals);
    }

    int T() { return T; }
    int B() { return B; }
    int groups() { return groups; }
    int nnz() { return cols.length; }
    int[] rowPtr() { return rowPtr; }
    int[] cols() { return cols; }
    /** Values, or null when all are 1. */
    float[] vals() { return vals; }

    /** Builds the by-channel view (once). */
    void buildCsc() {
        if (colPtr != null) return;
        int nnz = cols.length;
        int[] cnt = new int[in * B + 1];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                int r = t * B + b;
                for (int k = rowPtr[r * groups]; k < rowPtr[(r + 1) * groups]; k++) cnt[cols[k] * B + b + 1]++;
            }
        }
        for (int j = 0; j < in * B; j++) cnt[j + 1] += cnt[j];
        int[] ptr = cnt.clone(), time = new int[nnz];
        float[] val = vals == null ? null : new float[nnz];
        for (int t = 0; t < T; t++) { // ascending t: each (i, b) list comes out sorted by time
            for (int b = 0; b < B; b++) {
                int r = t * B + b;
                for (int k = rowPtr[r * groups]; k < rowPtr[(r + 1) * groups]; k++) {
                    int j = ptr[cols[k] * B + b]++;
                    time[j] = t;
                    if (val != null) val[j] = vals[k];
                }
            }
        }
        colPtr = cnt;
        cscTime = time;
        cscVal = val;
    }

    int[] colPtr() { return colPtr; }
    int[] cscTime() { return cscTime; }
    float[] cscVal() { return cscVal; }
}
