package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.util.Check;

/**
 * Configuration of a general {@link DclsNd} layer (DCLS in 1, 2 or 3 spatial dimensions).
 *
 * <p>Parameters: {@code W} is {@code [out][in/groups][m]}; {@code P} and {@code SIG} are
 * {@code [D][out][in/groups][m]} (one position and width per spatial dimension, the reference's
 * layout). The input {@code [B][in][S_1..S_D]} is zero-padded by {@code padding[d]} on both sides of
 * dimension d and cross-correlated (stride 1) with the constructed {@code K_1×…×K_D} kernel, so
 * {@code O_d = S_d + 2·padding[d] − K_d + 1}.
 *
 * @param in          input channels (≥ 1, divisible by groups)
 * @param out         output channels (≥ 1, divisible by groups)
 * @param kernelCount weights per synapse, m (≥ 1)
 * @param groups      channel groups (1 = dense, in = depthwise)
 * @param kernelSize  the dilated kernel size per spatial dimension (each odd, ≥ 1; 1 to 3 dimensions)
 * @param padding     zeros on both sides per spatial dimension, each in 0..K_d−1
 * @param bias        whether a per-output bias is added
 * @param version     kernel interpolation
 * @param learnWeight    whether W is trainable
 * @param learnPositions whether P is trainable
 * @param learnSigma     whether SIG is trainable
 * @param sigmaInit      initial SIG of every element and dimension
 */
public record DclsNdConfig(int in, int out, int kernelCount, int groups, int[] kernelSize, int[] padding,
                           boolean bias, DclsVersion version, boolean learnWeight, boolean learnPositions,
                           boolean learnSigma, double sigmaInit) {

    /** The largest number of spatial dimensions supported. */
    public static final int MAX_DIMS = 3;

    public DclsNdConfig {
        Dcls1dConfig.checkChannels(in, out, kernelCount, groups);
        Check.that(kernelSize != null && kernelSize.length >= 1 && kernelSize.length <= MAX_DIMS,
                "dcls.dilated_kernel_size", "give one odd size per spatial dimension (1 to 3 of them), got "
                        + Arrays.toString(kernelSize));
        for (int k : kernelSize) {
            Check.that(k >= 1 && k % 2 == 1, "dcls.dilated_kernel_size",
                    "every size must be odd and >= 1 (e.g. 7), got " + Arrays.toString(kernelSize));
        }
        Check.that(padding != null && padding.length == kernelSize.length, "dcls.padding",
                "give one padding per spatial dimension (" + kernelSize.length + "), got " + Arrays.toString(padding));
        for (int d = 0; d < padding.length; d++) {
            Check.that(padding[d] >= 0 && padding[d] <= kernelSize[d] - 1, "dcls.padding",
                    "padding[" + d + "] must be in 0.." + (kernelSize[d] - 1) + " (K-1), got " + padding[d]);
        }
        Check.that(version != null, "dcls.version", "missing; use one of gauss, max, v1, v0");
        Check.finite(sigmaInit, "dcls.sigma_init");
        kernelSize = kernelSize.clone();
        padding = padding.clone();
    }

    /** The kernel sizes (a copy). */
    @Override
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** The paddings (a copy). */
    @Override
    public int[] padding() {
        return padding.clone();
    }

    /** Number of spatial dimensions D. */
    public int dims() {
        return kernelSize.length;
    }

    public int kernelSize(int d) {
        return kernelSize[d];
    }

    public int padding(int d) {
        return padding[d];
    }

    /** c_d = K_d/2: positions of dimension d live in [−c_d, c_d]. */
    public int limit(int d) {
        return kernelSize[d] / 2;
    }

    /** K_1·…·K_D, the entries of one synapse's dense kernel. */
    public int kernelVolume() {
        int v = 1;
        for (int k : kernelSize) v = Math.multiplyExact(v, k);
        return v;
    }

    public int inPerGroup() {
        return in / groups;
    }

    public int outPerGroup() {
        return out / groups;
    }

    /** Elements (o, i, j) of W: out · in/groups · m. */
    public int elements() {
        return Math.multiplyExact(Math.multiplyExact(out, inPerGroup()), kernelCount);
    }

    /**
     * The default SIG for a version: 0.23 for {@code gauss} (effective width 0.5, the width the
     * SNN anneals to), 0 for {@code max} (a triangle of half-width 1), 0 for v1/v0 (unused).
     */
    public static double defaultSigma(DclsVersion v) {
        return v == DclsVersion.GAUSS ? 0.23 : 0.0;
    }

    /** A builder: m 1, groups 1, no padding, no bias, {@code gauss}, everything learnable, SIG 0.23. */
    public static Builder builder(int in, int out, int... kernelSize) {
        return new Builder(in, out, kernelSize);
    }

    public Builder toBuilder() {
        Builder b = new Builder(in, out, kernelSize);
        b.kernelCount = kernelCount; b.groups = groups; b.padding = padding.clone(); b.bias = bias;
        b.version = version; b.learnWeight = learnWeight; b.learnPositions = learnPositions;
        b.learnSigma = learnSigma; b.sigmaInit = sigmaInit; b.sigmaSet = true;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DclsNdConfig c && in == c.in && out == c.out && kernelCount == c.kernelCount
                && groups == c.groups && Arrays.equals(kernelSize, c.kernelSize) && Arrays.equals(padding, c.padding)
                && bias == c.bias && version == c.version && learnWeight == c.learnWeight
                && learnPositions == c.learnPositions && learnSigma == c.learnSigma
                && Double.compare(sigmaInit, c.sigmaInit) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(kernelSize) + Arrays.hashCode(padding)) + java.util.Objects.hash(in, out,
                kernelCount, groups, bias, version, learnWeight, learnPositions, learnSigma, sigmaInit);
    }

    @Override
    public String toString() {
        return "DclsNdConfig[in=" + in + ", out=" + out + ", m=" + kernelCount + ", groups=" + groups + ", K="
                + Arrays.toString(kernelSize) + ", padding=" + Arrays.toString(padding) + ", bias=" + bias
                + ", version=" + version.id() + ", sigmaInit=" + sigmaInit + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int in, out, kernelCount = 1, groups = 1;
        private int[] kernelSize, padding;
        private boolean bias, learnWeight = true, learnPositions = true, learnSigma = true, sigmaSet;
        private DclsVersion version = DclsVersion.GAUSS;
        private double sigmaInit;

        private Builder(int in, int out, int[] kernelSize) {
            this.in = in;
            this.out = out;
            this.kernelSize = kernelSize == null ? null : kernelSize.clone();
            this.padding = kernelSize == null ? null : new int[kernelSize.length];
        }

        public Builder kernelCount(int m) { this.kernelCount = m; return this; }
        public Builder groups(int g) { this.groups = g; return this; }
        /** groups = in: every input channel has its own filters. */
        public Builder depthwise() { this.groups = in; return this; }
        public Builder padding(int... p) { this.padding = p == null ? null : p.clone(); return this; }
        /** (K_d−1)/2 on each side of every dimension: output size = input size. */
        public Builder samePadding() {
            if (kernelSize != null) {
                padding = new int[kernelSize.length];
                for (int d = 0; d < padding.length; d++) padding[d] = (kernelSize[d] - 1) / 2;
            }
            return this;
        }
        public Builder bias(boolean b) { this.bias = b; return this; }
        public Builder version(DclsVersion v) { this.version = v; return this; }
        public Builder learnWeight(boolean b) { this.learnWeight = b; return this; }
        public Builder learnPositions(boolean b) { this.learnPositions = b; return this; }
        public Builder learnSigma(boolean b) { this.learnSigma = b; return this; }
        /** SIG at init; without it, {@link #defaultSigma} of the version. */
        public Builder sigmaInit(double s) { this.sigmaInit = s; this.sigmaSet = true; return this; }

        public DclsNdConfig build() {
            double s = sigmaSet ? sigmaInit : defaultSigma(version == null ? DclsVersion.GAUSS : version);
            return new DclsNdConfig(in, out, kernelCount, groups, kernelSize, padding, bias, version, learnWeight,
                    learnPositions, learnSigma, s);
        }
    }
}
