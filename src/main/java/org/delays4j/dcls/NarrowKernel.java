package org.delays4j.dcls;

/**
 * The kept kernel entries of a narrow kernel (small σ), listed per destination channel for the
 * two correlations that use them: forward (per output o: entries (input i, tap n, weight)) and
 * input gradient (per input i: entries (output o, tap n, weight)).
 *
 * <p>An entry is kept when {@code |kernel[o,i,n]| > tol · Σ_j |W[o,i,j]|}; the dropped ones
 * change each output by at most {@code tol · Σ_{i,j} |W[o,i,j]| · Σ_{dropped taps} |x|}, i.e.
 * nothing beyond float32 rounding at the default tol = 2⁻²⁴. Lists are CSR, sorted by source
 * channel then tap, so consecutive entries read neighbouring memory.
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

        static Lists of(int[] ptr, int[] src, int[] tap, float[] w, int sources) {
            int dst = ptr.length - 1, nb = (sources + SRC_BLOCK - 1) / SRC_BLOCK;
            int[] bp = new int[dst * (nb + 1)];
            for (int c = 0; c < dst; c++) {
                int e = ptr[c];
                for (int k = 0; k <= nb; k++) {
                    while (e < ptr[c + 1] && src[e] < k * SRC_BLOCK) e++;
                    bp[c * (nb + 1) + k] = e;
                }
            }
            return new Lists(ptr, src, tap, w, bp, nb);
        }
    }

    private final double tolerance;
    private final Lists forward, inputGrad;

    private NarrowKernel(double tolerance, Lists forward, Lists inputGrad) {
        this.tolerance = tolerance;
        this.forward = forward;
        this.inputGrad = inputGrad;
    }

    double tolerance() {
        return tolerance;
    }

    /** Per output channel: (input channel, tap, weight). */
    Lists forward() {
        return forward;
    }

    /** Per input channel: (output channel, tap, weight). */
    Lists inputGrad() {
        return inputGrad;
    }

    /**
     * From the tap-major kernel and the keep mask over (synapse s = o·inG + ii, tap n). The
     * forward lists are filled in (o, ii, n) order; the input-gradient lists are their transpose
     * by a counting sort on the source, which keeps (o, n) order within each input.
     */
    static NarrowKernel build(ConvShape s, float[] kt, boolean[] keep, long keptCount, double tol) {
        int K = s.K(), in = s.in(), out = s.out(), inG = s.inG(), outG = s.outG();
        int total = Math.toIntExact(keptCount);
        int[] fp = new int[out + 1], fs = new int[total], ft = new int[total];
        float[] fw = new float[total];
        int[] perInput = new int[in + 1];
        int k = 0;
        for (int o = 0; o < out; o++) {
            int g = o / outG, oo = o % outG;
            for (int ii = 0; ii < inG; ii++) {
                int sy = o * inG + ii, i = g * inG + ii;
                for (int n = 0; n < K; n++) {
                    if (!keep[sy * K + n]) continue;
                    fs[k] = i;
                    ft[k] = n;
                    fw[k++] = kt[(n * in + i) * outG + oo];
                    perInput[i + 1]++;
                }
            }
            fp[o + 1] = k;
        }
        for (int i = 0; i < in; i++) perInput[i + 1] += perInput[i];
        int[] gp = perInput.clone(), gs = new int[total], gt = new int[total], next = perInput.clone();
        float[] gw = new float[total];
        for (int o = 0; o < out; o++) {
            for (int e = fp[o]; e < fp[o + 1]; e++) {
                int j = next[fs[e]]++;
                gs[j] = o;
                gt[j] = ft[e];
                gw[j] = fw[e];
            }
        }
        return new NarrowKernel(tol, Lists.of(fp, fs, ft, fw, in), Lists.of(gp, gs, gt, gw, out));
    }
}
