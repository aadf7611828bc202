package org.delays4j.dcls;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    private static final IntVector IOTA = IntVector.zero(IS).addIndex(1);
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

    /** The CSR of x; groups split each row's channels into contiguous segments. */
    static SparseInput of(Seq x, int groups) {
        return of(x, groups, 1.0);
    }

    /**
     * The CSR of x, or null when more than {@code maxDensity} of its values are non-zero (then
     * only the counting pass was paid). Rows are split across threads: a counting pass, then each
     * chunk fills its own slice, so the result does not depend on the thread count.
     */
    static SparseInput of(Seq x, int groups, double maxDensity) {
        float[] d = x.data();
        int rows = x.rows(), C = x.C();
        int chunks = Parallel.chunks(rows);
        int[] count = new int[chunks + 1];
        boolean[] nonBinary = new boolean[chunks];
        boolean simd = Kernels.vectorized();
        Parallel.forRange(rows, (c, r0, r1) -> {
            int n = 0;
            boolean nb = false;
            for (int k = r0 * C, e = r1 * C; k < e; ) {
                if (simd && k + L <= e) {
                    FloatVector v = FloatVector.fromArray(S, d, k);
                    VectorMask<Float> nz = v.compare(VectorOperators.NE, 0f);
                    n += nz.trueCount();
                    nb |= nz.and(v.compare(VectorOperators.NE, 1f)).anyTrue();
                    k += L;
                } else {
                    float v = d[k++];
                    if (v != 0f) {
                        n++;
                        nb |= v != 1f;
                    }
                }
            }
            count[c + 1] = n;
            nonBinary[c] = nb;
        });
        for (int c = 0; c < chunks; c++) count[c + 1] += count[c];
        int nnz = count[chunks];
        if (d.length > 0 && nnz > maxDensity * d.length) return null;
        boolean binary = true;
        for (boolean nb : nonBinary) binary &= !nb;
        int[] ptr = new int[rows * groups + 1], cols = new int[nnz];
        float[] vals = binary ? null : new float[nnz];
        int cg = C / groups;
        Parallel.forRange(rows, (c, r0, r1) -> {
            int k = count[c];
            for (int r = r0; r < r1; r++) {
                int base = r * C;
                for (int g = 0; g < groups; g++) {
                    int j = g * cg, je = j + cg;
                    while (j < je) {
                        if (simd && j + L <= je) {
                            long bits = FloatVector.fromArray(S, d, base + j).compare(VectorOperators.NE, 0f).toLong();
                            while (bits != 0) {
                                int ch = j + Long.numberOfTrailingZeros(bits);
                                cols[k] = ch;
                                if (vals != null) vals[k] = d[base + ch];
                                k++;
                                bits &= bits - 1;
                            }
                            j += L;
                        } else {
                            float v = d[base + j];
                            if (v != 0f) {
                                cols[k] = j;
                                if (vals != null) vals[k] = v;
                                k++;
                            }
                            j++;
                        }
                    }
                    ptr[r * groups + g + 1] = k;
                }
            }
        });
        return new SparseInput(x.T(), x.B(), C, groups, ptr, cols, vals);
    }

    /**
     * Per-chunk buffers of the one-pass build, kept by the caller (one layer) across calls so the
     * steady state allocates only the result. Not thread-safe: one build at a time.
     */
    static final class Scratch {
        private int[][] cols = new int[0][];
        private float[][] vals = new float[0][];
        private boolean[] nonBinary = new boolean[0], over = new boolean[0];

        private void ensure(int chunks) {
            if (cols.length != chunks) {
                cols = new int[chunks][];
                vals = new float[chunks][];
                nonBinary = new boolean[chunks];
                over = new boolean[chunks];
            }
        }
    }

    /**
     * {@link #of(Seq, int, double)} in one pass over x (the input is the large array: the two-pass
     * form reads it twice): each chunk of rows appends its entries to its own buffer in
     * {@code sc}, stopping as soon as it alone holds more than {@code maxDensity} of the values;
     * then the buffers are copied into the result at the chunks' offsets. The same result as the
     * two-pass form. {@code maxDensity ≥ 1} or an empty x: the two-pass form (its buffers would be
     * as large as x).
     */
    static SparseInput of(Seq x, int groups, double maxDensity, Scratch sc) {
        float[] d = x.data();
        if (maxDensity >= 1 || d.length == 0) return of(x, groups, maxDensity);
        int rows = x.rows(), C = x.C(), cg = C / groups;
        int chunks = Parallel.chunks(rows);
        sc.ensure(chunks);
        double limit = maxDensity * d.length;
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.floor(limit));
        int[] ptr = new int[rows * groups + 1], count = new int[chunks + 1];
        boolean simd = Kernels.vectorized();
        Parallel.forRange(rows, (c, r0, r1) -> {
            int[] cols = sc.cols[c];
            float[] vals = sc.vals[c];
            if (cols == null) cols = new int[Math.min(cap, Math.max(1024, (int) (maxDensity * (r1 - r0) * C)))];
            boolean nb = false, over = false;
            int k = 0;
            rowsLoop:
            for (int r = r0; r < r1; r++) {
                int base = r * C;
                if (k > limit) { // this chunk alone is past the limit: no CSR
                    over = true;
                    break rowsLoop;
                }
                // room for a whole row plus one vector (the compressed stores write L lanes), so the inner loop needs no checks
                if (k + C + L > cols.length) {
                    int n = (int) Math.min((long) Integer.MAX_VALUE - 16, Math.max((long) k + C + L, 2L * cols.length));
                    cols = Arrays.copyOf(cols, n);
                    if (vals != null && nb) vals = Arrays.copyOf(vals, n);
                }
                for (int g = 0; g < groups; g++) {
                    int j = g * cg, je = j + cg;
                    while (j < je) {
                        if (simd && j + L <= je) {
                            FloatVector v = FloatVector.fromArray(S, d, base + j);
                            VectorMask<Float> nz = v.compare(VectorOperators.NE, 0f);
                            int cnt = nz.trueCount();
                            if (cnt != 0) {
                                if (!nb && nz.and(v.compare(VectorOperators.NE, 1f)).anyTrue()) {
                                    nb = true;
                                    vals = startValues(vals, cols.length, k);
                                }
                                // the channels of the non-zero lanes, packed to the front (one compress, no per-bit loop)
                                IOTA.add(j).compress(nz.cast(IS)).intoArray(cols, k);
                                if (nb) v.compress(nz).intoArray(vals, k);
                                k += cnt;
                            }
                            j += L;
                        } else {
                            float v = d[base + j];
                            if (v != 0f) {
                                if (!nb && v != 1f) {
                                    nb = true;
                                    vals = startValues(vals, cols.length, k);
                                }
                                cols[k] = j;
                                if (nb) vals[k] = v;
                                k++;
                            }
                            j++;
                        }
                    }
                    ptr[r * groups + g + 1] = k; // chunk-local until the offsets are known
                }
            }
            if (k > limit) over = true;
            sc.cols[c] = cols;
            sc.vals[c] = vals;
            sc.nonBinary[c] = nb;
            sc.over[c] = over;
            count[c + 1] = k;
        });
        boolean binary = true;
        for (int c = 0; c < chunks; c++) {
            if (sc.over[c]) return null;
            binary &= !sc.nonBinary[c];
            count[c + 1] += count[c];
        }
        if (count[chunks] > limit) return null;
        int nnz = count[chunks];
        int[] cols = new int[nnz];
        float[] vals = binary ? null : new float[nnz];
        Parallel.forRange(rows, (c, r0, r1) -> {
            int off = count[c], n = count[c + 1] - off;
            System.arraycopy(sc.cols[c], 0, cols, off, n);
            if (vals != null) {
                if (sc.nonBinary[c]) System.arraycopy(sc.vals[c], 0, vals, off, n);
                else Arrays.fill(vals, off, off + n, 1f);
            }
            if (off != 0) for (int e = r0 * groups + 1; e <= r1 * groups; e++) ptr[e] += off;
        });
        return new SparseInput(x.T(), x.B(), C, groups, ptr, cols, vals);
    }

    /** The value buffer once a chunk meets its first non-binary value: the k entries before it were 1. */
    private static float[] startValues(float[] vals, int length, int k) {
        if (vals == null || vals.length < length) vals = new float[length];
        Arrays.fill(vals, 0, k, 1f);
        return vals;
    }

    /** The number of non-zero values of x (the counting pass of {@link #of} alone, parallel over rows). */
    static long nnz(Seq x) {
        float[] d = x.data();
        int rows = x.rows(), C = x.C();
        long[] count = new long[Parallel.chunks(rows)];
        boolean simd = Kernels.vectorized();
        Parallel.forRange(rows, (c, r0, r1) -> {
            long n = 0;
            int k = r0 * C, e = r1 * C;
            if (simd) for (; k + L <= e; k += L) n += FloatVector.fromArray(S, d, k).compare(VectorOperators.NE, 0f).trueCount();
            for (; k < e; k++) if (d[k] != 0f) n++;
            count[c] = n;
        });
        long n = 0;
        for (long c : count) n += c;
        return n;
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
