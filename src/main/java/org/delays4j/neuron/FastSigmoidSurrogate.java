package org.delays4j.neuron;

import org.delays4j.util.Check;

/**
 * The "fast sigmoid" surrogate of SuperSpike (Zenke &amp; Ganguli 2018): the derivative of
 * {@code x / (1 + α|x|)}, i.e. {@code dH/dx ≈ 1 / (1 + α|x|)²} (peak 1 at x = 0; α is snnTorch's
 * {@code fast_sigmoid(slope=α)}).
 *
 * <p>Alpha convention: SpikingJelly has no surrogate by this name; its {@code SoftSign(alpha)} has
 * the same shape with a different height, {@code α / (2·(1 + α|x|)²)}, i.e. SpikingJelly's
 * SoftSign(α) equals {@code α/2 ×} this surrogate with the same α. The steepness α plays the same
 * role in both (a larger α means a narrower gradient window).
 *
 * @param alpha steepness α &gt; 0
 */
public record FastSigmoidSurrogate(double alpha) implements Surrogate {
    public FastSigmoidSurrogate {
        Check.that(Double.isFinite(alpha) && alpha > 0, "surrogate alpha", "must be a finite number > 0, got " + alpha);
    }

    @Override
    public float grad(float x) {
        double d = 1 + alpha * Math.abs(x);
        return (float) (1 / (d * d));
    }
}
