package org.delays4j.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.delays4j.dcls.DclsVersion;
import org.delays4j.layer.Readout;
import org.delays4j.util.Check;
import org.delays4j.util.Labelled;

/**
 * The network: {@code hiddenLayers} blocks of {@code hiddenNeurons} neurons (DCLS delay layer →
 * BatchNorm → LIF → Dropout) and an output block (DCLS → LIF that never spikes, read out over time).
 * File keys are snake_case, close to the reference's {@code config.py}.
 *
 * @param kind          {@code delays} (learned positions), {@code fixed-delays} (random, frozen) or
 *                      {@code no-delays} (K = 1: a dense SNN of the same widths)
 * @param inputs        input channels
 * @param outputs       classes
 * @param hiddenLayers  number of hidden blocks (≥ 0)
 * @param hiddenNeurons neurons per hidden block
 * @param maxDelay      K, the delay kernel length in time steps (odd); delays span 0..K-1 steps
 * @param tauMs         membrane time constant in ms; τ in steps is {@code (tauMs + 1e-9) / timeStepMs}
 * @param timeStepMs    simulation step in ms, also the bin width of spike datasets
 * @param threshold     firing threshold of the hidden LIF neurons
 * @param surrogateAlpha α of the ATan surrogate gradient
 * @param neuron        {@code lif} or {@code plif} (learnable τ)
 * @param dropout       dropout probability in [0, 1)
 * @param batchNorm     whether hidden blocks normalise their delay-layer output
 * @param bias          whether delay layers have a bias
 * @param readout       {@code sum} (Σ_t softmax, the reference's default), {@code mean}, {@code max}, {@code spike_count}
 * @param dclsVersion   kernel interpolation while training: {@code gauss}, {@code max}, {@code v1}, {@code v0}
 * @param sigInit       initial SIG; {@code null} means K // 2 as in the reference (see {@link #effectiveSigInit()})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelConfig(
        Kind kind,
        int inputs,
        int outputs,
        int hiddenLayers,
        int hiddenNeurons,
        int maxDelay,
        double tauMs,
        double timeStepMs,
        double threshold,
        double surrogateAlpha,
        Neuron neuron,
        double dropout,
        boolean batchNorm,
        boolean bias,
        Readout readout,
        DclsVersion dclsVersion,
        Double sigInit) {

    /** The width the σ decay ends at (SPEC §1): Gaussian kernels of effective width 0.5. */
    public static final double SIGMA_FLOOR = 0.23;

    /** Which delays the network has (the reference's ablation). */
    public enum Kind implements Labelled {
        DELAYS, FIXED_DELAYS, NO_DELAYS
    }

    /** The spiking neuron model. */
    public enum Neuron implements Labelled {
        LIF, PLIF
    }

    /** Throws a {@link org.delays4j.util.UserInputException} naming the first invalid field. */
    public ModelConfig validate() {
        Check.that(kind != null, "model.kind", "missing; use one of " + Labelled.labels(Kind.class));
        Check.that(inputs >= 1, "model.inputs", "must be >= 1, got " + inputs);
        Check.that(outputs >= 2, "model.outputs", "must be >= 2 classes, got " + outputs);
        Check.that(hiddenLayers >= 0, "model.hidden_layers", "must be >= 0, got " + hiddenLayers);
        Check.that(hiddenLayers == 0 || hiddenNeurons >= 1, "model.hidden_neurons", "must be >= 1, got " + hiddenNeurons);
        Check.that(maxDelay >= 1 && maxDelay % 2 == 1, "model.max_delay",
                "must be an odd number of steps >= 1 (the kernel is centred), got " + maxDelay + (maxDelay > 1 && maxDelay % 2 == 0 ? "; use " + (maxDelay + 1) : ""));
        Check.finite(timeStepMs, "model.time_step_ms");
        Check.that(timeStepMs > 0, "model.time_step_ms", "must be > 0, got " + timeStepMs);
        Check.finite(tauMs, "model.tau_ms");
        Check.that(tauMs >= timeStepMs, "model.tau_ms", "must be >= time_step_ms (" + timeStepMs + "), got " + tauMs);
        Check.finite(threshold, "model.threshold");
        Check.that(threshold > 0, "model.threshold", "must be > 0, got " + threshold);
        Check.finite(surrogateAlpha, "model.surrogate_alpha");
        Check.that(surrogateAlpha > 0, "model.surrogate_alpha", "must be > 0, got " + surrogateAlpha);
        Check.that(neuron != null, "model.neuron", "missing; use one of " + Labelled.labels(Neuron.class));
        Check.that(dropout >= 0 && dropout < 1, "model.dropout", "must be in [0, 1), got " + dropout);
        Check.that(readout != null, "model.readout", "missing; use one of " + Labelled.labels(Readout.class));
        Check.that(dclsVersion != null, "model.dcls_version", "missing; use one of " + Labelled.labels(DclsVersion.class));
        if (sigInit != null) {
            Check.finite(sigInit, "model.sig_init");
            Check.that(sigInit >= 0, "model.sig_init", "must be >= 0, got " + sigInit);
        }
        return this;
    }

    /** The kernel length actually built: 1 for {@code no-delays}, else {@link #maxDelay()}. */
    @JsonIgnore
    public int kernelSize() {
        return kind == Kind.NO_DELAYS ? 1 : maxDelay;
    }

    /** τ in time steps, computed as the reference does: {@code (tau_ms + 1e-9) / time_step_ms}. */
    @JsonIgnore
    public double tauSteps() {
        return (tauMs + 1e-9) / timeStepMs;
    }

    /**
     * The initial SIG: {@link #sigInit()} if set; else {@code K // 2} for learned delays (decayed to
     * 0.23 during training), 0.23 for fixed delays (the decay's floor: no decay), 0 for one-tap kernels.
     */
    @JsonIgnore
    public double effectiveSigInit() {
        if (sigInit != null) return sigInit;
        return kind == Kind.FIXED_DELAYS ? SIGMA_FLOOR : kernelSize() / 2;
    }

    /** The output neurons' threshold: 2 for the spike-count readout, else 1e9 (never fires). */
    @JsonIgnore
    public double outputThreshold() {
        return readout.outputThreshold();
    }

    /** Whether delay positions are learned. */
    @JsonIgnore
    public boolean learnsDelays() {
        return kind == Kind.DELAYS;
    }

    public ModelConfig withKind(Kind k) {
        return new ModelConfig(k, inputs, outputs, hiddenLayers, hiddenNeurons, maxDelay, tauMs, timeStepMs, threshold,
                surrogateAlpha, neuron, dropout, batchNorm, bias, readout, dclsVersion, sigInit);
    }

    public ModelConfig withHiddenNeurons(int n) {
        return new ModelConfig(kind, inputs, outputs, hiddenLayers, n, maxDelay, tauMs, timeStepMs, threshold,
                surrogateAlpha, neuron, dropout, batchNorm, bias, readout, dclsVersion, sigInit);
    }

    public ModelConfig withShape(int inputs, int outputs) {
        return new ModelConfig(kind, inputs, outputs, hiddenLayers, hiddenNeurons, maxDelay, tauMs, timeStepMs, threshold,
                surrogateAlpha, neuron, dropout, batchNorm, bias, readout, dclsVersion, sigInit);
    }
}
