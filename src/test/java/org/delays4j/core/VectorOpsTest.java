package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.delays4j.testing.Golden.relErr;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.delays4j.core.GemmCase.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API kernels agree with the naive loops (float32: relative error ≤ 1e-5). */
class VectorOpsTest {
    private static final Ops NAIVE = NaiveOps.INSTANCE, VECTOR = VectorOps.INSTANCE;
    private static final double TOL = 1e-5;

    static Stream<Arguments> gemmShapes() {
        int[] mn = {0, 1, 15, 17, 63, 130};
        int[] ks = {0, 1, 17, 130, 300};
        List<Arguments> out = new ArrayList<>();
        for (Layout l : Layout.values()) for (int m : mn) for (int n : mn) for (int k : ks) out.add(Arguments.of(l, m, n, k));
        return out.stream();
    }

    /** Shapes that cross every cache block of the vector kernel (rows 120, depth 256, columns 512). */
    static Stream<Arguments> blockCrossingShapes() {
        List<Arguments> out = new ArrayList<>();
        for (Layout l : Layout.values()) {
            out.add(Arguments.of(l, 250, 530, 600));
            out.add(Arguments.of(l, 121, 513, 257));
            out.add(Arguments.of(l, 7, 1100, 40));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("gemmShapes")
    void gemmAgreesWithNaive(Layout layout, int m, int n, int k) {
        checkAgainstNaive(new GemmCase(layout, m, n, k, 1000L * m + 31L * n + k, true));
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @MethodSource("blockCrossingShapes")
    void gemmAcrossCacheBlocksAgreesWithNaive(Layout layout, int m, int n, int k) {
        checkAgainstNaive(new GemmCase(layout, m, n, k, 7, true));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void contiguousOperandsWithoutPaddingAgree(Layout layout) {
        checkAgainstNaive(new GemmCase(layout, 64, 96, 48, 3, false));
    }

    private static void checkAgainstNaive(GemmCase g) {
        float[] cn = g.c(), cv = g.c();
        g.run(NAIVE, cn);
        g.run(VECTOR, cv);
        double[] ref = new double[g.m * g.n], naive = new double[ref.length], vec = new double[ref.length];
        for (int i = 0, q = 0; i < g.m; i++) {
            for (int j = 0; j < g.n; j++, q++) {
                int at = g.cOff + i * g.ldc + j;
                double s = g.c0[at];
                for (int p = 0; p < g.k; p++) s += g.a(i, p) * g.b(p, j);
                ref[q] = s;
                naive[q] = cn[at];
                vec[q] = cv[at];
            }
        }
        assertThat(relErr(ref, naive)).as("naive vs float64 formula, %s", g).isLessThanOrEqualTo(TOL);
        assertThat(relErr(naive, vec)).as("vector vs naive, %s", g).isLessThanOrEqualTo(TOL);
        for (int i = 0; i < cv.length; i++) {
            if (!g.inView(i)) {
                assertThat(cv[i]).as("vector wrote outside C at %d, %s", i, g).isEqualTo(g.c0[i]);
                assertThat(cn[i]).as("naive wrote outside C at %d, %s", i, g).isEqualTo(g.c0[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void gemmAddsToExistingC(Layout layout) {
        for (Ops ops : List.of(NAIVE, VECTOR)) {
            GemmCase g = new GemmCase(layout, 37, 45, 29, 11, true);
            float[] zero = new float[g.c0.length], once = zero.clone(), twice = zero.clone(), onX = g.c();
            g.run(ops, once);
            g.run(ops, twice);
            g.run(ops, twice);
            g.run(ops, onX);
            double[] p = new double[zero.length], p2 = new double[zero.length], px = new double[zero.length];
            for (int i = 0; i < zero.length; i++) {
                p[i] = 2.0 * once[i];
                p2[i] = twice[i];
                px[i] = (double) onX[i] - g.c0[i];
            }
            assertThat(relErr(p, p2)).as("C += P twice = 2P with %s", ops.getClass().getSimpleName()).isLessThanOrEqualTo(1e-6);
            double[] p1 = new double[zero.length];
            for (int i = 0; i < zero.length; i++) p1[i] = once[i];
            assertThat(relErr(p1, px)).as("(X + P) - X = P with %s", ops.getClass().getSimpleName()).isLessThanOrEqualTo(TOL);
            assertThat(norm(p1)).isGreaterThan(1); // the product is not trivially zero
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void emptyProductsLeaveCUntouched(Layout layout) {
        for (Ops ops : List.of(NAIVE, VECTOR)) {
            for (int[] s : new int[][] {{0, 5, 7}, {5, 0, 7}, {5, 7, 0}, {0, 0, 0}}) {
                GemmCase g = new GemmCase(layout, s[0], s[1], s[2], 5, true);
                float[] c = g.c();
                g.run(ops, c);
                assertThat(c).as("%s with %s", g, ops.getClass().getSimpleName()).containsExactly(g.c0);
            }
        }
    }

    @Test
    void gemmResultDoesNotDependOnTheRowsComputedTogether() {
        // Computing rows [0, 7) and [7, 40) separately equals computing [0, 40) at once: what makes
        // the parallel row split bit-identical.
        for (Layout l : Layout.values()) {
            GemmCase g = new GemmCase(l, 40, 70, 300, 17, false);
            float[] whole = g.c(), parts = g.c();
            g.run(VECTOR, whole);
            int split = 7;
            switch (l) {
                case NN -> {
                    VECTOR.gemmNN(split, g.n, g.k, g.a, 0, g.lda, g.b, 0, g.ldb, parts, 0, g.ldc);
                    VECTOR.gemmNN(g.m - split, g.n, g.k, g.a, split * g.lda, g.lda, g.b, 0, g.ldb, parts, split * g.ldc, g.ldc);
                }
                case TN -> {
                    VECTOR.gemmTN(split, g.n, g.k, g.a, 0, g.lda, g.b, 0, g.ldb, parts, 0, g.ldc);
                    VECTOR.gemmTN(g.m - split, g.n, g.k, g.a, split, g.lda, g.b, 0, g.ldb, parts, split * g.ldc, g.ldc);
                }
                case NT -> {
                    VECTOR.gemmNT(split, g.n, g.k, g.a, 0, g.lda, g.b, 0, g.ldb, parts, 0, g.ldc);
                    VECTOR.gemmNT(g.m - split, g.n, g.k, g.a, split * g.lda, g.lda, g.b, 0, g.ldb, parts, split * g.ldc, g.ldc);
                }
            }
            assertThat(parts).as("%s", l).containsExactly(whole);
        }
    }

    // ---------------------------------------------------------------- vector ops

    private record Vecs(float[] x, float[] y, float[] z, int xOff, int yOff, int zOff) {
        static Vecs random(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int xo = r.nextInt(5), yo = r.nextInt(5), zo = r.nextInt(5);
            return new Vecs(fill(r, xo + n + 3), fill(r, yo + n + 3), fill(r, zo + n + 3), xo, yo, zo);
        }

        private static float[] fill(SplittableRandom r, int len) {
            float[] v = new float[len];
            for (int i = 0; i < len; i++) v[i] = (float) r.nextDouble(-1, 1);
            return v;
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 33, 63, 64, 65, 130, 1000})
    void dotAndSumAgreeWithNaive(int n) {
        Vecs v = Vecs.random(n, n);
        double exactDot = 0, absDot = 0, exactSum = 0, absSum = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) v.x[v.xOff + i] * v.y[v.yOff + i];
            exactDot += t;
            absDot += Math.abs(t);
            exactSum += v.x[v.xOff + i];
            absSum += Math.abs(v.x[v.xOff + i]);
        }
        // Error bounds relative to Σ|terms|: the sum itself may cancel to near zero.
        for (Ops ops : List.of(NAIVE, VECTOR)) {
            float d = ops.dot(n, v.x, v.xOff, v.y, v.yOff), s = ops.sum(n, v.x, v.xOff);
            assertThat(Math.abs(d - exactDot)).as("dot n=%d %s", n, ops).isLessThanOrEqualTo(TOL * Math.max(absDot, 1e-30));
            assertThat(Math.abs(s - exactSum)).as("sum n=%d %s", n, ops).isLessThanOrEqualTo(TOL * Math.max(absSum, 1e-30));
        }
        if (n == 0) {
            assertThat(VECTOR.dot(0, v.x, 0, v.y, 0)).isZero();
            assertThat(VECTOR.sum(0, v.x, 0)).isZero();
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 33, 63, 64, 65, 130, 1000})
    void elementwiseOpsAgreeWithNaive(int n) {
        Vecs v = Vecs.random(n, 100 + n);
        // add, scale and mul round once per element: bit-identical to the naive loops.
        float[] yn = v.y.clone(), yv = v.y.clone();
        NAIVE.add(n, v.x, v.xOff, yn, v.yOff);
        VECTOR.add(n, v.x, v.xOff, yv, v.yOff);
        assertThat(yv).as("add").containsExactly(yn);

        float[] xn = v.x.clone(), xv = v.x.clone();
        NAIVE.scale(n, -1.75f, xn, v.xOff);
        VECTOR.scale(n, -1.75f, xv, v.xOff);
        assertThat(xv).as("scale").containsExactly(xn);

        float[] zn = v.z.clone(), zv = v.z.clone();
        NAIVE.mul(n, v.x, v.xOff, v.y, v.yOff, zn, v.zOff);
        VECTOR.mul(n, v.x, v.xOff, v.y, v.yOff, zv, v.zOff);
        assertThat(zv).as("mul").containsExactly(zn);

        // axpy may fuse the multiply-add: one rounding fewer, so compare with a tolerance.
        float[] an = v.y.clone(), av = v.y.clone();
        NAIVE.axpy(n, 0.3f, v.x, v.xOff, an, v.yOff);
        VECTOR.axpy(n, 0.3f, v.x, v.xOff, av, v.yOff);
        for (int i = 0; i < an.length; i++) {
            boolean inside = i >= v.yOff && i < v.yOff + n;
            if (inside) assertThat(av[i]).as("axpy[%d]", i).isCloseTo(an[i], org.assertj.core.data.Offset.offset(1e-6f));
            else assertThat(av[i]).as("axpy wrote outside y at %d", i).isEqualTo(v.y[i]);
        }
        // Nothing outside [off, off+n) changes.
        for (int i = 0; i < yv.length; i++) if (i < v.yOff || i >= v.yOff + n) assertThat(yv[i]).isEqualTo(v.y[i]);
        for (int i = 0; i < zv.length; i++) if (i < v.zOff || i >= v.zOff + n) assertThat(zv[i]).isEqualTo(v.z[i]);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void badArgumentsFailBeforeWritingAndAlikeInBothKernels() {
        for (Ops ops : List.of(NAIVE, VECTOR)) {
            float[] a = new float[12], b = new float[12], c = new float[12];
            java.util.Arrays.fill(c, 3f);
            assertThatThrownBy(() -> ops.gemmNN(-1, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ops.gemmNN(3, 3, 3, a, 0, 2, b, 0, 3, c, 0, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A").hasMessageContaining("leading dimension");
            assertThatThrownBy(() -> ops.gemmNN(3, 3, 3, a, 0, 3, b, 0, 3, c, 4, 3))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("C");
            assertThatThrownBy(() -> ops.gemmTN(4, 3, 3, a, 0, 3, b, 0, 3, c, 0, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
            assertThatThrownBy(() -> ops.gemmNT(2, 3, 4, a, 0, 4, b, 1, 4, c, 0, 3))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("B");
            assertThatThrownBy(() -> ops.gemmNN(2, 2, 2, a, -1, 2, b, 0, 2, c, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(c).as("C untouched after the failed calls").containsOnly(3f);

            assertThatThrownBy(() -> ops.dot(-1, a, 0, b, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ops.dot(5, a, 10, b, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ops.axpy(13, 1f, a, 0, c, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ops.add(4, a, 0, c, 9)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ops.mul(4, a, 0, b, 0, c, 10)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ops.scale(4, 2f, c, -1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ops.sum(13, a, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(c).containsOnly(3f);
        }
    }

    @Test
    void vectorKernelsUseTheWidestSpecies() {
        assertThat(VectorOps.lanes()).isEqualTo(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length()).isGreaterThanOrEqualTo(4);
    }

    // ---------------------------------------------------------------- helpers

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return Math.sqrt(s);
    }
}
