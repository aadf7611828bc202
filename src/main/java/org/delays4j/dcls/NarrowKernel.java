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
    /** One direction's lists: entries {@code ptr[c] .. ptr[c+1]} of destination channel c. */
    record Lists(int[] ptr, int[] src, int[] tap, float[] w) {
        int entries() {
            return src.length;
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

    static NarrowKernel build(ConvShape s, KernelBuffers kb, double tol) {
        int K = s.K(), in = s.in(), out = s.out(), inG = s.inG(), outG = s.outG(), syn = kb.synapses();
        boolean[] keep = new boolean[syn * K];
        int total = 0;
        for (int sy = 0; sy < syn; sy++) {
            for (int n = 0; n < K; n++) {
                if (kb.keep(sy, n, tol)) {
                    keep[sy * K + n] = true;
                    total++;
                }
            }
        }
        // forward: destination o, sources i of o's group
        int[] fp = new int[out + 1], fs = new int[total], ft = new int[total];
        float[] fw = new float[total];
        int k = 0;
        for (int o = 0; o < out; o++) {
            int g = o / outG;
            for (int ii = 0; ii < inG; ii++) {
                int sy = o * inG + ii, i = g * inG + ii;
                for (int n = 0; n < K; n++) {
                    if (!keep[sy * K + n]) continue;
                    fs[k] = i;
                    ft[k] = n;
                    fw[k++] = s.kernelEntry(kb.kt, n, i, o);
                }
            }
            fp[o + 1] = k;
        }
        // input gradient: destination i, sources o of i's group
        int[] gp = new int[in + 1], gs = new int[total], gt = new int[total];
        float[] gw = new float[total];
        k = 0;
        for (int i = 0; i < in; i++) {
            int g = i / inG, ii = i % inG;
            for (int oo = 0; oo < outG; oo++) {
                int o = g * outG + oo, sy = o * inG + ii;
                for (int n = 0; n < K; n++) {
                    if (!keep[sy * K + n]) continue;
                    gs[k] = o;
                    gt[k] = n;
                    gw[k++] = s.kernelEntry(kb.kt, n, i, o);
                }
            }
            gp[i + 1] = k;
        }
        return new NarrowKernel(tol, new Lists(fp, fs, ft, fw), new Lists(gp, gs, gt, gw));
    }
}
