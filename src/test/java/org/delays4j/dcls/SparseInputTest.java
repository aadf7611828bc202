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
}
