package org.delays4j.experiment;

import java.util.SplittableRandom;
import org.delays4j.data.Dataset;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.Presets;
import org.delays4j.model.RunConfig;

/** Small seeded data and configurations for ablation and report tests (seconds, not minutes). */
final class TinyRuns {
    private TinyRuns() {}

    /** The fsdd preset shrunk: 4 inputs, 3 classes, 2 x 8 hidden, K 5, 2 epochs, batch 8. */
    static RunConfig config() {
        RunConfig p = Presets.get("fsdd");
        ModelConfig m = p.model();
        ModelConfig small = new ModelConfig(m.kind(), 4, 3, 2, 8, 5, m.tauMs(), m.timeStepMs(), m.threshold(), m.surrogateAlpha(),
                m.neuron(), m.dropout(), m.batchNorm(), m.bias(), m.readout(), m.dclsVersion(), m.sigInit());
        return p.withModel(small).withTraining(p.training().withEpochs(2).withBatchSize(8));
    }

    /** Class k: a burst on channel 0 then on channel 1 after k+1 steps, plus sparse noise. */
    static Dataset timing(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int T = 12, C = 4;
        float[][] x = new float[n][T * C];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            int t0 = r.nextInt(4);
            x[i][t0 * C] = 1;
            x[i][(t0 + y[i] + 1) * C + 1] = 1;
            for (int k = 0; k < 3; k++) x[i][r.nextInt(T) * C + 2 + r.nextInt(2)] = 1;
        }
        return new Dataset() {
            @Override public int size() { return n; }
            @Override public int channels() { return C; }
            @Override public int classes() { return 3; }
            @Override public int label(int i) { return y[i]; }
            @Override public int length(int i) { return T; }

            @Override
            public void frames(int i, float[] dst, int offset, int stride) {
                for (int t = 0; t < T; t++) System.arraycopy(x[i], t * C, dst, offset + t * stride, C);
            }
        };
    }
}
