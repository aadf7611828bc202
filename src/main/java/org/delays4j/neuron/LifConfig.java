package org.delays4j.neuron;

import java.util.Objects;
import org.delays4j.util.Check;

/**
 * Configuration of a leaky integrate-and-fire layer ({@link Lif}, or {@link Plif} where
 * {@code tau} is the initial time constant).
 *
 * <p>Fixed semantics, as SNN-delays' SpikingJelly {@code LIFNode}: no input decay
 * ({@code h = v·(1 − 1/τ) + x}), hard reset to 0, reset detached from the graph, spike when
 * {@code h ≥ θ}, v starts at 0.
 *
 * @param tau membrane time constant in time steps (&gt; 1, as SpikingJelly requires)
 * @param threshold firing threshold θ (1 for hidden layers; 1e9 for the never-firing output layer)
 * @param surrogate surrogate derivative of the spike function
 * @param emitMembrane whether {@code forward} returns the membrane trace v (after reset) instead of
 *     the spikes; the output layer of a membrane readout sets it
 */
public record LifConfig(double tau, double threshold, Surrogate surrogate, boolean emitMembrane) {
    /** The threshold of SNN-delays' output layer: high enough never to fire. */
    public static final double OUTPUT_THRESHOLD = 1e9;

    public LifConfig {
        Check.that(Double.isFinite(tau) && tau > 1, "tau", "must be a finite number > 1 time step, got " + tau);
        Check.finite(threshold, "threshold");
        Objects.requireNonNull(surrogate, "surrogate");
    }

    /** A hidden layer: threshold 1, ATan(5) surrogate, emits spikes. */
    public static LifConfig hidden(double tau) {
        return new LifConfig(tau, 1.0, Surrogate.atan(), false);
    }

    /** SNN-delays' output layer: threshold 1e9 (never fires), emits its membrane trace. */
    public static LifConfig output(double tau) {
        return new LifConfig(tau, OUTPUT_THRESHOLD, Surrogate.atan(), true);
    }

    /**
     * τ in time steps as SNN-delays computes it: {@code (tauMs + 1e-9) / stepMs}
     * (SHD: 10.05 ms / 10 ms → 1.0050000001000001).
     */
    public static double tauFromMillis(double tauMs, double stepMs) {
        Check.that(Double.isFinite(stepMs) && stepMs > 0, "time step", "must be > 0 ms, got " + stepMs);
        return (Check.finite(tauMs, "tau (ms)") + 1e-9) / stepMs;
    }

    public LifConfig withThreshold(double threshold) {
        return new LifConfig(tau, threshold, surrogate, emitMembrane);
    }

    public LifConfig withSurrogate(Surrogate surrogate) {
        return new LifConfig(tau, threshold, surrogate, emitMembrane);
    }

    public LifConfig withEmitMembrane(boolean emitMembrane) {
        return new LifConfig(tau, threshold, surrogate, emitMembrane);
    }
}
