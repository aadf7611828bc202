package org.delays4j.dcls;

import org.delays4j.core.Kernels;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;

/**
 * The sparse-input path: forward and kernel gradient visit only the non-zero inputs, so their
 * cost is nnz·K·outG instead of T·B·in·K·outG multiply-adds.
 *
 * <p>Forward, per output row (t, b): {@code y[t,b,:] += Σ_n Σ_{i active at (t+n-padL, b)}
 * v·K_n[i,:]}; the output row stays in L1 while kernel rows stream in. Kernel gradient, per
 * input channel i (CSC, samples in blocks so the gradient rows they read stay in cache):
 * {@code GK_n[i,:] += v·GY[t+padL-n, b, :]} for every non-zero (t, b, i). Both split disjoint
 * outputs across threads (output time chunks, input channels), so the summation order does
 * not depend on the thread count.
 */
final class SparseConv1d {
    /** Samples per block in the kernel gradient (their gradient rows should fit in L2). */
    static final int SAMPLE_BLOCK = 4;

    private SparseConv1d() {}

    static void forward(ConvShape s, SparseInput xs, float[] kt, float[] y) {
        int in = s.in(), out = s.out(), B = s.B(), G = s.groups(), outG = s.outG(), K = s.K(), pl = s.padLeft(), T = s.T();
        int[] ptr = xs.rowPtr(), cols = xs.cols();
        float[] vals = xs.vals();
        Parallel.forRange(s.Tout(), (chunk, t0, t1) -> {
            Ops ops = Kernels.ops();
            for (int t = t0; t < t1; t++) {
                int nFrom = Math.max(0, pl - t), nTo = Math.min(K, T + pl - t);
                for (int b = 0; b < B; b++) {
                    int yRow = (t * B + b) * out;
                    for (int n = nFrom; n < nTo; n++) {
                        int r = (t + n - pl) * B + b, kn = n * in;
                        for (int g = 0; g < G; g++) {
                            int yo = yRow + g * outG;
                            for (int k = ptr[r * G + g], e = ptr[r * G + g + 1]; k < e; k++) {
                                int kr = (kn + cols[k]) * outG;
                                if (vals == null) ops.add(outG, kt, kr, y, yo);
                                else ops.axpy(outG, vals[k], kt, kr, y, yo);
                            }
                        }
                    }
                }
            }
        });
    }

    static void kernelGrad(ConvShape s, SparseInput xs, float[] gy, float[] gkt) {
        xs.buildCsc();
        int in = s.in(), out = s.out(), B = s.B(), outG = s.outG(), K = s.K(), pl = s.padLeft(), To = s.Tout(), inG = s.inG();
        int[] ptr = xs.colPtr(), time = xs.cscTime();
        float[] val = xs.cscVal();
        Parallel.forRange(in, (chunk, i0, i1) -> {
            Ops ops = Kernels.ops();
            for (int b0 = 0; b0 < B; b0 += SAMPLE_BLOCK) {
                int b1 = Math.min(B, b0 + SAMPLE_BLOCK);
                for (int i = i0; i < i1; i++) {
                    int go = (i / inG) * outG;
                    if (ptr[i * B + b0] == ptr[i * B + b1]) continue;
                    for (int n = 0; n < K; n++) {
                        int gk = (n * in + i) * outG, shift = pl - n;
                        for (int b = b0; b < b1; b++) {
                            for (int k = ptr[i * B + b], e = ptr[i * B + b + 1]; k < e; k++) {
                                int t = time[k] + shift;
                                if (t < 0 || t >= To) continue;
                                int gr = (t * B + b) * out + go;
                                if (val == null) ops.add(outG, gy, gr, gkt, gk);
                                else ops.axpy(outG, val[k], gy, gr, gkt, gk);
                            }
                        }
                    }
                }
            }
        });
    }
}
