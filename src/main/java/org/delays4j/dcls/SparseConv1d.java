package org.delays4j.dcls;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;

/**
 * The sparse-input path: forward and kernel gradient visit only the non-zero inputs, so their
 * cost is nnz·K·outG instead of T·B·in·K·outG multiply-adds.
 *
 * <p>Forward, per output row (t, b): {@code y[t,b,:] += Σ_n Σ_{i active at (t+n-padL, b)}
 * v·K_n[i,:]}. The Vector API version sums a block of {@link #OB} outputs in registers and
 * reads the kernel from a copy blocked by outputs ({@link #block}): one block of all taps and
 * inputs (K·in·OB floats, ~800 KB for the SHD layers) stays in L2 while the rows stream past,
 * instead of every kernel row coming from L3. The plain-loop twin adds whole kernel rows. Kernel gradient, per
 * input channel i (CSC, samples in blocks so the gradient rows they read stay in cache):
 * {@code GK_n[i,:] += v·GY[t+padL-n, b, :]} for every non-zero (t, b, i). Both split disjoint
 * outputs across threads (output time chunks, input channels), so the summation order does
 * not depend on the thread count.
 */
final class SparseConv1d {
    /** Samples per block in the kernel gradient (their gradient rows should fit in L2). */
    static final int SAMPLE_BLOCK = 4;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Outputs per block of the blocked kernel: two vectors. */
    static final int OB = 2 * S.length();

    private SparseConv1d() {}

    /** kt [K][in][outG] → blocked [ceil(outG/OB)][K][in][OB], zero-padded past outG. */
    static float[] block(float[] kt, int K, int in, int outG) {
        int nb = (outG + OB - 1) / OB;
        float[] bl = new float[nb * K * in * OB];
        for (int n = 0; n < K; n++) {
            for (int i = 0; i < in; i++) {
                int src = (n * in + i) * outG;
                for (int ob = 0; ob < nb; ob++) {
                    int w = Math.min(OB, outG - ob * OB);
                    System.arraycopy(kt, src + ob * OB, bl, ((ob * K + n) * in + i) * OB, w);
                }
            }
        }
        return bl;
    }

    static void forward(ConvShape s, SparseInput xs, KernelBuffers kb, float[] y) {
        if (Kernels.vectorized()) forwardVector(s, xs, kb.blocked(), y);
        else forwardNaive(s, xs, kb.kt, y);
    }

    /** Blocked kernel, outputs summed in registers. */
    static void forwardVector(ConvShape s, SparseInput xs, float[] bl, float[] y) {
        Parallel.forRange(s.Tout(), (chunk, t0, t1) -> rowsVector(s, xs.rowPtr(), xs.cols(), xs.vals(), bl, y, t0, t1));
    }

    private static void rowsVector(ConvShape s, int[] ptr, int[] cols, float[] vals, float[] bl, float[] y, int t0, int t1) {
        int in = s.in(), out = s.out(), B = s.B(), G = s.groups(), outG = s.outG(), K = s.K(), pl = s.padLeft(), T = s.T();
        int L = S.length(), nb = (outG + OB - 1) / OB;
        float[] tmp = new float[OB];
        for (int t = t0; t < t1; t++) {
            int nFrom = Math.max(0, pl - t), nTo = Math.min(K, T + pl - t);
            for (int b = 0; b < B; b++) {
                int yRow = (t * B + b) * out;
                for (int g = 0; g < G; g++) {
                    for (int ob = 0; ob < nb; ob++) {
                        FloatVector a0 = FloatVector.zero(S), a1 = a0;
                        for (int n = nFrom; n < nTo; n++) {
                            int r = ((t + n - pl) * B + b) * G + g, kn = (ob * K + n) * in;
                            if (vals == null) {
                                for (int k = ptr[r], e = ptr[r + 1]; k < e; k++) {
                                    int base = (kn + cols[k]) * OB;
                                    a0 = a0.add(FloatVector.fromArray(S, bl, base));
                                    a1 = a1.add(FloatVector.fromArray(S, bl, base + L));
                                }
                            } else {
                                for (int k = ptr[r], e = ptr[r + 1]; k < e; k++) {
                                    int base = (kn + cols[k]) * OB;
                                    FloatVector v = FloatVector.broadcast(S, vals[k]);
                                    a0 = FloatVector.fromArray(S, bl, base).fma(v, a0);
                                    a1 = FloatVector.fromArray(S, bl, base + L).fma(v, a1);
                                }
                            }
                        }
                        int yo = yRow + g * outG + ob * OB, w = Math.min(OB, outG - ob * OB);
                        if (w == OB) {
                            FloatVector.fromArray(S, y, yo).add(a0).intoArray(y, yo);
                            FloatVector.fromArray(S, y, yo + L).add(a1).intoArray(y, yo + L);
                        } else {
                            a0.intoArray(tmp, 0);
                            a1.intoArray(tmp, L);
                            for (int j = 0; j < w; j++) y[yo + j] += tmp[j];
                        }
                    }
                }
            }
        }
    }

    /** Plain loops: whole kernel rows added into the output row (the obviously-correct twin). */
    static void forwardNaive(ConvShape s, SparseInput xs, float[] kt, float[] y) {
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
