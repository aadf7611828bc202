package org.delays4j.layer;

import java.util.Locale;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.util.Labelled;
import org.delays4j.util.UserInputException;

/**
 * How the output layer's sequence {@code o} [T][B][K] becomes the logits {@code m} [B][K]
 * (SNN-delays' {@code loss} option), with its backward. Stateless: backward takes the forward's
 * input again.
 *
 * <p>{@link #SUM} (the default) and {@link #MEAN}/{@link #MAX} read the output layer's membrane
 * trace (output threshold 1e9); {@link #SPIKE_COUNT} reads its spikes (output threshold 2.0).
 * All time steps count, padding included, as in the reference.
 */
public enum Readout implements Labelled {
    /** {@code m[b,k] = Σ_t softmax_k(o[t,b,:])}. */
    SUM {
        @Override
        public float[] forward(Seq o) {
            int T = o.T(), B = o.B(), K = o.C();
            double[] acc = new double[B * K];
            // samples are independent and each sums over t in order: any split over threads is exact
            Parallel.forRange(B, (chunk, b0, b1) -> {
                double[] p = new double[K];
                for (int t = 0; t < T; t++) {
                    for (int b = b0; b < b1; b++) {
                        softmax(o.data(), o.index(t, b, 0), K, p);
                        for (int k = 0; k < K; k++) acc[b * K + k] += p[k];
                    }
                }
            });
            return toFloat(acc);
        }

        /** Softmax Jacobian per (t, b): {@code do[k] = p[k]·(gm[k] − Σ_j p[j]·gm[j])}. */
        @Override
        public Seq backward(Seq o, float[] gradLogits) {
            int T = o.T(), B = o.B(), K = o.C();
            checkGrad(o, gradLogits);
            float[] g = new float[o.data().length];
            double[] p = new double[K];
            for (int t = 0; t < T; t++) {
                for (int b = 0; b < B; b++) {
                    int row = o.index(t, b, 0);
                    softmax(o.data(), row, K, p);
                    double dot = 0;
                    for (int k = 0; k < K; k++) dot += p[k] * gradLogits[b * K + k];
                    for (int k = 0; k < K; k++) g[row + k] = (float) (p[k] * (gradLogits[b * K + k] - dot));
                }
            }
            return new Seq(g, T, B, K);
        }
    },
    /** {@code m[b,k] = mean_t o[t,b,k]}. */
    MEAN {
        @Override
        public float[] forward(Seq o) {
            double[] acc = sumOverTime(o);
            for (int i = 0; i < acc.length; i++) acc[i] /= o.T();
            return toFloat(acc);
        }

        @Override
        public Seq backward(Seq o, float[] gradLogits) {
            return broadcastOverTime(o, gradLogits, 1.0 / o.T());
        }
    },
    /** {@code m[b,k] = max_t o[t,b,k]}; the gradient goes to the first maximal step, as torch.max. */
    MAX {
        @Override
        public float[] forward(Seq o) {
            int B = o.B(), K = o.C();
            float[] m = new float[B * K];
            int[] at = argmaxOverTime(o);
            for (int i = 0; i < m.length; i++) m[i] = o.get(at[i], i / K, i % K);
            return m;
        }

        @Override
        public Seq backward(Seq o, float[] gradLogits) {
            checkGrad(o, gradLogits);
            int B = o.B(), K = o.C();
            float[] g = new float[o.data().length];
            int[] at = argmaxOverTime(o);
            for (int i = 0; i < B * K; i++) g[o.index(at[i], i / K, i % K)] = gradLogits[i];
            return new Seq(g, o.T(), B, K);
        }
    },
    /** {@code m[b,k] = Σ_t o[t,b,k]} over the output layer's spikes (threshold {@value #SPIKE_COUNT_THRESHOLD}). */
    SPIKE_COUNT {
        @Override
        public float[] forward(Seq o) {
            return toFloat(sumOverTime(o));
        }

        @Override
        public Seq backward(Seq o, float[] gradLogits) {
            return broadcastOverTime(o, gradLogits, 1.0);
        }
    };

    /** Output-layer threshold of the spike-count readout in SNN-delays. */
    public static final double SPIKE_COUNT_THRESHOLD = 2.0;

    /** The logits [B][K] (flat, row-major) of the output sequence [T][B][K]. */
    public abstract float[] forward(Seq o);

    /** dL/do [T][B][K] given dL/dm [B][K] and the sequence {@code o} forward was given. */
    public abstract Seq backward(Seq o, float[] gradLogits);

    /** Whether it reads the output layer's membrane trace (else its spikes). */
    public boolean readsMembrane() {
        return this != SPIKE_COUNT;
    }

    /** The output layer's firing threshold this readout is meant for (1e9: never fires). */
    public double outputThreshold() {
        return readsMembrane() ? 1e9 : SPIKE_COUNT_THRESHOLD;
    }

    /** The reference's name, as in configuration files: sum, mean, max, spike_count. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The readout named {@code name} (sum, mean, max, spike_count; case-insensitive). */
    public static Readout parse(String name) {
        String key = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Readout r : values()) if (r.name().equals(key)) return r;
        throw new UserInputException("readout: unknown value '" + name + "'; use one of sum, mean, max, spike_count");
    }

    /** softmax of {@code x[off .. off+K)} into {@code p}, in double, max-shifted. */
    static void softmax(float[] x, int off, int K, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) max = Math.max(max, x[off + k]);
        double sum = 0;
        for (int k = 0; k < K; k++) sum += p[k] = Math.exp(x[off + k] - max);
        for (int k = 0; k < K; k++) p[k] /= sum;
    }

    private static double[] sumOverTime(Seq o) {
        int BK = o.B() * o.C();
        double[] acc = new double[BK];
        float[] d = o.data();
        for (int t = 0; t < o.T(); t++) for (int i = 0; i < BK; i++) acc[i] += d[t * BK + i];
        return acc;
    }

    private static Seq broadcastOverTime(Seq o, float[] gradLogits, double factor) {
        checkGrad(o, gradLogits);
        int BK = o.B() * o.C();
        float[] g = new float[o.data().length];
        for (int t = 0; t < o.T(); t++) for (int i = 0; i < BK; i++) g[t * BK + i] = (float) (gradLogits[i] * factor);
        return new Seq(g, o.T(), o.B(), o.C());
    }

    private static int[] argmaxOverTime(Seq o) {
        int BK = o.B() * o.C();
        if (o.T() == 0) throw new IllegalArgumentException("max readout of an empty sequence (T = 0)");
        int[] at = new int[BK];
        float[] d = o.data();
        for (int i = 0; i < BK; i++) {
            float best = d[i];
            for (int t = 1; t < o.T(); t++) {
                if (d[t * BK + i] > best) {
                    best = d[t * BK + i];
                    at[i] = t;
                }
            }
        }
        return at;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static void checkGrad(Seq o, float[] gradLogits) {
        if (gradLogits.length != o.B() * o.C()) {
            throw new IllegalArgumentException("logit gradient has " + gradLogits.length + " values, expected B·K = " + o.B() * o.C());
        }
    }
}
