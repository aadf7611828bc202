package org.delays4j.dcls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.delays4j.core.FloatTensor;
import org.delays4j.core.Param;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * The general DCLS layer in 1, 2 or 3 spatial dimensions (the reference's Dcls1d/2d/3d, stride 1):
 * every element j of a synapse (o, i) has a weight and, per spatial dimension, a learnable position
 * and width; the dense {@code K_1×…×K_D} kernel built from them ({@link DclsKernelNd}) is
 * cross-correlated with a channel-major batch {@code x[B][in][S_1..S_D]} (NCHW / NCDHW, the image
 * layout, not the SNN's time-major {@code Seq}) giving {@code y[B][out][O_1..O_D]}.
 *
 * <p>Parameters: {@code weight} {@code [out][in/groups][m]}, {@code P} and {@code SIG}
 * {@code [D][out][in/groups][m]}, {@code bias} {@code [out]} or none. The kernel is built in float64
 * at every forward and rounded to float32 for the im2col convolution ({@link ConvNd}).
 * Not thread-safe: one forward/backward at a time (each is internally parallel).
 */
public final class DclsNd {
    private final DclsNdConfig cfg;
    private final Param weight, positions, sigma, bias;
    private DclsVersion version;
    // Cached by forward for backward.
    private float[] x, kernel;
    private double[] w64, p64, s64;
    private ConvNdShape shape;

    public DclsNd(DclsNdConfig cfg) {
        this("", cfg);
    }

    /** A layer whose parameters are named {@code name.weight}, {@code name.P}, {@code name.SIG}, {@code name.bias}. */
    public DclsNd(String name, DclsNdConfig cfg) {
        this.cfg = cfg;
        this.version = cfg.version();
        int out = cfg.out(), inG = cfg.inPerGroup(), m = cfg.kernelCount(), D = cfg.dims();
        String pre = name.isEmpty() ? "" : name + ".";
        weight = new Param(pre + "weight", Param.Kind.WEIGHT, cfg.learnWeight(), out, inG, m);
        positions = new Param(pre + "P", Param.Kind.POSITION, cfg.learnPositions(), D, out, inG, m);
        sigma = new Param(pre + "SIG", Param.Kind.SIGMA, cfg.learnSigma(), D, out, inG, m);
        bias = cfg.bias() ? new Param(pre + "bias", Param.Kind.BIAS, true, out) : null;
        Arrays.fill(sigma.value(), (float) cfg.sigmaInit());
    }

    /** A 2-D layer with "same" padding: {@code builder(in, out, kh, kw)} with defaults otherwise. */
    public static DclsNd conv2d(int in, int out, int kh, int kw) {
        return new DclsNd(DclsNdConfig.builder(in, out, kh, kw).samePadding().build());
    }

    /** A 3-D layer with "same" padding. */
    public static DclsNd conv3d(int in, int out, int kd, int kh, int kw) {
        return new DclsNd(DclsNdConfig.builder(in, out, kd, kh, kw).samePadding().build());
    }

    public DclsNdConfig config() {
        return cfg;
    }

    /**
     * Initialisation by the 1-D layer's rule: W ~ U(−b, b), b = sqrt(6 / (in/groups · m)) (Kaiming
     * uniform for ReLU over the weight tensor's fan-in; the kernel's spatial size does not enter, since
     * each element is one weight wherever it sits); P_d ~ U(−(c_d+1), c_d) clamped to [−c_d, c_d];
     * SIG = sigmaInit; bias ~ U(−1/sqrt(fan_in), 1/sqrt(fan_in)).
     */
    public void init(RandomGenerator rng) {
        int fanIn = cfg.inPerGroup() * cfg.kernelCount();
        DclsInit.weights(weight.value(), fanIn, rng);
        int E = cfg.elements();
        for (int d = 0; d < cfg.dims(); d++) DclsInit.positions(positions.value(), d * E, (d + 1) * E, cfg.limit(d), rng);
        clampPositions();
        Arrays.fill(sigma.value(), (float) cfg.sigmaInit());
        DclsInit.bias(bias == null ? null : bias.value(), fanIn, rng);
    }

    public Param weight() {
        return weight;
    }

    /** Positions {@code [D][out][in/groups][m]}. */
    public Param positions() {
        return positions;
    }

    /** Widths {@code [D][out][in/groups][m]}. */
    public Param sigma() {
        return sigma;
    }

    /** The bias, or null. */
    public Param bias() {
        return bias;
    }

    /** W, P, SIG (and bias), in this order. */
    public List<Param> params() {
        List<Param> l = new ArrayList<>(List.of(weight, positions, sigma));
        if (bias != null) l.add(bias);
        return List.copyOf(l);
    }

    /** Clamps the positions of each dimension d to [−c_d, c_d] (after each optimiser step). */
    public void clampPositions() {
        float[] p = positions.value();
        int E = cfg.elements();
        for (int d = 0; d < cfg.dims(); d++) {
            float c = cfg.limit(d);
            for (int k = d * E; k < (d + 1) * E; k++) p[k] = Math.min(Math.max(p[k], -c), c);
        }
    }

    public DclsVersion version() {
        return version;
    }

    public void setVersion(DclsVersion v) {
        if (v == null) throw new UserInputException("DCLS version: missing; use one of gauss, max, v1, v0");
        this.version = v;
    }

    /** The float64 kernel {@code [out][in/groups][K_1..K_D]} of the current parameters. */
    public double[] kernel64() {
        double[] w = toDouble(weight.value()), p = toDouble(positions.value()), s = toDouble(sigma.value());
        return build(w, p, s);
    }

    private double[] build(double[] w, double[] p, double[] s) {
        int synapses = cfg.out() * cfg.inPerGroup(), m = cfg.kernelCount();
        int[] K = cfg.kernelSize();
        double[] k = new double[synapses * cfg.kernelVolume()];
        Parallel.forRange(synapses, (chunk, from, to) -> DclsKernelNd.construct(version, K, from, to, m, w, p, s, k));
        return k;
    }

    /**
     * {@code y[B][out][O…]} for {@code x[B][in][S…]} (any strides; a contiguous tensor is not copied).
     * Keeps x and the kernel for {@link #backward}. Wrong rank, channel count or too-small sizes
     * throw {@link UserInputException}.
     */
    public FloatTensor forward(FloatTensor input, boolean train) {
        ConvNdShape sh = ConvNdShape.of(cfg, input.shape(), "DCLS " + cfg.dims() + "-D input");
        float[] xs = input.isContiguous() && input.offset() == 0 && input.data().length == input.size()
                ? input.data() : input.toArray();
        w64 = toDouble(weight.value());
        p64 = toDouble(positions.value());
        s64 = toDouble(sigma.value());
        double[] k64 = build(w64, p64, s64);
        float[] k = new float[k64.length];
        for (int j = 0; j < k.length; j++) k[j] = (float) k64[j];
        float[] y = ConvNd.forward(sh, xs, k, bias == null ? null : bias.value());
        x = xs;
        kernel = k;
        shape = sh;
        return FloatTensor.of(y, sh.outputShape());
    }

    /**
     * Accumulates the gradients of the trainable W, P, SIG (when the version uses it) and bias for
     * the output cotangent {@code gy} (shape of the last output), and returns the input gradient
     * (or null when {@code needInputGrad} is false).
     */
    public FloatTensor backward(FloatTensor gradOut, boolean needInputGrad) {
        if (shape == null) throw new IllegalStateException("backward before forward");
        if (!Arrays.equals(gradOut.shape(), shape.outputShape())) {
            throw new UserInputException("DCLS output gradient: expected shape " + Arrays.toString(shape.outputShape())
                    + ", got " + Arrays.toString(gradOut.shape()));
        }
        float[] gy = gradOut.toArray();
        if (bias != null && bias.trainable()) ConvNd.biasGrad(shape, gy, bias.grad());
        boolean gW = weight.trainable(), gP = positions.trainable(), gS = sigma.trainable() && version.usesSigma();
        if (gW || gP || gS) {
            float[] gk = new float[kernel.length];
            ConvNd.kernelGrad(shape, x, gy, gk);
            double[] gk64 = toDouble(gk);
            int E = cfg.elements(), D = cfg.dims(), m = cfg.kernelCount();
            double[] dw = gW ? new double[E] : null, dp = gP ? new double[D * E] : null, ds = gS ? new double[D * E] : null;
            int[] K = cfg.kernelSize();
            Parallel.forRange(cfg.out() * cfg.inPerGroup(), (chunk, from, to) ->
                    DclsKernelNd.backward(version, K, from, to, m, w64, p64, s64, gk64, dw, dp, ds));
            addTo(dw, weight);
            addTo(dp, positions);
            addTo(ds, sigma);
        }
        if (!needInputGrad) return null;
        int[] xShape = new int[shape.dims() + 2];
        xShape[0] = shape.batch();
        xShape[1] = shape.in();
        System.arraycopy(shape.size(), 0, xShape, 2, shape.dims());
        return FloatTensor.of(ConvNd.inputGrad(shape, kernel, gy), xShape);
    }

    private static void addTo(double[] g, Param p) {
        if (g == null) return;
        float[] t = p.grad();
        for (int k = 0; k < g.length; k++) t[k] += (float) g[k];
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) d[k] = a[k];
        return d;
    }
}
