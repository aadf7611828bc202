package org.delays4j.dcls;

import java.util.SplittableRandom;
import org.delays4j.core.Seq;

/** Seeded random inputs and layers for the path tests. */
final class RandomDcls {
    private RandomDcls() {}

    /** What the input looks like. */
    enum Input { SPIKES, COUNTS, REAL }

    /**
     * A [T][B][C] input of the given kind and density; sample b is zero after its length
     * {@code T - b % 3 * 2} (a zero-padded variable-length batch).
     */
    static Seq input(SplittableRandom r, int T, int B, int C, Input kind, double density) {
        float[] d = new float[T * B * C];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                if (t >= T - (b % 3) * 2) continue;
                for (int c = 0; c < C; c++) {
                    if (kind != Input.REAL && r.nextDouble() >= density) continue;
                    d[(t * B + b) * C + c] = switch (kind) {
                        case SPIKES -> 1f;
                        case COUNTS -> 1 + r.nextInt(3);
                        case REAL -> (float) r.nextGaussian();
                    };
                }
            }
        }
        return new Seq(d, T, B, C);
    }

    /** n standard normal floats. */
    static float[] gaussian(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float) r.nextGaussian();
        return a;
    }

    /**
     * ‖got − ref‖₂ / ‖ref‖₂ against a float64 reference; an all-zero reference counts as a tiny
     * one (any non-zero result fails), unlike {@code Golden.relErr}.
     */
    static double relErr(float[] got, double[] ref) {
        double num = 0, den = 0;
        for (int k = 0; k < ref.length; k++) {
            num += (got[k] - ref[k]) * (got[k] - ref[k]);
            den += ref[k] * ref[k];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }

    static Seq gaussian(SplittableRandom r, int T, int B, int C) {
        float[] d = new float[T * B * C];
        for (int k = 0; k < d.length; k++) d[k] = (float) r.nextGaussian();
        return new Seq(d, T, B, C);
    }

    /** A layer with random W, P in [-c, c], SIG = sigma (± per element when signed) and bias. */
    static Dcls1d layer(Dcls1dConfig cfg, SplittableRandom r, double sigma) {
        Dcls1d l = new Dcls1d(cfg);
        l.init(new java.util.Random(r.nextLong()));
        float[] s = l.sigma().value();
        for (int k = 0; k < s.length; k++) s[k] = (float) (r.nextBoolean() ? sigma : -sigma);
        if (l.bias() != null) for (int k = 0; k < l.bias().size(); k++) l.bias().value()[k] = (float) r.nextGaussian();
        return l;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < d.length; k++) d[k] = f[k];
        return d;
    }

    /** The layer's parameters in float64. */
    static Dcls1dReference.Params params(Dcls1d l) {
        return new Dcls1dReference.Params(toDouble(l.weight().value()), toDouble(l.positions().value()),
                toDouble(l.sigma().value()), l.bias() == null ? null : toDouble(l.bias().value()));
    }
}
