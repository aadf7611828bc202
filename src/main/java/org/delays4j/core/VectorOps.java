package org.delays4j.core;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels ({@code FloatVector.SPECIES_PREFERRED}: 16 lanes with AVX-512, 8 with AVX2).
 *
 * <p>The three matrix products share one register-blocked core: a block of {@link #MR} = 6 rows
 * × two vectors of C lives in 12 vector registers while the depth loop broadcasts one element of
 * A per row and fuses it (FMA) with two vectors of a row of B. Around it, GotoBLAS-style cache
 * blocking: the depth is cut into blocks of 256 (128 for TN), and for each block B is copied
 * ("packed") into a per-thread buffer of contiguous panels of two vectors' width, so the panel
 * in use stays in L1 while a block of 120 rows of A stays in L2. Packing also performs NT's
 * transpose and zero-pads the last, partial panel. A is read in place (its strides express TN's
 * transpose). Rows past the end of a block reuse the last valid row of A and are not stored, so
 * one kernel serves every height; partial column panels are stored with a scalar tail.
 *
 * <p>Each element of C receives {@code c += Σ_p a·b} once per depth block, the sum formed in order
 * in one vector lane; that does not depend on which rows or columns are computed together, so
 * splitting C across threads ({@link ParallelOps}) gives bit-identical results.
 */
public final class VectorOps implements Ops {
    public static final VectorOps INSTANCE = new VectorOps();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per register block; parallel row splits are made in multiples of it. */
    public static final int MR = 6;
    /** Columns of C per register block: two vectors. */
    private static final int NR = 2 * L;
    /** Depth per cache block. */
    private static final int KC = 256;
    /** Rows per cache block (a multiple of {@link #MR}). */
    private static final int MC = 20 * MR;
    /** Columns per cache block (a multiple of {@link #NR}); bounds the packing buffer. */
    private static final int NC = 16 * NR;

    private static final ThreadLocal<float[]> PACK = ThreadLocal.withInitial(() -> new float[KC * NC]);
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private VectorOps() {}

    /** The number of float lanes of the vectors in use. */
    public static int lanes() {
        return L;
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, k, n, c, cOff, ldc);
        gemm(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc);
    }

    @Override
    public void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, k, m, b, bOff, ldb, k, n, c, cOff, ldc);
        gemm(m, n, k, a, aOff, 1, lda, b, bOff, ldb, 1, c, cOff, ldc);
    }

    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc) {
        OpsChecks.gemm(m, n, k, a, aOff, lda, m, k, b, bOff, ldb, n, k, c, cOff, ldc);
        gemm(m, n, k, a, aOff, lda, 1, b, bOff, 1, ldb, c, cOff, ldc);
    }

    /**
     * C[m×n] += A·B where {@code A(i,p) = a[aOff + i·ars + p·aps]} and
     * {@code B(p,j) = b[bOff + p·bps + j·bjs]}: the strides express the transposes.
     */
    private static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int aps,
                             float[] b, int bOff, int bps, int bjs, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0) return;
        float[] buf = PACK.get(), tile = TILE.get();
        // A transposed (TN) walks a new cache line of A at every depth step: a shallower block
        // keeps those lines and the B panel in L1 together (+7 % on the SHD weight gradient).
        int kcMax = aps == 1 ? KC : KC / 2;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                packB(kc, nc, b, bOff + pc * bps + jc * bjs, bps, bjs, buf);
                int aBlock = aOff + pc * aps;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int w = Math.min(NR, nc - jr), po = jr * kc, cCol = cOff + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int a0 = aBlock + (ic + ir) * ars;
                            if (w > L) block2(kc, a, a0, ars, aps, rows, buf, po, tile);
                            else block1(kc, a, a0, ars, aps, rows, buf, po, tile);
                            addTile(tile, rows, w, c, cCol + (ic + ir) * ldc, ldc);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs the kc×nc block of B at {@code src} into panels of NR columns: panel q holds
     * {@code B(p, q·NR + j)} at {@code q·kc·NR + p·NR + j}, columns past nc zero-filled. Packing
     * keeps the panel the kernel streams contiguous (no cache-set conflicts from a power-of-two
     * row stride), makes the transpose of NT free for the kernel, and pads the last panel.
     */
    private static void packB(int kc, int nc, float[] b, int src, int bps, int bjs, float[] dst) {
        int full = nc - nc % NR;
        if (bjs == 1) {
            // Row by row, so B is read in memory order.
            for (int p = 0; p < kc; p++) {
                int s = src + p * bps, d = p * NR;
                for (int jr = 0; jr < full; jr += NR, d += kc * NR) {
                    FloatVector.fromArray(S, b, s + jr).intoArray(dst, d);
                    FloatVector.fromArray(S, b, s + jr + L).intoArray(dst, d + L);
                }
                if (full < nc) {
                    System.arraycopy(b, s + full, dst, d, nc - full);
                    Arrays.fill(dst, d + nc - full, d + NR, 0f);
                }
            }
        } else {
            // Transposing copy: B(·, j) is contiguous in memory, so read it column by column.
            for (int j = 0; j < nc; j++) {
                int s = src + j * bjs, d = (j / NR) * kc * NR + j % NR;
                for (int p = 0; p < kc; p++) dst[d + p * NR] = b[s + p * bps];
            }
            if (full < nc) {
                for (int p = 0, d = full * kc; p < kc; p++, d += NR) Arrays.fill(dst, d + nc - full, d + NR, 0f);
            }
        }
    }

    /**
     * The register block: T[rows × 2L] = A[rows × kc] · B[kc × 2L], rows ≤ MR, into the tile
     * {@code t} (row r at {@code r·NR}). {@code B(p, j) = pb[po + p·NR + j]} (a packed panel). Rows past
     * {@code rows} repeat the last row of A; the caller stores only the valid ones.
     */
    private static void block2(int kc, float[] a, int a0, int ars, int aps, int rows,
                               float[] pb, int po, float[] t) {
        int last = rows - 1;
        int a1 = a0 + Math.min(1, last) * ars, a2 = a0 + Math.min(2, last) * ars;
        int a3 = a0 + Math.min(3, last) * ars, a4 = a0 + Math.min(4, last) * ars;
        int a5 = a0 + Math.min(5, last) * ars;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = po + p * NR, ai = p * aps;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ai]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ai]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ai]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ai]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + ai]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // Plain stores into a small tile keep this method small enough for C2 to inline every
        // vector operation (a call taking vectors that fails to inline would box them).
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
    }

    /** As {@link #block2} for a narrow panel: T[rows × L] (row r at {@code r·NR}). */
    private static void block1(int kc, float[] a, int a0, int ars, int aps, int rows,
                               float[] pb, int po, float[] t) {
        int last = rows - 1;
        int a1 = a0 + Math.min(1, last) * ars, a2 = a0 + Math.min(2, last) * ars;
        int a3 = a0 + Math.min(3, last) * ars, a4 = a0 + Math.min(4, last) * ars;
        int a5 = a0 + Math.min(5, last) * ars;
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        for (int p = 0; p < kc; p++) {
            int ai = p * aps;
            FloatVector bv = FloatVector.fromArray(S, pb, po + p * NR);
            c0 = FloatVector.broadcast(S, a[a0 + ai]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ai]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ai]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ai]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, a[a4 + ai]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, a[a5 + ai]).fma(bv, c5);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, NR);
        c2.intoArray(t, 2 * NR);
        c3.intoArray(t, 3 * NR);
        c4.intoArray(t, 4 * NR);
        c5.intoArray(t, 5 * NR);
    }

    /** C[rows × w] += the tile's first {@code rows} rows and {@code w} columns. */
    private static void addTile(float[] t, int rows, int w, float[] c, int c0, int ldc) {
        int wv = w - w % L; // whole vectors, then a scalar tail of < L columns
        for (int r = 0; r < rows; r++) {
            int o = c0 + r * ldc, to = r * NR;
            for (int j = 0; j < wv; j += L) {
                FloatVector.fromArray(S, c, o + j).add(FloatVector.fromArray(S, t, to + j)).intoArray(c, o + j);
            }
            for (int j = wv; j < w; j++) c[o + j] += t[to + j];
        }
    }

    // ---------------------------------------------------------------- vector ops

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        // Four accumulators hide the FMA latency; then one vector at a time; then a scalar tail.
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int up = n - 4 * L; i <= up; i += 4 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
            s1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), s1);
            s2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).fma(FloatVector.fromArray(S, y, yOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).fma(FloatVector.fromArray(S, y, yOff + i + 3 * L), s3);
        }
        for (int up = S.loopBound(n); i < up; i += L) {
            s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
        }
        float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }

    @Override
    public void add(int n, float[] x, int xOff, float[] y, int yOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += x[xOff + i];
    }

    @Override
    public void scale(int n, float alpha, float[] x, int off) {
        OpsChecks.vector("x", x, off, n);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector.fromArray(S, x, off + i).mul(alpha).intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] *= alpha;
    }

    @Override
    public void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) {
        OpsChecks.vector("x", x, xOff, n);
        OpsChecks.vector("y", y, yOff, n);
        OpsChecks.vector("z", z, zOff, n);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i)).intoArray(z, zOff + i);
        }
        for (; i < n; i++) z[zOff + i] = x[xOff + i] * y[yOff + i];
    }

    @Override
    public float sum(int n, float[] x, int off) {
        OpsChecks.vector("x", x, off, n);
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        int i = 0;
        for (int up = n - 2 * L; i <= up; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
            s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
        }
        for (int up = S.loopBound(n); i < up; i += L) s0 = s0.add(FloatVector.fromArray(S, x, off + i));
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += x[off + i];
        return s;
    }
}
