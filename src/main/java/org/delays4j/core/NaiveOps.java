package org.delays4j.core;

/**
 * Plain-loop kernels: the reference every fast kernel is tested against. Each sum runs over
 * {@code p} in order into a float, exactly as the formulas in {@link Ops} read.
 */
public final class NaiveOps implements Ops {
    public static final NaiveOps INSTANCE = new NaiveOps();

    private NaiveOps() {}

    @Override
    public void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, k, n, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    @Override
    public void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, k, m, b, bOff, ldb, k, n, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[aOff + p * lda + i] * b[bOff + p * ldb + j];
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, n, k, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[aOff + i * lda + p] * b[bOff + j * ldb + p];
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public void add(int n, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] += x[xOff + i];
    }

    @Override
    public void scale(int n, float alpha, float[] x, int off) {
        OpsChecks.vector("x", x, off, n);
        for (int i = 0; i < n; i++) x[off + i] *= alpha;
    }

    @Override
    public void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        OpsChecks.vector("z", z, zOff, n);
        for (int i = 0; i < n; i++) z[zOff + i] = x[xOff + i] * y[yOff + i];
    }

    @Override
    public float sum(int n, float[] x, int off) {
        OpsChecks.vector("x", x, off, n);
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[off + i];
        return s;
    }
}
