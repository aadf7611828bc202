package org.delays4j.dcls;

import org.delays4j.util.Check;

/**
 * Configuration of a {@link Dcls1d} layer.
 *
 * <p>Parameters {@code W}, {@code P}, {@code SIG} have shape {@code [out][in/groups][kernelCount]}.
 * The input is zero-padded by {@code padLeft} steps before and {@code padRight} after, then
 * cross-correlated with the constructed kernel of {@code kernelSize} taps, so an input of
 * length T gives an output of length {@code T + padLeft + padRight - (kernelSize - 1)}.
 * The SNN default ({@link #snn}) is causal: {@code padLeft = K-1}, {@code padRight = (K-1)/2}.
 *
 * @param in          input channels (≥ 1, divisible by groups)
 * @param out         output channels (≥ 1, divisible by groups)
 * @param kernelCount weights per synapse, m (≥ 1; 1 in SNN-delays)
 * @param groups      channel groups (1 = dense, in = depthwise)
 * @param kernelSize  taps K of the constructed kernel (odd, ≥ 1): the maximum delay is K-1 steps
 * @param bias        whether a per-output bias is added
 * @param version     kernel interpolation
 * @param padLeft     zeros before the input, 0..K-1
 * @param padRight    zeros after the input, 0..K-1
 * @param learnWeight    whether W is trainable
 * @param learnPositions whether P is trainable
 * @param learnSigma     whether SIG is trainable (frozen in SNN-delays)
 * @param sigmaInit      initial SIG of every synapse
 */
public record Dcls1dConfig(int in, int out, int kernelCount, int groups, int kernelSize, boolean bias,
                           DclsVersion version, int padLeft, int padRight, boolean learnWeight,
                           boolean learnPositions, boolean learnSigma, double sigmaInit) {

    public Dcls1dConfig {
        checkChannels(in, out, kernelCount, groups);
        Check.that(kernelSize >= 1 && kernelSize % 2 == 1, "dcls.kernel_size",
                "must be an odd number >= 1 (e.g. 25 for 250 ms at 10 ms steps), got " + kernelSize);
        Check.that(version != null, "dcls.version", "missing; use one of gauss, max, v1, v0");
        Check.that(padLeft >= 0 && padLeft <= kernelSize - 1, "dcls.pad_left",
                "must be in 0.." + (kernelSize - 1) + " (K-1), got " + padLeft);
        Check.that(padRight >= 0 && padRight <= kernelSize - 1, "dcls.pad_right",
                "must be in 0.." + (kernelSize - 1) + " (K-1), got " + padRight);
        Check.finite(sigmaInit, "dcls.sigma_init");
    }

    /**
     * The SNN-delays layer: m = 1, groups = 1, no bias, {@code gauss}, causal padding
     * (K-1 left, (K-1)/2 right), W and P learnable, SIG frozen at K/2.
     */
    public static Dcls1dConfig snn(int in, int out, int K) {
        return new Dcls1dConfig(in, out, 1, 1, K, false, DclsVersion.GAUSS, K - 1, (K - 1) / 2,
                true, true, false, K / 2);
    }

    /** A builder starting from {@link #snn} defaults. */
    public static Builder builder(int in, int out, int K) {
        return new Builder(snn(in, out, K));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** c = K/2: positions live in [-c, c]. */
    public int limit() {
        return kernelSize / 2;
    }

    public int inPerGroup() {
        return in / groups;
    }

    public int outPerGroup() {
        return out / groups;
    }

    /** Output length for an input of length T (may be ≤ 0 for too-short inputs). */
    public int outputLength(int T) {
        return T + padLeft + padRight - (kernelSize - 1);
    }

    public Dcls1dConfig withVersion(DclsVersion v) {
        return toBuilder().version(v).build();
    }

    public Dcls1dConfig withPadding(int left, int right) {
        return toBuilder().padding(left, right).build();
    }

    public Dcls1dConfig withGroups(int g) {
        return toBuilder().groups(g).build();
    }

    public Dcls1dConfig withKernelCount(int m) {
        return toBuilder().kernelCount(m).build();
    }

    public Dcls1dConfig withBias(boolean b) {
        return toBuilder().bias(b).build();
    }

    public Dcls1dConfig withSigmaInit(double s) {
        return toBuilder().sigmaInit(s).build();
    }

    public Dcls1dConfig withLearnSigma(boolean learn) {
        return toBuilder().learnSigma(learn).build();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int in, out, kernelCount, groups, kernelSize, padLeft, padRight;
        private boolean bias, learnWeight, learnPositions, learnSigma;
        private DclsVersion version;
        private double sigmaInit;

        private Builder(Dcls1dConfig c) {
            in = c.in; out = c.out; kernelCount = c.kernelCount; groups = c.groups; kernelSize = c.kernelSize;
            bias = c.bias; version = c.version; padLeft = c.padLeft; padRight = c.padRight;
            learnWeight = c.learnWeight; learnPositions = c.learnPositions; learnSigma = c.learnSigma;
            sigmaInit = c.sigmaInit;
        }

        public Builder channels(int in, int out) { this.in = in; this.out = out; return this; }
        public Builder kernelCount(int m) { this.kernelCount = m; return this; }
        public Builder groups(int g) { this.groups = g; return this; }
        /** Sets K and re-derives the SNN padding and SIG init from it (override them afterwards if needed). */
        public Builder kernelSize(int K) {
            this.kernelSize = K; this.padLeft = K - 1; this.padRight = (K - 1) / 2; this.sigmaInit = K / 2;
            return this;
        }
        public Builder bias(boolean b) { this.bias = b; return this; }
        public Builder version(DclsVersion v) { this.version = v; return this; }
        public Builder padding(int left, int right) { this.padLeft = left; this.padRight = right; return this; }
        /** Symmetric padding of (K-1)/2 each side: output length = input length. */
        public Builder samePadding() { return padding((kernelSize - 1) / 2, (kernelSize - 1) / 2); }
        public Builder learnWeight(boolean b) { this.learnWeight = b; return this; }
        public Builder learnPositions(boolean b) { this.learnPositions = b; return this; }
        public Builder learnSigma(boolean b) { this.learnSigma = b; return this; }
        public Builder sigmaInit(double s) { this.sigmaInit = s; return this; }

        public Dcls1dConfig build() {
            return new Dcls1dConfig(in, out, kernelCount, groups, kernelSize, bias, version, padLeft, padRight,
                    learnWeight, learnPositions, learnSigma, sigmaInit);
        }
    }

    /** The channel, kernel-count and group checks shared with {@link DclsNdConfig}. */
    static void checkChannels(int in, int out, int kernelCount, int groups) {
        Check.that(in >= 1, "dcls.in", "input channels must be >= 1, got " + in);
        Check.that(out >= 1, "dcls.out", "output channels must be >= 1, got " + out);
        Check.that(kernelCount >= 1, "dcls.kernel_count", "must be >= 1, got " + kernelCount);
        Check.that(groups >= 1, "dcls.groups", "must be >= 1, got " + groups);
        Check.that(in % groups == 0 && out % groups == 0, "dcls.groups",
                groups + " must divide both in (" + in + ") and out (" + out + ")");
    }
}
