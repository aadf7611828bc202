package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.core.Parallel;
import org.delays4j.core.ParallelOps;

/**
 * The float32 N-D cross-correlation of {@link DclsNd} by im2col + matrix products.
 *
 * <p>For one sample and group the input patches are unfolded into {@code col[inG·V][L]}
 * (row = input channel and kernel entry, column = output position, V = Π K_d, L = Π O_d); then
 * <ul>
 *   <li>forward: {@code Y[outG][L] += Kmat[outG][inG·V] · col} ({@code gemmNN}; the kernel
 *       {@code [out][inG][K…]} is already this matrix),</li>
 *   <li>input gradient: {@code dcol = Kmatᵀ · GY} ({@code gemmTN}), folded back by col2im,</li>
 *   <li>kernel gradient: {@code GK += GY · colᵀ} ({@code gemmNT}).</li>
 * </ul>
 * Samples are split over {@link Parallel} chunks, each with its own col buffer; products run
 * through {@link ParallelOps} (which splits them itself when there is one chunk, e.g. batch 1,
 * and runs them inline inside a chunk). The kernel gradient keeps one partial per chunk, summed in
 * chunk order: bit-identical for a given thread count. {@link ConvNdReference} is the naive twin.
 */
public final class ConvNd {
    private ConvNd() {}

    /** {@code y[B][out][O…]} of input {@code x[B][in][S…]}, kernel {@code [out][inG][K…]} and optional bias. */
    public static float[] forward(ConvNdShape sh, float[] x, float[] kernel, float[] bias) {
        int L = sh.outPlane(), outG = sh.outPerGroup(), rows = sh.inPerGroup() * sh.kernelVolume();
        float[] y = new float[sh.batch() * sh.out() * L];
        Parallel.forRange(sh.batch(), (chunk, from, to) -> {
            float[] col = new float[rows * L];
            for (int b = from; b < to; b++) {
                for (int g = 0; g < sh.groups(); g++) {
                    im2col(sh, x, b, g, col);
                    ParallelOps.gemmNN(outG, L, rows, kernel, g * outG * rows, rows, col, 0, L,
                            y, (b * sh.out() + g * outG) * L, L);
                }
                if (bias != null) {
                    for (int o = 0; o < sh.out(); o++) {
                        int yo = (b * sh.out() + o) * L;
                        for (int l = 0; l < L; l++) y[yo + l] += bias[o];
                    }
                }
            }
        });
        return y;
    }

    /** The input gradient {@code [B][in][S…]} for an output cotangent {@code gy}. */
    public static float[] inputGrad(ConvNdShape sh, float[] kernel, float[] gy) {
        int L = sh.outPlane(), outG = sh.outPerGroup(), rows = sh.inPerGroup() * sh.kernelVolume();
        float[] gx = new float[sh.batch() * sh.in() * sh.inPlane()];
        Parallel.forRange(sh.batch(), (chunk, from, to) -> {
            float[] col = new float[rows * L];
            for (int b = from; b < to; b++) {
                for (int g = 0; g < sh.groups(); g++) {
                    Arrays.fill(col, 0f);
                    ParallelOps.gemmTN(rows, L, outG, kernel, g * outG * rows, rows, gy, (b * sh.out() + g * outG) * L, L,
                            col, 0, L);
                    col2im(sh, col, b, g, gx);
                }
            }
        });
        return gx;
    }

    /** Adds the kernel gradient {@code [out][inG][K…]} for input x and cotangent gy to {@code gKernel}. */
    public static void kernelGrad(ConvNdShape sh, float[] x, float[] gy, float[] gKernel) {
        int L = sh.outPlane(), outG = sh.outPerGroup(), rows = sh.inPerGroup() * sh.kernelVolume();
        int chunks = Parallel.chunks(sh.batch());
        float[][] partial = new float[chunks][];
        Parallel.forRange(sh.batch(), (chunk, from, to) -> {
            float[] col = new float[rows * L], gk = new float[gKernel.length];
            for (int b = from; b < to; b++) {
                for (int g = 0; g < sh.groups(); g++) {
                    im2col(sh, x, b, g, col);
                    ParallelOps.gemmNT(outG, rows, L, gy, (b * sh.out() + g * outG) * L, L, col, 0, L,
                            gk, g * outG * rows, rows);
                }
            }
            partial[chunk] = gk;
        });
        for (float[] p : partial) for (int k = 0; k < p.length; k++) gKernel[k] += p[k]; // chunk order
    }

    /** Adds the bias gradient {@code [out]} (sums of gy over batch and positions) to {@code gBias}. */
    public static void biasGrad(ConvNdShape sh, float[] gy, float[] gBias) {
        int L = sh.outPlane();
        for (int b = 0; b < sh.batch(); b++)
            for (int o = 0; o < sh.out(); o++) {
                int yo = (b * sh.out() + o) * L;
                double s = 0;
                for (int l = 0; l < L; l++) s += gy[yo + l];
                gBias[o] += (float) s;
            }
    }

    /**
     * {@code col[(i·V + n)·L + l] = xpad[b][g·inG + i][l + n]}: for each (channel, kernel entry)
     * row, the valid output range of the last dimension is one contiguous copy; the rest is zero.
     */
    static void im2col(ConvNdShape sh, float[] x, int b, int g, float[] col) {
        int[] S = sh.size3(), K = sh.kernel3(), P = sh.pad3(), O = sh.out3();
        int inG = sh.inPerGroup(), Lin = sh.inPlane(), r = 0;
        for (int i = 0; i < inG; i++) {
            int xc = (b * sh.in() + g * inG + i) * Lin;
            for (int n0 = 0; n0 < K[0]; n0++)
                for (int n1 = 0; n1 < K[1]; n1++)
                    for (int n2 = 0; n2 < K[2]; n2++, r++) {
                        int lo = Math.max(0, P[2] - n2), hi = Math.min(O[2], S[2] + P[2] - n2); // valid o2 in [lo, hi)
                        int c = r * O[0] * O[1] * O[2];
                        for (int o0 = 0; o0 < O[0]; o0++) {
                            int s0 = o0 + n0 - P[0];
                            for (int o1 = 0; o1 < O[1]; o1++, c += O[2]) {
                                int s1 = o1 + n1 - P[1];
                                if (s0 < 0 || s0 >= S[0] || s1 < 0 || s1 >= S[1] || lo >= hi) {
                                    Arrays.fill(col, c, c + O[2], 0f);
                                    continue;
                                }
                                Arrays.fill(col, c, c + lo, 0f);
                                System.arraycopy(x, xc + (s0 * S[1] + s1) * S[2] + lo + n2 - P[2], col, c + lo, hi - lo);
                                Arrays.fill(col, c + hi, c + O[2], 0f);
                            }
                        }
                    }
        }
    }

    /** The transpose of {@link #im2col}: adds every valid {@code col} entry back to its input element. */
    static void col2im(ConvNdShape sh, float[] col, int b, int g, float[] gx) {
        int[] S = sh.size3(), K = sh.kernel3(), P = sh.pad3(), O = sh.out3();
        int inG = sh.inPerGroup(), Lin = sh.inPlane(), r = 0;
        for (int i = 0; i < inG; i++) {
            int xc = (b * sh.in() + g * inG + i) * Lin;
            for (int n0 = 0; n0 < K[0]; n0++)
                for (int n1 = 0; n1 < K[1]; n1++)
                    for (int n2 = 0; n2 < K[2]; n2++, r++) {
                        int lo = Math.max(0, P[2] - n2), hi = Math.min(O[2], S[2] + P[2] - n2);
                        int c = r * O[0] * O[1] * O[2];
                        for (int o0 = 0; o0 < O[0]; o0++) {
                            int s0 = o0 + n0 - P[0];
                            for (int o1 = 0; o1 < O[1]; o1++, c += O[2]) {
                                int s1 = o1 + n1 - P[1];
                                if (s0 < 0 || s0 >= S[0] || s1 < 0 || s1 >= S[1]) continue;
                                int xo = xc + (s0 * S[1] + s1) * S[2] + n2 - P[2];
                                for (int o2 = lo; o2 < hi; o2++) gx[xo + o2] += col[c + o2];
                            }
                        }
                    }
        }
    }
}
