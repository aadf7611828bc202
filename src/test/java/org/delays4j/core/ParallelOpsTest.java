package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.delays4j.core.GemmCase.Layout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The multi-threaded products equal the single-threaded ones bit for bit and split C as documented. */
class ParallelOpsTest {
    private int savedThreads;
    private Ops savedOps;

    @BeforeEach
    void save() {
        savedThreads = Parallel.threads();
        savedOps = Kernels.ops();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        Kernels.use(savedOps);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Layout l : Layout.values()) {
            for (int threads : new int[] {1, 2, 3, 4}) {
                for (boolean vector : new boolean[] {true, false}) {
                    out.add(Arguments.of(l, threads, vector, 200, 96, 130));  // split by rows
                    out.add(Arguments.of(l, threads, vector, 5, 2000, 300));  // too few rows: split by columns
                    out.add(Arguments.of(l, threads, vector, 13, 17, 9));     // too small: inline
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} threads={1} vector={2} {3}x{4}x{5}")
    @MethodSource("cases")
    void parallelEqualsSingleThreadBitForBit(Layout layout, int threads, boolean vector, int m, int n, int k) {
        Ops ops = vector ? VectorOps.INSTANCE : NaiveOps.INSTANCE;
        Kernels.use(ops);
        Parallel.setThreads(threads);
        GemmCase g = new GemmCase(layout, m, n, k, 42, true);
        float[] single = g.c(), parallel = g.c(), again = g.c();
        g.run(ops, single);
        g.runParallel(parallel);
        g.runParallel(again);
        assertThat(parallel).as("%s", g).containsExactly(single);
        assertThat(again).as("repeatable, %s", g).containsExactly(parallel);
    }

    /** An {@link Ops} that records each product's rows, columns and C offset, then runs it naively. */
    private static final class Recording implements Ops {
        record Call(int m, int n, int k, int cOff, String thread) {}

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

        private void record(int m, int n, int k, int cOff) {
            calls.add(new Call(m, n, k, cOff, Thread.currentThread().getName()));
        }

        @Override
        public void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
            record(m, n, k, cOff);
            NaiveOps.INSTANCE.gemmNN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        @Override
        public void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
            record(m, n, k, cOff);
            NaiveOps.INSTANCE.gemmTN(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        @Override
        public void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
            record(m, n, k, cOff);
            NaiveOps.INSTANCE.gemmNT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        @Override public float dot(int n, float[] x, int xOff, float[] y, int yOff) { throw new UnsupportedOperationException(); }
        @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) { throw new UnsupportedOperationException(); }
        @Override public void add(int n, float[] x, int xOff, float[] y, int yOff) { throw new UnsupportedOperationException(); }
        @Override public void scale(int n, float alpha, float[] x, int off) { throw new UnsupportedOperationException(); }
        @Override public void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) { throw new UnsupportedOperationException(); }
        @Override public float sum(int n, float[] x, int off) { throw new UnsupportedOperationException(); }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void rowSplitGivesEachThreadWholeRegisterBlocksCoveringCOnce(Layout layout) {
        Recording rec = new Recording();
        Kernels.use(rec);
        Parallel.setThreads(3);
        GemmCase g = new GemmCase(layout, 200, 96, 130, 1, true);
        float[] c = g.c(), ref = g.c();
        g.runParallel(c);
        g.run(NaiveOps.INSTANCE, ref);
        assertThat(c).containsExactly(ref);
        assertThat(rec.calls).hasSize(3);
        // Chunk 0 runs on this thread, the others on workers (one worker may take two chunks).
        assertThat(rec.calls.stream().map(Recording.Call::thread).distinct().count()).isGreaterThanOrEqualTo(2);
        List<Integer> starts = new ArrayList<>();
        int rows = 0;
        for (Recording.Call call : rec.calls) {
            assertThat(call.n()).isEqualTo(g.n);
            assertThat(call.k()).isEqualTo(g.k);
            int row = (call.cOff() - g.cOff) / g.ldc;
            assertThat(row % VectorOps.MR).as("chunk starts on a register block").isZero();
            starts.add(row);
            rows += call.m();
        }
        assertThat(rows).isEqualTo(g.m);
        assertThat(starts).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void fewRowsAreSplitByColumns(Layout layout) {
        Recording rec = new Recording();
        Kernels.use(rec);
        Parallel.setThreads(2);
        GemmCase g = new GemmCase(layout, 5, 2000, 300, 2, true);
        float[] c = g.c(), ref = g.c();
        g.runParallel(c);
        g.run(NaiveOps.INSTANCE, ref);
        assertThat(c).containsExactly(ref);
        assertThat(rec.calls).hasSize(2);
        assertThat(rec.calls.stream().mapToInt(Recording.Call::n).sum()).isEqualTo(g.n);
        assertThat(rec.calls).allSatisfy(call -> assertThat(call.m()).isEqualTo(g.m));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void wideProductsAreSplitByColumnsSoEachThreadPacksOnlyItsPartOfB(Layout layout) {
        Recording rec = new Recording();
        Kernels.use(rec);
        Parallel.setThreads(2);
        GemmCase g = new GemmCase(layout, 140, 256, 300, 6, true);
        float[] c = g.c(), ref = g.c();
        g.runParallel(c);
        g.run(NaiveOps.INSTANCE, ref);
        assertThat(c).containsExactly(ref);
        assertThat(rec.calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.m()).isEqualTo(g.m);
            assertThat(call.n()).isEqualTo(128);
        });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "m={0} n={1} threads={2} -> columns={3}")
    @org.junit.jupiter.params.provider.CsvSource({
        "25600, 256, 2, false", // SHD forward: tall, rows
        "25600, 140, 2, false", // SHD input gradient: tall, rows
        "140, 256, 2, true",    // SHD weight gradient: wide, columns
        "256, 256, 2, true",    // square: columns (B packed once in total)
        "5, 2000, 4, true",     // a single row block
        "2000, 20, 4, false",   // a single column block
        "12, 100, 4, true",     // 2 row blocks < 4 threads, 4 column blocks
        "100, 33, 4, false"})
    void splitChoice(int m, int n, int threads, boolean columns) {
        int rowBlocks = (m + VectorOps.MR - 1) / VectorOps.MR, colBlocks = (n + 31) / 32;
        assertThat(ParallelOps.splitColumns(m, n, rowBlocks, colBlocks, threads)).isEqualTo(columns);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void smallProductsRunOnTheCallingThread(Layout layout) {
        Recording rec = new Recording();
        Kernels.use(rec);
        Parallel.setThreads(4);
        GemmCase g = new GemmCase(layout, 13, 17, 9, 3, true);
        g.runParallel(g.c());
        assertThat(rec.calls).singleElement().satisfies(call -> assertThat(call.thread()).isEqualTo(Thread.currentThread().getName()));
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void badArgumentsFailBeforeAnyThreadWrites(Layout layout) {
        Parallel.setThreads(2);
        float[] a = new float[300 * 300], b = new float[300 * 300], c = new float[300 * 300];
        // C too short by one element for a 300x300 product: nothing may be written.
        float[] shortC = new float[300 * 300 - 1];
        java.util.Arrays.fill(shortC, 5f);
        assertThatThrownBy(() -> {
            switch (layout) {
                case NN -> ParallelOps.gemmNN(300, 300, 300, a, 0, 300, b, 0, 300, shortC, 0, 300);
                case TN -> ParallelOps.gemmTN(300, 300, 300, a, 0, 300, b, 0, 300, shortC, 0, 300);
                case NT -> ParallelOps.gemmNT(300, 300, 300, a, 0, 300, b, 0, 300, shortC, 0, 300);
            }
        }).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("C");
        assertThat(shortC).containsOnly(5f);
        assertThat(c).containsOnly(0f);
    }
}
