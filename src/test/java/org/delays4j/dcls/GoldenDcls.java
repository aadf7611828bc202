package org.delays4j.dcls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;

/** Reads a {@code dcls1d_*.json} golden case into this library's layouts. */
final class GoldenDcls {
    private static final Pattern VERSION = Pattern.compile("version='(\\w+)'");

    final Golden.Case c;
    final Dcls1dConfig cfg;
    final DclsVersion version;
    final int B, T, To;

    GoldenDcls(Golden.Case c) {
        this.c = c;
        Matcher m = VERSION.matcher(c.file().get("description").asText());
        if (!m.find()) throw new AssertionError(c + ": golden description does not name the version");
        version = DclsVersion.parse(m.group(1));
        int in = c.json().get("in_channels").asInt(), out = c.json().get("out_channels").asInt();
        int K = c.json().get("dilated_kernel_size").asInt();
        int[] xs = c.tensor("x").shape();
        B = xs[0];
        T = xs[2];
        int mCount = c.tensor("weight").shape()[2];
        cfg = new Dcls1dConfig(in, out, mCount, 1, K, false, version, c.json().get("left_pad").asInt(),
                c.json().get("right_pad").asInt(), true, true, true, 0.0);
        To = cfg.outputLength(T);
    }

    /** A golden [B][C][L] tensor as time-major [L][B][C] float64. */
    static double[] toTimeMajor(double[] bcl, int B, int C, int L) {
        double[] out = new double[bcl.length];
        for (int b = 0; b < B; b++)
            for (int ch = 0; ch < C; ch++)
                for (int t = 0; t < L; t++) out[(t * B + b) * C + ch] = bcl[(b * C + ch) * L + t];
        return out;
    }

    double[] x() {
        return toTimeMajor(c.tensor("x").data(), B, cfg.in(), T);
    }

    double[] y() {
        return toTimeMajor(c.tensor("y").data(), B, cfg.out(), To);
    }

    double[] yCot() {
        return toTimeMajor(c.tensor("y_cotangent").data(), B, cfg.out(), To);
    }

    double[] gradX() {
        return toTimeMajor(c.tensor("grad_x").data(), B, cfg.in(), T);
    }

    /** [out][in][m] parameters (P and SIG drop the reference's leading 1). */
    double[] param(String name) {
        return c.tensor(name).data();
    }

    Dcls1dReference.Params params() {
        return new Dcls1dReference.Params(param("weight"), param("P"), param("SIG"), null);
    }

    static Seq seq(double[] d, int T, int B, int C) {
        float[] f = new float[d.length];
        for (int k = 0; k < f.length; k++) f[k] = (float) d[k];
        return new Seq(f, T, B, C);
    }

    static void load(float[] dst, double[] src) {
        for (int k = 0; k < src.length; k++) dst[k] = (float) src[k];
    }

    @Override
    public String toString() {
        return c.toString();
    }
}
