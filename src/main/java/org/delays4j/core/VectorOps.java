package org.delays4j.core;

/** Vector API kernels. (Placeholder delegating to the naive loops until the SIMD kernels land.) */
public final class VectorOps implements Ops {
    public static final VectorOps INSTANCE = new VectorOps();
    private static final Ops N = NaiveOps.INSTANCE;

    private VectorOps() {}

    @Override public void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) { N.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc); }
    @Override public void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) { N.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc); }
    @Override public void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) { N.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc); }
    @Override public float dot(int n, float[] x, int xOff, float[] y, int yOff) { return N.dot(n, x, xOff, y, yOff); }
    @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) { N.axpy(n, alpha, x, xOff, y, yOff); }
    @Override public void add(int n, float[] x, int xOff, float[] y, int yOff) { N.add(n, x, xOff, y, yOff); }
    @Override public void scale(int n, float alpha, float[] x, int off) { N.scale(n, alpha, x, off); }
    @Override public void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) { N.mul(n, x, xOff, y, yOff, z, zOff); }
    @Override public float sum(int n, float[] x, int off) { return N.sum(n, x, off); }
}
