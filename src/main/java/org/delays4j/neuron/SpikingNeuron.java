package org.delays4j.neuron;

import java.util.Objects;
import org.delays4j.core.Kernels;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.delays4j.layer.BatchNorm1d;
import org.delays4j.layer.Buffers;
import org.delays4j.layer.Layer;

/**
 * A layer of leaky integrate-and-fire neurons run fused over time: one pass over T per neuron
 * forward and one backward, parallel over neurons, no allocation per time step.
 *
 * <p>Per step t (train and eval alike; SNN-delays semantics, see {@link LifConfig}):
 * {@code h = a·v + x[t]; s[t] = (h ≥ θ); v = h·(1 − s[t])}, v starting at 0, with decay factor
 * {@code a = 1 − 1/τ}. {@link Lif} has a fixed τ; {@link Plif} learns it.
 *
 * <p>Buffers (the returned sequence, the caches, the input gradient) belong to the layer and are
 * reused by the next call on the same shape: consume a result before the next forward/backward.
 */
public abstract sealed class SpikingNeuron implements Layer permits Lif, Plif {
    private final LifConfig config;
    private final float threshold;

    // Last forward: charge before reset h, spikes s, membrane after reset v (only when emitted).
    private int T, B, C;
    private float[] h, s, v, gx;
    private float lastDecay;
    private boolean ready;

    SpikingNeuron(LifConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.threshold = (float) config.threshold();
    }

    public LifConfig config() {
        return config;
    }

    /** The decay factor a = 1 − 1/τ the next forward uses, rounded to float once. */
    protected abstract float decay();

    /** Receives dL/da of the last backward (PLIF turns it into dL/dw); called only when {@link #wantsDecayGrad()}. */
    protected void accumulateDecayGrad(double dLda) {}

    /** Whether backward must compute dL/da. */
    protected boolean wantsDecayGrad() {
        return false;
    }

    @Override
    public Seq forward(Seq x, boolean train) {
        T = x.T();
        B = x.B();
        C = x.C();
        int size = x.data().length, n = B * C;
        h = Buffers.reuse(h, size);
        s = Buffers.reuse(s, size);
        v = config.emitMembrane() ? Buffers.reuse(v, size) : null;
        float a = decay();
        lastDecay = a;
        float[] xd = x.data(), hh = h, ss = s, vv = v;
        int steps = T;
        Parallel.forRange(n, (chunk, from, to) -> LifKernel.forward(xd, hh, ss, vv, steps, n, from, to, a, threshold));
        ready = true;
        return config.emitMembrane() ? new Seq(v, T, B, C) : new Seq(s, T, B, C);
    }

    /**
     * {@link #forward} of the batch-normalised input {@code norm(x)} without materialising it: the
     * kernel applies {@code norm} (bit-identical to {@link BatchNorm1d#forward}) as it reads x.
     * Train mode keeps the caches for backward. Eval mode with {@code cacheless} keeps only the
     * spikes (the membrane lives in one [B·C] state row), so no backward or {@link #vSeq()} after it.
     * Returns the spikes; not for a neuron that emits its membrane.
     */
    public Seq forwardNormalised(Seq x, BatchNorm1d.Affine norm, boolean train, boolean cacheless) {
        if (config.emitMembrane()) throw new IllegalStateException("forwardNormalised is for spiking (hidden) neurons");
        T = x.T();
        B = x.B();
        C = x.C();
        int size = x.data().length, n = B * C, channels = C;
        boolean noCache = cacheless && !train;
        h = noCache ? null : Buffers.reuse(h, size);
        s = Buffers.reuse(s, size);
        v = null;
        float a = decay();
        lastDecay = a;
        float[] xd = x.data(), hh = h, ss = s;
        int steps = T;
        boolean simd = Kernels.vectorized() && LifSimdKernels.usable();
        Parallel.forRange(n, (chunk, from, to) -> {
            if (simd) LifSimdKernels.forwardNormalised(xd, norm, channels, hh, ss, steps, n, from, to, a, threshold);
            else LifKernel.forwardNormalised(xd, norm, channels, hh, ss, steps, n, from, to, a, threshold);
        });
        ready = !noCache;
        return new Seq(s, T, B, C);
    }

    /**
     * Eval-mode {@link #forwardNormalised} (no caches) that emits the spikes as per-row channel
     * lists into {@code out} (reset to the input's shape) instead of a dense 0/1 array: the next
     * delay layer then visits only the spikes ({@code Dcls1d.forwardEval(SpikeEvents, float[])}).
     * Same spikes; no backward or {@link #spikes()} after it.
     */
    public SpikeEvents forwardEvents(Seq x, BatchNorm1d.Affine norm, SpikeEvents out) {
        if (config.emitMembrane()) throw new IllegalStateException("forwardEvents is for spiking (hidden) neurons");
        int steps = x.T(), batch = x.B(), channels = x.C();
        out.reset(steps, batch, channels);
        float a = decay();
        lastDecay = a;
        ready = false;
        float[] xd = x.data();
        int[] count = out.count(), cols = out.cols();
        boolean simd = Kernels.vectorized() && LifSimdKernels.usable();
        // split by samples: each row's list is written by one thread
        Parallel.forRange(batch, (chunk, b0, b1) -> {
            if (simd) LifSimdKernels.forwardEvents(xd, norm, channels, count, cols, steps, batch, b0, b1, a, threshold);
            else LifKernel.forwardEvents(xd, norm, channels, count, cols, steps, batch, b0, b1, a, threshold);
        });
        return out;
    }

    /**
     * {@link #backward} of the spike cotangent, writing dL/dx over {@code gradSpikes} (step t reads
     * its own cotangent before overwriting it, and the already-final gradient of step t+1): no
     * buffer of its own. The caller gives up {@code gradSpikes}.
     */
    public Seq backwardInPlace(Seq gradSpikes) {
        if (!ready) throw new IllegalStateException(getClass().getSimpleName() + ".backward called before forward");
        if (config.emitMembrane()) throw new IllegalStateException("backwardInPlace is for spiking (hidden) neurons");
        Buffers.requireForwardShape(gradSpikes, T, B, C, "spike gradient");
        return backwardInto(gradSpikes.data(), null, gradSpikes.data(), true);
    }

    /** Backward with the cotangent of what {@code forward} returned (spikes, or v when emitting the membrane). */
    @Override
    public Seq backward(Seq gradOut, boolean needInputGrad) {
        return config.emitMembrane() ? backward(null, gradOut, needInputGrad) : backward(gradOut, null, needInputGrad);
    }

    /**
     * Backward given cotangents on the spikes and on the membrane trace v_seq (after reset);
     * either may be null (no gradient flows into it).
     */
    public Seq backward(Seq gradSpikes, Seq gradVSeq, boolean needInputGrad) {
        if (!ready) throw new IllegalStateException(getClass().getSimpleName() + ".backward called before forward");
        Buffers.requireForwardShape(gradSpikes, T, B, C, "spike gradient");
        Buffers.requireForwardShape(gradVSeq, T, B, C, "membrane gradient");
        if (!needInputGrad && !wantsDecayGrad()) return null;
        gx = Buffers.reuse(gx, h.length);
        return backwardInto(gradSpikes == null ? null : gradSpikes.data(), gradVSeq == null ? null : gradVSeq.data(), gx,
                needInputGrad);
    }

    private Seq backwardInto(float[] gs, float[] gv, float[] g, boolean needInputGrad) {
        boolean wantDecay = wantsDecayGrad();
        int n = B * C;
        float[] hh = h, ss = s;
        int steps = T;
        float a = lastDecay;
        Surrogate sg = config.surrogate();
        double[] partial = new double[Parallel.chunks(n)];
        Parallel.forRange(n, (chunk, from, to) ->
                partial[chunk] = LifKernel.backward(gs, gv, hh, ss, g, steps, n, from, to, a, threshold, sg, wantDecay));
        if (wantDecay) {
            double dA = 0;
            for (double p : partial) dA += p; // chunk order: deterministic for a thread count
            accumulateDecayGrad(dA);
        }
        return needInputGrad ? new Seq(g, T, B, C) : null;
    }

    /** The spikes of the last forward, [T][B][C] of 0/1 (the layer's buffer). */
    public Seq spikes() {
        requireForward();
        return new Seq(s, T, B, C);
    }

    /** The membrane trace v_seq (after reset) of the last forward, [T][B][C]. */
    public Seq vSeq() {
        requireForward();
        if (v != null) return new Seq(v, T, B, C);
        float[] out = new float[h.length];
        LifKernel.membrane(h, s, out, 0, out.length);
        return new Seq(out, T, B, C);
    }

    private void requireForward() {
        if (!ready) throw new IllegalStateException(getClass().getSimpleName() + ": no forward pass yet");
    }
}
