package org.delays4j.layer;

import java.util.List;
import org.delays4j.core.Param;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;

/**
 * Batch normalisation per channel over every (t, b) row of a time-major sequence, as SpikingJelly's
 * multi-step {@code BatchNorm1d} (torch BatchNorm1d over [T·B, C]): padding rows count too.
 *
 * <p>Train: {@code y = (x − μ)/√(σ²+ε)·γ + β} with the batch mean μ and biased variance σ², and
 * {@code running = (1 − momentum)·running + momentum·stat} where the running variance takes the
 * unbiased σ²·n/(n−1). Eval: the running statistics instead. Statistics are accumulated in double
 * per channel; work is split over channels, so results do not depend on the thread count.
 *
 * <p>The output and input-gradient buffers belong to the layer and are reused on the same shape.
 * The input of the last forward is kept by reference for backward: do not modify it in between.
 */
public final class BatchNorm1d implements Layer {
    /** torch's defaults. */
    public static final double DEFAULT_EPS = 1e-5, DEFAULT_MOMENTUM = 0.1;

    private final int channels;
    private final double eps, momentum;
    private final Param gamma, beta;
    private final float[] runningMean, runningVar;
    private long batchesTracked;

    // Last forward: input, whether train mode, per-channel mean and 1/√(var+ε) used.
    private Seq input;
    private boolean lastTrain;
    private final double[] mean, invStd;
    private final double[] sumG, sumGX; // backward scratch
    private float[] out, gradIn;

    /** γ and β are named {@code name + ".weight"} / {@code name + ".bias"} (torch's names), kind NORM. */
    public BatchNorm1d(String name, int channels) {
        this(name, channels, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    public BatchNorm1d(String name, int channels, double eps, double momentum) {
        Check.that(channels > 0, "batchnorm channels", "must be > 0, got " + channels);
        Check.that(Double.isFinite(eps) && eps > 0, "batchnorm eps", "must be > 0, got " + eps);
        Check.that(momentum >= 0 && momentum <= 1, "batchnorm momentum", "must be in [0, 1], got " + momentum);
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = new Param(name + ".weight", Param.Kind.NORM, true, channels);
        this.beta = new Param(name + ".bias", Param.Kind.NORM, true, channels);
        java.util.Arrays.fill(gamma.value(), 1f);
        this.runningMean = new float[channels];
        this.runningVar = new float[channels];
        java.util.Arrays.fill(runningVar, 1f);
        this.mean = new double[channels];
        this.invStd = new double[channels];
        this.sumG = new double[channels];
        this.sumGX = new double[channels];
    }

    public int channels() {
        return channels;
    }

    /** γ (init 1). */
    public Param gamma() {
        return gamma;
    }

    /** β (init 0). */
    public Param beta() {
        return beta;
    }

    /** The live running mean (init 0). */
    public float[] runningMean() {
        return runningMean;
    }

    /** The live running variance, unbiased (init 1). */
    public float[] runningVar() {
        return runningVar;
    }

    /** Number of train-mode forward passes that updated the running statistics. */
    public long batchesTracked() {
        return batchesTracked;
    }

    /** Restores the running statistics (from a checkpoint). */
    public void setRunningStats(float[] mean, float[] var, long batchesTracked) {
        Check.that(mean.length == channels && var.length == channels, "batchnorm running stats",
                "have " + mean.length + "/" + var.length + " values, the layer has " + channels + " channels");
        System.arraycopy(mean, 0, runningMean, 0, channels);
        System.arraycopy(var, 0, runningVar, 0, channels);
        this.batchesTracked = batchesTracked;
    }

    /**
     * The per-channel map of a forward pass, {@code y = (float)((x − mean)·invStd·γ + β)} evaluated
     * in double: what {@link #forward} writes, for a consumer that applies it on the fly (live
     * arrays of the layer: use before the next forward).
     */
    public record Affine(double[] mean, double[] invStd, float[] gamma, float[] beta) {
        /** The normalised value of {@code x} in channel {@code c}, bit-identical to {@link #forward}'s. */
        public float apply(float x, int c) {
            return (float) ((x - mean[c]) * invStd[c] * gamma[c] + beta[c]);
        }
    }

    @Override
    public Seq forward(Seq x, boolean train) {
        Affine aff = forwardAffine(x, train);
        int rows = x.rows(), C = channels;
        out = Buffers.reuse(out, x.data().length);
        float[] xd = x.data(), y = out;
        Parallel.forRange(C, (chunk, c0, c1) -> {
            for (int r = 0; r < rows; r++) {
                for (int c = c0, k = r * C + c0; c < c1; c++, k++) y[k] = aff.apply(xd[k], c);
            }
        });
        return new Seq(out, x.T(), x.B(), C);
    }

    /**
     * A forward pass that does not write the output: computes the statistics (train: the batch's,
     * updating the running ones; eval: the running ones), keeps {@code x} for {@link #backward}
     * and returns the map to apply. Saves a [T][B][C] buffer and a pass over it when the next
     * layer (the LIF) normalises its input as it reads it.
     */
    public Affine forwardAffine(Seq x, boolean train) {
        if (x.C() != channels) {
            throw new IllegalArgumentException("BatchNorm1d over " + channels + " channels got " + x.C() + " channels");
        }
        int rows = x.rows(), C = channels;
        if (train && rows < 2) {
            throw new UserInputException("batch normalisation: training needs more than one value per channel, got T·B = "
                    + rows + "; use a larger batch or longer samples");
        }
        float[] xd = x.data();
        Parallel.forRange(C, (chunk, c0, c1) -> {
            if (train) {
                double[] sq = invStd; // holds Σ(x−μ)² until turned into 1/√(var+ε)
                BatchNormKernels.statistics(xd, rows, C, c0, c1, mean, sq);
                for (int c = c0; c < c1; c++) {
                    double biased = sq[c] / rows, unbiased = sq[c] / (rows - 1);
                    runningMean[c] = (float) (momentum * mean[c] + (1 - momentum) * runningMean[c]);
                    runningVar[c] = (float) (momentum * unbiased + (1 - momentum) * runningVar[c]);
                    invStd[c] = 1 / Math.sqrt(biased + eps);
                }
            } else {
                for (int c = c0; c < c1; c++) {
                    mean[c] = runningMean[c];
                    invStd[c] = 1 / Math.sqrt(runningVar[c] + eps);
                }
            }
        });
        if (train) batchesTracked++;
        input = x;
        lastTrain = train;
        return new Affine(mean, invStd, gamma.value(), beta.value());
    }

    /**
     * Train mode: the standard BN backward through the batch statistics,
     * {@code dx = γ/√(σ²+ε)·(g − mean(g) − x̂·mean(g·x̂))}; eval mode: {@code dx = g·γ/√(var+ε)}.
     * Accumulates dγ = Σ g·x̂ and dβ = Σ g when they are trainable.
     */
    @Override
    public Seq backward(Seq gradOut, boolean needInputGrad) {
        float[] dx = needInputGrad && input != null ? (gradIn = Buffers.reuse(gradIn, input.data().length)) : null;
        return backward(gradOut, needInputGrad, dx);
    }

    /**
     * {@link #backward} writing the input gradient over {@code gradOut} (each channel's sums are
     * taken before its values are overwritten): no buffer of its own. The caller gives up
     * {@code gradOut}.
     */
    public Seq backwardInPlace(Seq gradOut) {
        return backward(gradOut, true, gradOut.data());
    }

    private Seq backward(Seq gradOut, boolean needInputGrad, float[] dx) {
        if (input == null) throw new IllegalStateException("BatchNorm1d.backward called before forward");
        Buffers.requireForwardShape(gradOut, input.T(), input.B(), channels, "gradient");
        int rows = input.rows(), C = channels;
        float[] xd = input.data(), gd = gradOut.data(), g = gamma.value();
        float[] gGamma = gamma.trainable() ? gamma.grad() : null, gBeta = beta.trainable() ? beta.grad() : null;
        boolean train = lastTrain;
        // channels split across threads: each channel's sums run over the rows in order whatever the split
        Parallel.forRange(C, (chunk, c0, c1) -> {
            BatchNormKernels.gradientSums(gd, xd, rows, C, c0, c1, mean, invStd, sumG, sumGX);
            for (int c = c0; c < c1; c++) {
                if (gGamma != null) gGamma[c] += (float) sumGX[c];
                if (gBeta != null) gBeta[c] += (float) sumG[c];
            }
            if (dx != null) {
                BatchNormKernels.inputGradient(gd, xd, rows, C, c0, c1, g, mean, invStd, train ? sumG : null, sumGX, dx);
            }
        });
        return dx == null ? null : new Seq(dx, input.T(), input.B(), C);
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }


    @Override
    public String toString() {
        return "BatchNorm1d(" + channels + ")";
    }
}
