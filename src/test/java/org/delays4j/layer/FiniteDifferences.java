package org.delays4j.layer;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.delays4j.core.Seq;

/** Central finite differences on float32 arrays, for gradient checks of float32 layers. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * dL/da[i] for every i by central differences with step {@code h}: a[i] is set to the float32
     * values nearest a[i] ± h, and the true float32 step between them is the denominator.
     */
    static double[] gradient(DoubleSupplier loss, float[] a, double h) {
        double[] g = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            float saved = a[i], plus = (float) (saved + h), minus = (float) (saved - h);
            a[i] = plus;
            double lp = loss.getAsDouble();
            a[i] = minus;
            double lm = loss.getAsDouble();
            a[i] = saved;
            g[i] = (lp - lm) / ((double) plus - minus);
        }
        return g;
    }

    /** Σ w·y in double: a scalar loss whose cotangent on y is w. */
    static double dot(float[] w, float[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += (double) w[i] * y[i];
        return s;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static Seq randomSeq(long seed, int T, int B, int C, double mean, double std) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[T * B * C];
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * (2 * r.nextDouble() - 1) * Math.sqrt(3));
        return new Seq(d, T, B, C);
    }
}
