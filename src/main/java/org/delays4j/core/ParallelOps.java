package org.delays4j.core;

/**
 * Multi-threaded matrix products: the {@link Ops} gemms of {@link Kernels#ops()} with the output
 * C split into one contiguous range per {@link Parallel} chunk: ranges of rows (in blocks of
 * {@link VectorOps#MR} rows, so each thread keeps whole register blocks) when C is taller than
 * wide, ranges of columns (in blocks of 32) when it is at least as wide as tall (a square
 * product, a weight gradient with few input channels); see {@code splitColumns}. Products too
 * small to repay the hand-off run on the calling thread.
 *
 * <p>Every element of C is computed by exactly the same operations whichever thread computes it
 * (see {@link VectorOps}), so the result is bit-identical to the single-threaded call, for any
 * thread count. Same argument conventions and accumulate semantics as {@link Ops}.
 */
public final class ParallelOps {
    /** Below this many multiply-adds a product runs on the calling thread (about 0.1 ms of work). */
    static final long MIN_PARALLEL_MACS = 1L << 21;
    /** Column blocks are multiples of this (two AVX-512 vectors), so no thread gets a partial panel it need not. */
    private static final int COL_GRAIN = 32;

    private ParallelOps() {}

    /** Which operand layout a product uses. */
    private enum Kind { NN, TN, NT }

    /** C[m×n] += A·B, in parallel; see {@link Ops#gemmNN}. */
    public static void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(Kernels.ops(), Kind.NN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** As {@link #gemmNN(int, int, int, float[], int, int, float[], int, int, float[], int, int)} with the given kernels. */
    public static void gemmNN(Ops ops, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(ops, Kind.NN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** C[m×n] += Aᵀ·B (A stored k×m), in parallel; see {@link Ops#gemmTN}. */
    public static void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(Kernels.ops(), Kind.TN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** As {@link #gemmTN(int, int, int, float[], int, int, float[], int, int, float[], int, int)} with the given kernels. */
    public static void gemmTN(Ops ops, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(ops, Kind.TN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** C[m×n] += A·Bᵀ (B stored n×k), in parallel; see {@link Ops#gemmNT}. */
    public static void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(Kernels.ops(), Kind.NT, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** As {@link #gemmNT(int, int, int, float[], int, int, float[], int, int, float[], int, int)} with the given kernels. */
    public static void gemmNT(Ops ops, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        run(ops, Kind.NT, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    private static void run(Ops ops, Kind kind, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc) {
        int threads = Parallel.threads();
        int rowBlocks = (m + VectorOps.MR - 1) / VectorOps.MR;
        int colBlocks = (n + COL_GRAIN - 1) / COL_GRAIN;
        if (threads == 1 || (long) m * n * k < MIN_PARALLEL_MACS || Math.max(rowBlocks, colBlocks) < 2) {
            call(ops, kind, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        // Validate up front, so a bad argument fails before any thread has written to C.
        switch (kind) {
            case NN -> OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, k, n, c, cOff, ldc);
            case TN -> OpsChecks.gemm(m, n, k, a, aOff, lda, k, m, b, bOff, ldb, k, n, c, cOff, ldc);
            case NT -> OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, n, k, c, cOff, ldc);
        }
        if (!splitColumns(m, n, rowBlocks, colBlocks, threads)) {
            Parallel.forRange(rowBlocks, (chunk, from, to) -> {
                int r0 = from * VectorOps.MR, r1 = Math.min(m, to * VectorOps.MR);
                int aRow = kind == Kind.TN ? aOff + r0 : aOff + r0 * lda;
                call(ops, kind, r1 - r0, n, k, a, aRow, lda, b, bOff, ldb, c, cOff + r0 * ldc, ldc);
            });
        } else {
            Parallel.forRange(colBlocks, (chunk, from, to) -> {
                int j0 = from * COL_GRAIN, j1 = Math.min(n, to * COL_GRAIN);
                int bCol = kind == Kind.NT ? bOff + j0 * ldb : bOff + j0;
                call(ops, kind, m, j1 - j0, k, a, aOff, lda, b, bCol, ldb, c, cOff + j0, ldc);
            });
        }
    }

    /**
     * Whether to split C by columns rather than rows. Each thread packs the part of B it uses
     * (k × its columns), so a row split repeats the packing of all of B on every thread while a
     * column split repeats the reading of all of A: split the dimension whose duplicate is the
     * smaller operand (B is k×n, A is m×k), as long as it gives every thread work.
     */
    static boolean splitColumns(int m, int n, int rowBlocks, int colBlocks, int threads) {
        if (rowBlocks < 2) return true;
        if (colBlocks < 2) return false;
        if (n >= m) return colBlocks >= Math.min(threads, rowBlocks);
        return rowBlocks < threads && colBlocks > rowBlocks;
    }

    private static void call(Ops ops, Kind kind, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        switch (kind) {
            case NN -> ops.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case TN -> ops.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case NT -> ops.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }
}
