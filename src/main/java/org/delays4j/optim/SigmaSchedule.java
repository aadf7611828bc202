package org.delays4j.optim;

import java.util.List;
import org.delays4j.util.Check;

/**
 * SNN-delays' decay of the Gaussian widths SIG of the delay layers (SPEC §1): after each epoch
 * e &lt; finalEpoch, while SIG &gt; 0.23, every SIG is multiplied by
 * {@code α = (0.23 / SIG_init)^(1/finalEpoch)}, so SIG reaches 0.23 after finalEpoch epochs.
 *
 * <p>As the reference, the "SIG &gt; 0.23" test reads one value (the first SIG of the last layer
 * passed) and the product is taken in float32 ({@code SIG *= α} on a float tensor).
 *
 * @param sigInit the initial SIG (SNN-delays: K // 2)
 * @param finalEpoch the epoch by which SIG reaches its floor (SNN-delays: epochs / 4)
 */
public record SigmaSchedule(double sigInit, int finalEpoch) {
    /** The width the decay stops at. */
    public static final double FLOOR = 0.23;

    public SigmaSchedule {
        Check.that(Double.isFinite(sigInit) && sigInit > 0, "sigma init", "must be > 0, got " + sigInit);
        Check.that(finalEpoch >= 1, "sigma final epoch", "must be >= 1, got " + finalEpoch);
    }

    /** The per-epoch factor α. */
    public double alpha() {
        return Math.pow(FLOOR / sigInit, 1.0 / finalEpoch);
    }

    /**
     * Applies the decay after epoch {@code epoch} (0-based) to the SIG arrays of every delay layer
     * (each layer's {@code sigma()} Param value), in layer order.
     *
     * @return whether the widths were changed
     */
    public boolean afterEpoch(int epoch, List<float[]> sigmas) {
        if (sigmas.isEmpty() || epoch >= finalEpoch) return false;
        float[] last = sigmas.getLast();
        if (last.length == 0 || !(last[0] > FLOOR)) return false;
        float a = (float) alpha();
        for (float[] sig : sigmas) for (int i = 0; i < sig.length; i++) sig[i] *= a;
        return true;
    }
}
