package org.delays4j.core;

/**
 * Primitive float32 kernels. Matrices are row-major with an offset and a leading dimension
 * (row stride), so a time-shifted window of a time-major sequence is a view, not a copy.
 * All matrix products <em>accumulate</em> into C. Shapes of zero are allowed and do nothing.
 *
 * <p>Two implementations: {@link NaiveOps} (plain loops, obviously correct) and
 * {@link VectorOps} (Vector API); {@link Kernels#ops()} returns the one in force.
 */
public interface Ops {
    /** C[m×n] += A[m×k] · B[k×n]: {@code c[cOff+i*ldc+j] += Σ_p a[aOff+i*lda+p] * b[bOff+p*ldb+j]}. */
    void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float[] c, int cOff, int ldc);

    /** C[m×n] += Aᵀ · B with A stored k×m: {@code c[i][j] += Σ_p a[aOff+p*lda+i] * b[bOff+p*ldb+j]}. */
    void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float[] c, int cOff, int ldc);

    /** C[m×n] += A · Bᵀ with B stored n×k: {@code c[i][j] += Σ_p a[aOff+i*lda+p] * b[bOff+j*ldb+p]}. */
    void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float[] c, int cOff, int ldc);

    /** Σ_i x[xOff+i] · y[yOff+i]. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** y[yOff+i] += alpha · x[xOff+i]. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** y[yOff+i] += x[xOff+i]. */
    void add(int n, float[] x, int xOff, float[] y, int yOff);

    /** x[off+i] *= alpha. */
    void scale(int n, float alpha, float[] x, int off);

    /** z[zOff+i] = x[xOff+i] · y[yOff+i]. */
    void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff);

    /** Σ_i x[off+i]. */
    float sum(int n, float[] x, int off);
}
