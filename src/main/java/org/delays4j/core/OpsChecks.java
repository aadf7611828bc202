package org.delays4j.core;

import java.util.Objects;

/**
 * Argument checks shared by every {@link Ops} implementation, done before any write so that a
 * bad offset or leading dimension fails with a clear message instead of a half-updated C.
 */
final class OpsChecks {
    private OpsChecks() {}

    /** Checks a row-major {@code rows×cols} matrix at {@code off} with row stride {@code ld}. */
    static void matrix(String name, float[] arr, int off, int rows, int cols, int ld) {
        Objects.requireNonNull(arr, name);
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": negative shape " + rows + "x" + cols);
        }
        if (rows == 0 || cols == 0) return;
        if (rows > 1 && ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < row width " + cols);
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > arr.length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + "x" + cols + " matrix at offset " + off
                    + " with leading dimension " + ld + " does not fit an array of " + arr.length);
        }
    }

    /** Checks the three operands of a product whose A is {@code ar×ac}, B {@code br×bc} and C {@code m×n}. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, int ar, int ac,
                     float[] b, int bOff, int ldb, int br, int bc, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative gemm size m=" + m + " n=" + n + " k=" + k);
        matrix("A", a, aOff, ar, ac, lda);
        matrix("B", b, bOff, br, bc, ldb);
        matrix("C", c, cOff, m, n, ldc);
    }

    /** Checks a vector of {@code n} elements at {@code off}. */
    static void vector(String name, float[] arr, int off, int n) {
        Objects.requireNonNull(arr, name);
        if (n < 0) throw new IllegalArgumentException(name + ": negative length " + n);
        Objects.checkFromIndexSize(off, n, arr.length);
    }
}
