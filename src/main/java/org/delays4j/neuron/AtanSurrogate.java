package org.delays4j.neuron;

import org.delays4j.util.Check;

/**
 * SpikingJelly's {@code surrogate.ATan(alpha)}: the derivative of
 * {@code g(x) = atan(π/2·α·x)/π + 1/2}, i.e. {@code dH/dx ≈ (α/2) / (1 + (π/2·α·x)²)}
 * (peak α/2 at x = 0). SNN-delays uses α = 5.
 *
 * @param alpha sharpness α &gt; 0
 */
public record AtanSurrogate(double alpha) implements Surrogate {
    /** The α SNN-delays trains with. */
    public static final double DEFAULT_ALPHA = 5.0;

    public AtanSurrogate {
        Check.that(Double.isFinite(alpha) && alpha > 0, "surrogate alpha", "must be a finite number > 0, got " + alpha);
    }

    @Override
    public float grad(float x) {
        // Double inside: the float result is then correctly rounded, whatever α is.
        double u = Math.PI / 2 * alpha * x;
        return (float) (alpha / 2 / (1 + u * u));
    }
}
