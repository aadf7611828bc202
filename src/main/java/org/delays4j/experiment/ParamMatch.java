package org.delays4j.experiment;

import org.delays4j.model.ModelConfig;
import org.delays4j.model.SnnModel;

/**
 * Matching parameter counts across the ablation's model kinds, as the SNN-delays paper compares
 * them: learned delays train a weight and a position per synapse, fixed random delays only the
 * weight, no delays a one-tap weight; the fixed and no-delay networks get wider hidden layers
 * until their trainable-parameter count (weights, positions when learned, BatchNorm) is the
 * closest to the learned-delay network's.
 */
public final class ParamMatch {
    private ParamMatch() {}

    /** Trainable parameters of {@code config} (built once, not trained). */
    public static long count(ModelConfig config) {
        return new SnnModel(config, 0).trainableParameters();
    }

    /**
     * The hidden width for {@code kind} whose parameter count is closest to {@code target}
     * (the smaller width on a tie); the count grows with the width, so a bisection finds it.
     */
    public static int hiddenFor(ModelConfig base, ModelConfig.Kind kind, long target) {
        ModelConfig c = base.withKind(kind);
        int lo = 1, hi = 1;
        while (count(c.withHiddenNeurons(hi)) < target) hi *= 2;
        while (hi - lo > 1) { // invariant: count(lo) < target <= count(hi), or lo == 1
            int mid = (lo + hi) >>> 1;
            if (count(c.withHiddenNeurons(mid)) < target) lo = mid;
            else hi = mid;
        }
        long dl = Math.abs(target - count(c.withHiddenNeurons(lo))), dh = Math.abs(count(c.withHiddenNeurons(hi)) - target);
        return dl <= dh ? lo : hi;
    }
}
