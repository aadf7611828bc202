package org.delays4j.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.delays4j.core.Param;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.util.Check;

/**
 * SpikingJelly's multi-step {@code layer.Dropout}: in training ONE mask per (sample, channel),
 * shared by every time step, with values 0 (probability p) or 1/(1−p); identity in eval or when
 * p = 0 (the input itself is returned).
 *
 * <p>Masks are drawn from the generator given to {@link #setRandom} — B·C draws per training
 * forward, sample-major — so a run is reproducible from its seed whatever the thread count.
 */
public final class Dropout implements Layer {
    private final double p;
    private final float scale;
    private RandomGenerator random;

    // Last forward: mask [B][C], or null when it was the identity.
    private float[] mask, out, gradIn;
    private int T = -1, B, C;

    /** Drop probability p in [0, 1). */
    public Dropout(double p) {
        Check.that(p >= 0 && p < 1, "dropout", "must be a probability in [0, 1), got " + p);
        this.p = p;
        this.scale = (float) (1.0 / (1.0 - p));
    }

    public double p() {
        return p;
    }

    /** The generator training masks are drawn from (required before a training forward with p &gt; 0). */
    public void setRandom(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Seq forward(Seq x, boolean train) {
        T = x.T();
        B = x.B();
        C = x.C();
        if (!train || p == 0) {
            mask = null;
            return x;
        }
        if (random == null) throw new IllegalStateException("Dropout: call setRandom(rng) before a training forward");
        int n = B * C;
        mask = Buffers.reuse(mask, n);
        for (int k = 0; k < n; k++) mask[k] = random.nextDouble() < p ? 0f : scale;
        out = Buffers.reuse(out, x.data().length);
        applyMask(x.data(), out);
        return new Seq(out, T, B, C);
    }

    /** Multiplies by the same mask: the gradient of a linear map. */
    @Override
    public Seq backward(Seq gradOut, boolean needInputGrad) {
        if (T < 0) throw new IllegalStateException("Dropout.backward called before forward");
        Buffers.requireForwardShape(gradOut, T, B, C, "gradient");
        if (!needInputGrad) return null;
        if (mask == null) return gradOut;
        gradIn = Buffers.reuse(gradIn, gradOut.data().length);
        applyMask(gradOut.data(), gradIn);
        return new Seq(gradIn, T, B, C);
    }

    /** {@link #backward} multiplying {@code gradOut} by the mask in place (the caller gives it up). */
    public Seq backwardInPlace(Seq gradOut) {
        if (T < 0) throw new IllegalStateException("Dropout.backward called before forward");
        Buffers.requireForwardShape(gradOut, T, B, C, "gradient");
        if (mask != null) applyMask(gradOut.data(), gradOut.data());
        return gradOut;
    }

    /** The mask of the last training forward, [B][C] (null after an identity forward). */
    public float[] mask() {
        return mask;
    }

    private void applyMask(float[] src, float[] dst) {
        int n = B * C;
        float[] m = mask;
        Parallel.forRange(T, (chunk, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                for (int i = 0, k = t * n; i < n; i++, k++) dst[k] = src[k] * m[i];
            }
        });
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
