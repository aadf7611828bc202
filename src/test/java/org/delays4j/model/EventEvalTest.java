package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.delays4j.core.VectorOps;
import org.delays4j.data.Batch;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.ExecPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rounded evaluation's event route (LIF → per-row spike lists → integer-delay scatter into
 * reused buffers) gives bit for bit the loss and logits of the layer-by-layer eval path (which the
 * model runs when a tap is set), batch after batch, for 1 and 2 threads, SIMD on and off; and a
 * delay layer's event forward equals its dense forward of the same spikes on every path.
 */
class EventEvalTest {
    @ParameterizedTest(name = "simd={0} threads={1} path={2}")
    @CsvSource({"true,1,AUTO", "true,2,AUTO", "false,1,AUTO", "false,2,AUTO", "true,2,INTEGER", "false,1,INTEGER"})
    void eventRouteEqualsTheLayerByLayerPath(boolean simd, int threads, ExecPath path) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        int prevThreads = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            SnnModel m = new SnnModel(FastPathsStepTest.config(), 7);
            Batch b = FastPathsStepTest.batch();
            m.setRandom(new SplittableRandom(3));
            m.forwardLoss(b.x(), b.labels(), true); // BatchNorm running statistics off their initial values
            for (Dcls1d d : m.delayLayers()) d.setPath(path);
            try (SnnModel.RoundedEval r = m.roundedEval()) {
                for (int rep = 0; rep < 2; rep++) { // the second batch reuses the buffers
                    SnnModel.Output fast = m.forwardLoss(b.x(), b.labels(), false);
                    float[] fastLogits = fast.logits().clone();
                    List<ExecPath> fastPaths = m.delayLayers().stream().map(Dcls1d::lastPath).toList();
                    m.setTap((name, value) -> {}); // a tap forces the layer-by-layer path
                    SnnModel.Output slow = m.forwardLoss(b.x(), b.labels(), false);
                    m.setTap(null);
                    assertThat(fastPaths).isEqualTo(m.delayLayers().stream().map(Dcls1d::lastPath).toList());
                    if (path == ExecPath.INTEGER) assertThat(fastPaths).containsOnly(ExecPath.INTEGER);
                    assertThat(fast.loss()).isFinite().isEqualTo(slow.loss());
                    assertThat(fastLogits).containsExactly(slow.logits());
                    assertThat(fast.correct()).isEqualTo(slow.correct());
                }
            }
        } finally {
            Parallel.setThreads(prevThreads);
            Kernels.use(prev);
        }
    }

    /** Density 0.02 makes the scatter the cheaper integer form, 0.15 the time-vectorised one, 0.4 not sparse. */
    @ParameterizedTest(name = "path={0} density={1}")
    @CsvSource({"AUTO,0.02", "AUTO,0.15", "AUTO,0.4", "INTEGER,0.02", "INTEGER,0.15", "DENSE,0.15", "SPARSE,0.02", "NARROW,0.15"})
    void layerEventForwardEqualsTheDenseForward(ExecPath path, double density) {
        SnnModel m = new SnnModel(FastPathsStepTest.config(), 11);
        Dcls1d d = m.delayLayers().get(1);
        int T = 40, B = 4, in = d.config().in();
        SplittableRandom r = new SplittableRandom(5);
        float[] s = new float[T * B * in];
        for (int k = 0; k < s.length; k++) if (r.nextDouble() < density) s[k] = 1f;
        Seq x = new Seq(s, T, B, in);
        try (SnnModel.RoundedEval ignored = m.roundedEval()) {
            d.setPath(path);
            float[] want = d.forward(x, false).data().clone();
            ExecPath wantPath = d.lastPath();
            float[] buf = new float[d.outputSize(T, B)];
            java.util.Arrays.fill(buf, Float.NaN); // overwritten whole
            Seq got = d.forwardEval(SpikeEvents.of(x), buf);
            assertThat(got.data()).isSameAs(buf).containsExactly(want);
            assertThat(d.lastPath()).isEqualTo(wantPath);
            java.util.Arrays.fill(buf, Float.NaN);
            assertThat(d.forwardEval(x, buf).data()).containsExactly(want);
        }
    }
}
