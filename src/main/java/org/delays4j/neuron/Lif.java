package org.delays4j.neuron;

import java.util.List;
import org.delays4j.core.Param;

/**
 * SpikingJelly's {@code LIFNode(tau, v_threshold, v_reset=0, decay_input=False, detach_reset=True)}
 * in multi-step mode: a fixed time constant, no parameters. See {@link SpikingNeuron}.
 */
public final class Lif extends SpikingNeuron {
    private final float decay;

    public Lif(LifConfig config) {
        super(config);
        // 1 − 1/τ in double, rounded to float once (τ = 1.0050000001 for SHD must not drift).
        this.decay = (float) (1.0 - 1.0 / config.tau());
    }

    @Override
    protected float decay() {
        return decay;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Lif(tau=" + config().tau() + ", threshold=" + config().threshold() + ")";
    }
}
