package org.delays4j.dcls;

import java.util.function.BooleanSupplier;
import org.delays4j.core.Parallel;

/**
 * The kept kernel entries of a narrow kernel (small σ), listed per destination channel for the
 * two correlations that use them: forward (per output o: entries (input i, tap n, weight)) and
 * input gradient (per input i: entries (output o, tap n, weight)).
 *
 * <p>An entry is kept when {@code |kernel[o,i,n]| > tol · Σ_j |W[o,i,j]|}; the dropped ones
 * change each output by at most {@code tol · Σ_{i,j} |W[o,i,j]| · Σ_{dropped taps} |x|}, i.e.
 * nothing beyond float32 rounding at the default tol = 2⁻²⁴. Lists are CSR, sorted by source
 * channel then tap, so consecutive entries read neighbouring memory.
 *
 * <p>Each direction's lists are built on first use (a training step of the sparse-narrow path
 * needs only the input-gradient lists, the first layer none), in parallel over destination
 * channels from the float64 kernel rows and the keep mask of the {@link KernelBuffers} build that
 * made this view. The view reads that build's arrays: using it after the kernel was rebuilt
 * throws.
 */
final class NarrowKernel {
    /** Source channels per block of the blocked correlation (their panel rows stay in L1). */
    static final int SRC_BLOCK = 32;

    /**
     * One direction's lists: entries {@code ptr[c] .. ptr[c+1]} of destination channel c; within
     * them, those of source block k ({@link #SRC_BLOCK} channels) are
     * {@code blockPtr[c·(nb+1) + k] .. blockPtr[c·(nb+1) + k + 1]}, nb = ceil(sources / SRC_BLOCK).
     */
    record Lists(int[] ptr, int[] src, int[] tap, float[] w, int[] blockPtr, int blocks) {
        int entries() {
            return src.length;
        }
    }

    private final double tolerance;
    private final ConvShape s;
    private final double[] k64;
    private final boolean[] keep;
    private final int[] synKept;
    private final BooleanSupplier current;
    private Lists forward, inputGrad;

    private NarrowKernel(double tolerance, ConvShape s, double[] k64, boolean[] keep, int[] synKept, BooleanSupplier current) {
        this.tolerance = tolerance;
        this.s = s;
        this.k64 = k64;
        this.keep = keep;
        this.synKept = synKept;
        this.current = current;
    }

    /**
     * A view of the kernel rows {@code k64} [out·inG][K] (synapse s = o·inG + ii) with keep mask
     * {@code keep} [out·inG][K] and kept taps per synapse {@code synKept}; {@code current} says
     * whether those arrays still hold the kernel this view was made for.
     */
    static NarrowKernel of(ConvShape s, double[] k64, boolean[] keep, int[] synKept, double tol, BooleanSupplier current) {
        return new NarrowKernel(tol, s, k64, keep, synKept, current);
    }

    double tolerance() {
        return tolerance;
    }

    /** Kept kernel entries (the length of either direction's lists), without building the lists. */
    long entries() {
        long n = 0;
        for (int c : synKept) n += c;
        return n;
    }

    /** Per output channel: (input channel, tap, weight). Call from one thread (built on first use). */
    Lists forward() {
        if (forward == null) forward = buildForward();
        return forward;
    }

    /** Per input channel: (output channel, tap, weight). Call from one thread (built on first use). */
    Lists inputGrad() {
        if (inputGrad == null) inputGrad = buildInputGrad();
        return inputGrad;
    }

    private void checkCurrent() {
        if (!current.getAsBoolean()) throw new IllegalStateException("narrow kernel view used after the kernel was rebuilt");
    }

    /** Forward lists in (o, ii, n) order: entries of output o read the rows of its synapses in turn. */
    private Lists buildForward() {
        checkCurrent();
        int K = s.K(), in = s.in(), out = s.out(), inG = s.inG(), outG = s.outG();
        int[] ptr = new int[out + 1];
        for (int o = 0; o < out; o++) {
            int c = 0;
            for (int ii = 0; ii < inG; ii++) c += synKept[o * inG + ii];
            ptr[o + 1] = ptr[o] + c;
        }
        int total = ptr[out], nb = (in + SRC_BLOCK - 1) / SRC_BLOCK;
        int[] src = new int[total], tap = new int[total], bp = new int[out * (nb + 1)];
        float[] w = new float[total];
        Parallel.forRange(out, (chunk, o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                int k = ptr[o], g = o / outG;
                for (int ii = 0; ii < inG; ii++) {
                    int sy = o * inG + ii, i = g * inG + ii;
                    if (synKept[sy] == 0) continue;
                    for (int n = 0; n < K; n++) {
                        if (!keep[sy * K + n]) continue;
                        src[k] = i;
                        tap[k] = n;
                        w[k++] = (float) k64[sy * K + n];
                    }
                }
                blockPointers(ptr, src, o, nb, bp);
            }
        });
        return new Lists(ptr, src, tap, w, bp, nb);
    }

    /**
     * Input-gradient lists in (i, o, n) order: the transpose of the forward lists. Each chunk of
     * inputs walks the outputs in order, reading the contiguous rows of its synapses, and appends
     * to its inputs' lists.
     */
    private Lists buildInputGrad() {
        checkCurrent();
        int K = s.K(), in = s.in(), out = s.out(), inG = s.inG(), outG = s.outG();
        int[] ptr = new int[in + 1];
        for (int o = 0; o < out; o++) {
            int i0 = (o / outG) * inG;
            for (int ii = 0; ii < inG; ii++) ptr[i0 + ii + 1] += synKept[o * inG + ii];
        }
        for (int i = 0; i < in; i++) ptr[i + 1] += ptr[i];
        int total = ptr[in], nb = (out + SRC_BLOCK - 1) / SRC_BLOCK;
        int[] src = new int[total], tap = new int[total], bp = new int[in * (nb + 1)];
        float[] w = new float[total];
        Parallel.forRange(in, (chunk, i0, i1) -> {
            int[] next = java.util.Arrays.copyOfRange(ptr, i0, i1);
            for (int o = 0; o < out; o++) {
                int g = o / outG, a = Math.max(i0, g * inG), b = Math.min(i1, (g + 1) * inG);
                for (int i = a; i < b; i++) {
                    int sy = o * inG + i - g * inG;
                    if (synKept[sy] == 0) continue;
                    int k = next[i - i0];
                    for (int n = 0; n < K; n++) {
                        if (!keep[sy * K + n]) continue;
                        src[k] = o;
                        tap[k] = n;
                        w[k++] = (float) k64[sy * K + n];
                    }
                    next[i - i0] = k;
                }
            }
            for (int i = i0; i < i1; i++) blockPointers(ptr, src, i, nb, bp);
        });
        return new Lists(ptr, src, tap, w, bp, nb);
    }

    /** Destination c's block pointers: the first entry of each source block (sources ascending). */
    private static void blockPointers(int[] ptr, int[] src, int c, int nb, int[] bp) {
        int e = ptr[c];
        for (int k = 0; k <= nb; k++) {
            while (e < ptr[c + 1] && src[e] < k * SRC_BLOCK) e++;
            bp[c * (nb + 1) + k] = e;
        }
    }
}
