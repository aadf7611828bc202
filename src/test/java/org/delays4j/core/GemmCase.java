package org.delays4j.core;

import java.util.SplittableRandom;

/**
 * Random operands of one matrix product, laid out as {@link Ops} expects for the layout, with
 * offsets and leading dimensions larger than the rows and random padding around every operand
 * (so a kernel that writes outside its view, or reads the padding, is caught).
 */
final class GemmCase {
    enum Layout { NN, TN, NT }

    final Layout layout;
    final int m, n, k;
    final float[] a, b, c0;
    final int aOff, lda, bOff, ldb, cOff, ldc;

    GemmCase(Layout layout, int m, int n, int k, long seed, boolean padded) {
        this.layout = layout;
        this.m = m;
        this.n = n;
        this.k = k;
        SplittableRandom r = new SplittableRandom(seed);
        int aRows = layout == Layout.TN ? k : m, aCols = layout == Layout.TN ? m : k;
        int bRows = layout == Layout.NT ? n : k, bCols = layout == Layout.NT ? k : n;
        aOff = padded ? r.nextInt(8) : 0;
        bOff = padded ? r.nextInt(8) : 0;
        cOff = padded ? r.nextInt(8) : 0;
        lda = aCols + (padded ? r.nextInt(1, 6) : 0);
        ldb = bCols + (padded ? r.nextInt(1, 6) : 0);
        ldc = n + (padded ? r.nextInt(1, 6) : 0);
        a = random(r, aOff + aRows * lda + (padded ? 5 : 0));
        b = random(r, bOff + bRows * ldb + (padded ? 5 : 0));
        c0 = random(r, cOff + m * ldc + (padded ? 5 : 0));
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1);
        return x;
    }

    /** A fresh copy of the initial C. */
    float[] c() {
        return c0.clone();
    }

    /** {@code c += A·B} (as the layout says) with {@code ops}. */
    void run(Ops ops, float[] c) {
        switch (layout) {
            case NN -> ops.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case TN -> ops.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case NT -> ops.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** {@code c += A·B} with {@link ParallelOps} and the kernels in force. */
    void runParallel(float[] c) {
        switch (layout) {
            case NN -> ParallelOps.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case TN -> ParallelOps.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            case NT -> ParallelOps.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** Whether flat index {@code i} of C lies in the m×n view. */
    boolean inView(int i) {
        int rel = i - cOff;
        return rel >= 0 && rel < m * ldc && rel % ldc < n;
    }

    /** A(i,p) as the product uses it, in double. */
    double a(int i, int p) {
        return layout == Layout.TN ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    /** B(p,j) as the product uses it, in double. */
    double b(int p, int j) {
        return layout == Layout.NT ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    @Override
    public String toString() {
        return layout + " m=" + m + " n=" + n + " k=" + k + " offsets " + aOff + "/" + bOff + "/" + cOff
                + " ld " + lda + "/" + ldb + "/" + ldc;
    }
}
