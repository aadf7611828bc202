package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CSR/CSC of an input reproduce it exactly, with SIMD on and off, and the density cut-off works. */
class SparseInputTest {
    @ParameterizedTest(name = "{0} groups={1} simd={2}")
    @CsvSource({"SPIKES,1,true", "SPIKES,3,false", "COUNTS,1,false", "COUNTS,3,true", "REAL,1,true"})
    void roundTrip(RandomDcls.Input kind, int groups, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(5);
            Seq x = RandomDcls.input(r, 17, 5, 39, kind, 0.15);
            SparseInput sp = SparseInput.of(x, groups);
            assertThat(sp.vals() == null).isEqualTo(kind == RandomDcls.Input.SPIKES);
            float[] back = new float[x.data().length];
            int[] ptr = sp.rowPtr();
            int cg = 39 / groups;
            for (int row = 0; row < x.rows(); row++) {
                for (int g = 0; g < groups; g++) {
                    for (int k = ptr[row * groups + g]; k < ptr[row * groups + g + 1]; k++) {
                        int c = sp.cols()[k];
                        assertThat(c / cg).isEqualTo(g);
                        back[row * 39 + c] = sp.vals() == null ? 1f : sp.vals()[k];
                    }
                }
            }
            assertThat(back).containsExactly(x.data());
            sp.buildCsc();
            float[] back2 = new float[back.length];
            for (int i = 0; i < 39; i++) {
                for (int b = 0; b < 5; b++) {
                    int last = -1;
                    for (int k = sp.colPtr()[i * 5 + b]; k < sp.colPtr()[i * 5 + b + 1]; k++) {
                        int t = sp.cscTime()[k];
                        assertThat(t).isGreaterThan(last);
                        last = t;
                        back2[(t * 5 + b) * 39 + i] = sp.cscVal() == null ? 1f : sp.cscVal()[k];
                    }
                }
            }
            assertThat(back2).containsExactly(x.data());
            double density = (double) sp.nnz() / x.data().length;
            assertThat(SparseInput.of(x, groups, density * (1 + 1e-9))).isNotNull();
            assertThat(SparseInput.of(x, groups, density * 0.99)).isNull();
        } finally {
            Kernels.use(prev);
        }
    }

    /**
     * The one-pass build with reused chunk buffers gives exactly the two-pass CSR (or null at the
     * same densities), call after call with changing shapes, kinds and thread counts, SIMD on and off.
     */
    @ParameterizedTest(name = "simd={0}")
    @CsvSource({"true", "false"})
    void onePassWithReusedBuffersEqualsTwoPass(boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        int before = org.delays4j.core.Parallel.threads();
        try {
            SplittableRandom r = new SplittableRandom(11);
            SparseInput.Scratch sc = new SparseInput.Scratch();
            RandomDcls.Input[] kinds = {RandomDcls.Input.SPIKES, RandomDcls.Input.COUNTS, RandomDcls.Input.SPIKES,
                    RandomDcls.Input.REAL, RandomDcls.Input.COUNTS, RandomDcls.Input.SPIKES};
            int[] threads = {1, 2, 3, 2, 1, 4};
            for (int call = 0; call < kinds.length; call++) {
                org.delays4j.core.Parallel.setThreads(threads[call]);
                int T = 9 + 7 * call, B = 1 + call % 4, C = 23 + 17 * (call % 3), groups = call % 2 == 0 ? 1 : (C % 2 == 0 ? 2 : 1);
                double density = 0.02 + 0.08 * call;
                Seq x = RandomDcls.input(r, T, B, C, kinds[call], density);
                // the last call makes its input dense at the end only: the chunk that crosses the limit stops early
                if (call == kinds.length - 1) for (int k = x.data().length * 3 / 4; k < x.data().length; k++) x.data()[k] = 1f;
                for (double maxDensity : new double[] {0.05, 0.15, 0.3, 0.6}) {
                    SparseInput two = SparseInput.of(x, groups, maxDensity), one = SparseInput.of(x, groups, maxDensity, sc);
                    String what = "call " + call + " max " + maxDensity;
                    assertThat(one == null).as(what + " null").isEqualTo(two == null);
                    if (two == null) continue;
                    assertThat(one.rowPtr()).as(what + " ptr").isEqualTo(two.rowPtr());
                    assertThat(one.cols()).as(what + " cols").isEqualTo(two.cols());
                    assertThat(one.vals()).as(what + " vals").isEqualTo(two.vals());
                }
            }
        } finally {
            org.delays4j.core.Parallel.setThreads(before);
            Kernels.use(prev);
        }
    }
}
