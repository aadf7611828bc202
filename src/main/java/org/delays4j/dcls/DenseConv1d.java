package org.delays4j.dcls;

import org.delays4j.core.Kernels;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;

/**
 * The dense path: one matrix product per tap (and group) over all T·B rows at once, on the
 * compute core ({@link Kernels#ops()}). A tap's time shift is a row offset of B rows.
 *
 * <p>Forward {@code Y[t] += X[t+n-padL]·K_n}; input gradient {@code GX[t] += GY[t-n+padL]·K_nᵀ};
 * kernel gradient {@code GK_n += X_shiftᵀ·GY}. Forward and input gradient split the time axis
 * into chunks (disjoint output rows); the kernel gradient splits the taps (disjoint kernel
 * slices), so results do not depend on the thread count.
 */
final class DenseConv1d {
    private DenseConv1d() {}

    /** y [Tout][B][out] += conv(x, kt). */
    static void forward(ConvShape s, float[] x, float[] kt, float[] y) {
        int in = s.in(), out = s.out(), B = s.B(), inG = s.inG(), outG = s.outG();
        Parallel.forRange(s.Tout(), (chunk, t0, t1) -> {
            Ops ops = Kernels.ops();
            for (int n = 0; n < s.K(); n++) {
                int a = Math.max(t0, s.outFrom(n)), b = Math.min(t1, s.outTo(n));
                if (a >= b) continue;
                int xs = a + n - s.padLeft();
                for (int g = 0; g < s.groups(); g++) {
                    ops.gemmNN((b - a) * B, outG, inG, x, xs * B * in + g * inG, in,
                            kt, (n * in + g * inG) * outG, outG, y, a * B * out + g * outG, out);
                }
            }
        });
    }

    /** gx [T][B][in] += correlation of gy with the kernel (the transpose of {@link #forward}). */
    static void inputGrad(ConvShape s, float[] gy, float[] kt, float[] gx) {
        int in = s.in(), out = s.out(), B = s.B(), inG = s.inG(), outG = s.outG();
        Parallel.forRange(s.T(), (chunk, t0, t1) -> {
            Ops ops = Kernels.ops();
            for (int n = 0; n < s.K(); n++) {
                // input step t meets output step t + padL - n
                int a = Math.max(t0, s.outFrom(n) + n - s.padLeft()), b = Math.min(t1, s.outTo(n) + n - s.padLeft());
                if (a >= b) continue;
                int ys = a + s.padLeft() - n;
                for (int g = 0; g < s.groups(); g++) {
                    ops.gemmNT((b - a) * B, inG, outG, gy, ys * B * out + g * outG, out,
                            kt, (n * in + g * inG) * outG, outG, gx, a * B * in + g * inG, in);
                }
            }
        });
    }

    /** gkt [K][in][outG] += X_shiftᵀ · GY per tap. */
    static void kernelGrad(ConvShape s, float[] x, float[] gy, float[] gkt) {
        int in = s.in(), out = s.out(), B = s.B(), inG = s.inG(), outG = s.outG(), G = s.groups();
        Parallel.forRange(s.K() * G, (chunk, from, to) -> {
            Ops ops = Kernels.ops();
            for (int job = from; job < to; job++) {
                int n = job / G, g = job % G;
                int a = s.outFrom(n), b = s.outTo(n);
                if (a >= b) continue;
                int xs = a + n - s.padLeft();
                ops.gemmTN(inG, outG, (b - a) * B, x, xs * B * in + g * inG, in,
                        gy, a * B * out + g * outG, out, gkt, (n * in + g * inG) * outG, outG);
            }
        });
    }
}
