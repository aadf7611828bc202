package org.delays4j.train;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.delays4j.data.Batch;
import org.delays4j.io.StateTensor;

/**
 * A stand-in for the SNN in trainer tests: softmax regression on the time-averaged input, with
 * input dropout drawn from the batch's generator, and an evaluation mode that rounds the weights
 * (as the SNN rounds its delays) and restores them on close.
 */
final class ToyModel implements Trainable {
    final int c, k;
    final float[] w, b, gw, gb;
    boolean inEval;

    ToyModel(int channels, int classes, long seed) {
        c = channels;
        k = classes;
        w = new float[c * k];
        b = new float[k];
        gw = new float[c * k];
        gb = new float[k];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < w.length; i++) w[i] = (float) (0.1 * r.nextGaussian());
    }

    private double[] features(Batch batch, int s) {
        double[] f = new double[c];
        var x = batch.x();
        for (int t = 0; t < x.T(); t++) for (int j = 0; j < c; j++) f[j] += x.get(t, s, j) / x.T();
        return f;
    }

    private BatchStats pass(Batch batch, RandomGenerator rng, boolean grad) {
        double loss = 0;
        long correct = 0;
        int B = batch.size();
        for (int s = 0; s < B; s++) {
            double[] f = features(batch, s);
            if (rng != null) for (int j = 0; j < c; j++) f[j] = rng.nextDouble() < 0.2 ? 0 : f[j] / 0.8;
            double[] z = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int o = 0; o < k; o++) {
                z[o] = b[o];
                for (int j = 0; j < c; j++) z[o] += w[j * k + o] * f[j];
                if (z[o] > max) { max = z[o]; arg = o; }
            }
            double sum = 0;
            for (int o = 0; o < k; o++) sum += Math.exp(z[o] - max);
            int y = batch.labels()[s];
            loss += -(z[y] - max - Math.log(sum));
            if (arg == y) correct++;
            if (grad) {
                for (int o = 0; o < k; o++) {
                    double d = (Math.exp(z[o] - max) / sum - (o == y ? 1 : 0)) / B;
                    gb[o] += (float) d;
                    for (int j = 0; j < c; j++) gw[j * k + o] += (float) (d * f[j]);
                }
            }
        }
        return new BatchStats(loss, correct, B);
    }

    @Override
    public BatchStats trainStep(Batch batch, RandomGenerator rng) {
        if (inEval) throw new IllegalStateException("trainStep inside eval mode");
        java.util.Arrays.fill(gw, 0f);
        java.util.Arrays.fill(gb, 0f);
        return pass(batch, rng, true);
    }

    @Override
    public EvalMode enterEval() {
        float[] saved = w.clone();
        for (int i = 0; i < w.length; i++) w[i] = Math.round(w[i] * 100) / 100f;
        inEval = true;
        return () -> {
            System.arraycopy(saved, 0, w, 0, w.length);
            inEval = false;
        };
    }

    @Override
    public BatchStats evalStep(Batch batch) {
        if (!inEval) throw new IllegalStateException("evalStep outside eval mode");
        return pass(batch, null, false);
    }

    @Override
    public List<StateTensor> state() {
        return List.of(new StateTensor("toy.w", new int[] {c, k}, w), new StateTensor("toy.b", new int[] {k}, b));
    }

    @Override
    public long trainableParameters() {
        return w.length + b.length;
    }

    /** SGD with momentum and a per-epoch decaying rate: enough state to catch a bad resume. */
    static final class Sgd implements Optimisation {
        final ToyModel m;
        final float[] vw, vb, steps = new float[1];
        double lr;

        Sgd(ToyModel m) {
            this.m = m;
            vw = new float[m.w.length];
            vb = new float[m.b.length];
        }

        @Override public void beginEpoch(int epoch) { lr = 0.5 / (1 + epoch); }

        @Override
        public void step() {
            steps[0]++;
            for (int i = 0; i < vw.length; i++) { vw[i] = 0.9f * vw[i] + m.gw[i]; m.w[i] -= (float) lr * vw[i]; }
            for (int i = 0; i < vb.length; i++) { vb[i] = 0.9f * vb[i] + m.gb[i]; m.b[i] -= (float) lr * vb[i]; }
        }

        @Override public void endEpoch(int epoch) {}
        @Override public double lrWeights() { return lr; }
        @Override public double lrPositions() { return 0; }
        @Override public double sigma() { return Double.NaN; }

        @Override
        public void load(org.delays4j.io.SafeTensors.Contents c) {
            Checkpoint.restore(c, state());
        }

        @Override
        public List<StateTensor> state() {
            return List.of(new StateTensor("optim.vw", new int[] {vw.length}, vw), new StateTensor("optim.vb", new int[] {vb.length}, vb),
                    new StateTensor("optim.steps", new int[] {1}, steps));
        }
    }
}
