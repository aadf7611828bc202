package org.delays4j.neuron;

/**
 * A surrogate derivative of the Heaviside spike function, used by the backward pass in place of
 * the Dirac delta: {@code grad(x)} ≈ dH/dx at {@code x = h − θ} (membrane minus threshold).
 *
 * <p>The forward pass is always the exact step {@code H(x) = 1 if x ≥ 0}; only the gradient is
 * smoothed. Implementations must be cheap and allocation-free: they run once per neuron and time
 * step in every backward pass.
 */
public interface Surrogate {
    /** The surrogate derivative dH/dx at {@code x = h − θ}. */
    float grad(float x);

    /** SNN-delays' default: {@link AtanSurrogate} with α = 5. */
    static Surrogate atan() {
        return new AtanSurrogate(AtanSurrogate.DEFAULT_ALPHA);
    }
}
