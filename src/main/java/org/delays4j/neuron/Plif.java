package org.delays4j.neuron;

import java.util.List;
import org.delays4j.core.Param;

/**
 * SpikingJelly's {@code ParametricLIFNode} with {@code decay_input=False}, hard reset to 0 and
 * detached reset: a LIF whose time constant is learnt through one scalar w per layer,
 * {@code 1/τ = sigmoid(w)}, so {@code h = v − v·sigmoid(w) + x} (the charge for v_reset = 0).
 * w starts at {@code −ln(τ₀ − 1)} for the configured τ₀ = {@code config.tau()}.
 *
 * <p>Gradient: {@code ∂h[t]/∂w = −v[t−1]·sigmoid(w)·(1 − sigmoid(w))}, summed over every neuron
 * and step into the single w gradient.
 */
public final class Plif extends SpikingNeuron {
    private final Param w;
    private double lastSigmoid;

    /** A PLIF layer whose parameter is named {@code name + ".w"} (kind NEURON, shape [1]). */
    public Plif(String name, LifConfig config) {
        super(config);
        this.w = new Param(name + ".w", Param.Kind.NEURON, true, 1);
        w.value()[0] = (float) -Math.log(config.tau() - 1.0);
    }

    /** The learnable w (τ = 1/sigmoid(w)). */
    public Param w() {
        return w;
    }

    /** The current time constant 1/sigmoid(w), in time steps. */
    public double tau() {
        return 1.0 / sigmoid(w.value()[0]);
    }

    @Override
    protected float decay() {
        lastSigmoid = sigmoid(w.value()[0]);
        return (float) (1.0 - lastSigmoid);
    }

    @Override
    protected boolean wantsDecayGrad() {
        return w.trainable();
    }

    @Override
    protected void accumulateDecayGrad(double dLda) {
        // a = 1 − sigmoid(w): da/dw = −sigmoid(w)·(1 − sigmoid(w)).
        w.grad()[0] += (float) (-dLda * lastSigmoid * (1 - lastSigmoid));
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Override
    public List<Param> params() {
        return List.of(w);
    }

    @Override
    public String toString() {
        return "Plif(tau=" + tau() + ", threshold=" + config().threshold() + ")";
    }
}
