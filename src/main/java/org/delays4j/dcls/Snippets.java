package org.delays4j.dcls;

import org.delays4j.core.Parallel;

/**
 * A narrow kernel as one {@link #WIDTH}-tap window per synapse: synapse (global input i,
 * output oo of i's group), flat s = i·outG + oo, keeps taps {@code start[s] .. start[s]+WIDTH-1},
 * stored reversed so that they run forward in output time: {@code rev[s·WIDTH + j] =
 * kernel[start + WIDTH-1 - j, i, oo]}. A spike of input i at step t then adds
 * {@code v·rev[s·WIDTH + j]} to output step {@code t + padL - start - (WIDTH-1) + j}.
 *
 * <p>Exists only when every synapse's kept taps (|k| > tol·Σ|W|) fit in one window; the window
 * is centred on them, so the taps just outside the kept ones (where the kernel gradient still
 * matters for P) are inside it too whenever the kept span is shorter than the window.
 */
record Snippets(int[] start, float[] rev, int outG) {
    /** Taps per synapse window: one 256-bit vector of floats. */
    static final int WIDTH = 8;

    /**
     * The window of one synapse: its kernel row is {@code row[r .. r+K)} with keep flags
     * {@code keep[r .. r+K)}, its window index sn; writes {@code start[sn]} and
     * {@code rev[sn·WIDTH ..]}. False (nothing written) when its kept taps span more than WIDTH.
     * Shared by {@link #build} and the kernel build that makes the windows in its own pass.
     */
    static boolean fill(int K, double[] row, int r, boolean[] keep, int sn, int[] start, float[] rev) {
        return fill(K, row, r, keep, r, sn, start, rev);
    }

    /** {@link #fill} with the keep flags at {@code keep[kr .. kr+K)}. */
    static boolean fill(int K, double[] row, int r, boolean[] keep, int kr, int sn, int[] start, float[] rev) {
        int lo = -1, hi = -1;
        for (int n = 0; n < K; n++) {
            if (keep[kr + n]) {
                if (lo < 0) lo = n;
                hi = n;
            }
        }
        int st = 0;
        if (lo >= 0) {
            if (hi - lo + 1 > WIDTH) return false;
            st = Math.max(0, Math.min(lo - (WIDTH - (hi - lo + 1)) / 2, K - WIDTH));
        }
        start[sn] = st;
        for (int j = 0; j < WIDTH; j++) {
            int n = st + WIDTH - 1 - j;
            rev[sn * WIDTH + j] = n < K ? (float) row[r + n] : 0f;
        }
        return true;
    }

    /**
     * The windows from the float64 kernel rows {@code k64} [out·inG][K] (synapse o·inG + ii; the
     * float32 kernel is their rounding) and the keep mask of the same layout, or null when some
     * synapse keeps taps spanning more than {@link #WIDTH}. Parallel over inputs (disjoint writes).
     */
    static Snippets build(ConvShape s, double[] k64, boolean[] keep) {
        int K = s.K(), in = s.in(), inG = s.inG(), outG = s.outG();
        int[] start = new int[in * outG];
        float[] rev = new float[in * outG * WIDTH];
        boolean[] tooWide = new boolean[Parallel.chunks(in)];
        Parallel.forRange(in, (chunk, i0, i1) -> {
            // outputs in order, so each output's rows for the chunk's inputs are read contiguously
            for (int o = 0; o < s.out(); o++) {
                int g = o / outG, oo = o % outG, a = Math.max(i0, g * inG), b = Math.min(i1, (g + 1) * inG);
                for (int i = a; i < b; i++) {
                    int sy = o * inG + i - g * inG;
                    if (!fill(K, k64, sy * K, keep, i * outG + oo, start, rev)) {
                        tooWide[chunk] = true;
                        return;
                    }
                }
            }
        });
        for (boolean w : tooWide) if (w) return null;
        return new Snippets(start, rev, outG);
    }
}
