package org.delays4j.dcls;

/**
 * The naive float64 N-D cross-correlation (plain loops over every output, input channel of the
 * group and kernel entry) and its exact transpose: the obviously-correct twin of {@link ConvNd},
 * and the model of the finite-difference checks. Layouts as {@link ConvNdShape}.
 */
public final class ConvNdReference {
    /** Gradients of the input ([B][in][S…]), the kernel ([out][inG][K…]) and the bias ([out], or null). */
    public record Grads(double[] x, double[] kernel, double[] bias) {}

    private ConvNdReference() {}

    /** {@code y[b][o][l] = bias[o] + Σ_{i∈group(o)} Σ_n kernel[o][i][n] · xpad[b][i][l + n]}. */
    public static double[] forward(ConvNdShape sh, double[] x, double[] kernel, double[] bias) {
        double[] y = new double[sh.batch() * sh.out() * sh.outPlane()];
        visit(sh, (yi, xi, ki) -> y[yi] += kernel[ki] * x[xi]);
        if (bias != null) {
            int L = sh.outPlane();
            for (int b = 0; b < sh.batch(); b++)
                for (int o = 0; o < sh.out(); o++)
                    for (int l = 0; l < L; l++) y[(b * sh.out() + o) * L + l] += bias[o];
        }
        return y;
    }

    /** The transpose of {@link #forward} for an output cotangent {@code gy}. */
    public static Grads backward(ConvNdShape sh, double[] x, double[] kernel, double[] gy, boolean withBias) {
        double[] gx = new double[x.length], gk = new double[kernel.length];
        visit(sh, (yi, xi, ki) -> {
            gx[xi] += kernel[ki] * gy[yi];
            gk[ki] += x[xi] * gy[yi];
        });
        double[] gb = null;
        if (withBias) {
            gb = new double[sh.out()];
            int L = sh.outPlane();
            for (int b = 0; b < sh.batch(); b++)
                for (int o = 0; o < sh.out(); o++)
                    for (int l = 0; l < L; l++) gb[o] += gy[(b * sh.out() + o) * L + l];
        }
        return new Grads(gx, gk, gb);
    }

    /** One multiply-add of the correlation: output, input and kernel flat indices. */
    private interface Term {
        void at(int y, int x, int k);
    }

    /** Calls {@code t} for every (output, input, kernel) triple whose input lies inside (not padding). */
    private static void visit(ConvNdShape sh, Term t) {
        int[] S = sh.size3(), K = sh.kernel3(), P = sh.pad3(), O = sh.out3();
        int inG = sh.inPerGroup(), outG = sh.outPerGroup(), V = sh.kernelVolume(), Lin = sh.inPlane(), L = sh.outPlane();
        for (int b = 0; b < sh.batch(); b++)
            for (int o = 0; o < sh.out(); o++) {
                int g = o / outG;
                for (int i = 0; i < inG; i++) {
                    int xc = (b * sh.in() + g * inG + i) * Lin, kc = (o * inG + i) * V;
                    for (int o0 = 0; o0 < O[0]; o0++)
                        for (int o1 = 0; o1 < O[1]; o1++)
                            for (int o2 = 0; o2 < O[2]; o2++) {
                                int yi = (b * sh.out() + o) * L + (o0 * O[1] + o1) * O[2] + o2;
                                for (int n0 = 0; n0 < K[0]; n0++)
                                    for (int n1 = 0; n1 < K[1]; n1++)
                                        for (int n2 = 0; n2 < K[2]; n2++) {
                                            int s0 = o0 + n0 - P[0], s1 = o1 + n1 - P[1], s2 = o2 + n2 - P[2];
                                            if (s0 < 0 || s0 >= S[0] || s1 < 0 || s1 >= S[1] || s2 < 0 || s2 >= S[2]) continue;
                                            t.at(yi, xc + (s0 * S[1] + s1) * S[2] + s2, kc + (n0 * K[1] + n1) * K[2] + n2);
                                        }
                            }
                }
            }
    }
}
