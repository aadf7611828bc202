package org.delays4j.dcls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.delays4j.core.Param;
import org.delays4j.core.Parallel;
import org.delays4j.core.Seq;
import org.delays4j.core.SpikeEvents;
import org.delays4j.infer.DelayScatter;
import org.delays4j.layer.Layer;
import org.delays4j.util.UserInputException;

/**
 * The DCLS-1D learnable-delay layer (SPEC §1): every synapse i→o carries m weights at
 * real-valued positions with widths, from which a K-tap kernel is constructed and
 * cross-correlated with the zero-padded, time-major input.
 *
 * <p>Parameters {@code W}, {@code P}, {@code SIG} are {@code [out][in/groups][m]}. The kernel is
 * rebuilt from them at every {@link #forward} (in float64, then rounded to float32 for the
 * convolution). The convolution runs on one of the {@link ExecPath}s, chosen per call unless
 * {@link #setPath} forces one; all give the same result up to float32 rounding.
 *
 * <p>Not thread-safe: one layer instance serves one forward/backward at a time (each call is
 * internally parallel over {@link Parallel}).
 */
public final class Dcls1d implements Layer {
    /** The training state saved by {@link #enterRoundedEval()}. */
    public record EvalState(float[] positions, float[] sigma, DclsVersion version) {}

    private final Dcls1dConfig cfg;
    private final Param weight, positions, sigma, bias;
    private DclsVersion version;
    private ExecPath path = ExecPath.AUTO;
    private PathPolicy policy = PathPolicy.DEFAULT;

    // Kernel built by the last forward (reused buffers).
    private final KernelBuffers kb;
    // Forward cache for backward.
    private Seq x;
    private ConvShape shape;
    private ExecPath used;
    private SparseInput sparse;
    private NarrowKernel narrow;
    private Snippets snippets;
    private long integerNnz;
    private FftConv1d fftConv; // created at the first FFT backward (holds the spectra buffers)
    private boolean[] lastFft = {false, false};
    // Chunk buffers of the one-pass CSR build, reused call after call (the CSR itself is new each call).
    private final SparseInput.Scratch csrScratch = new SparseInput.Scratch();

    public Dcls1d(Dcls1dConfig cfg) {
        this("", cfg);
    }

    /**
     * A layer whose parameters are named {@code name.weight}, {@code name.P}, {@code name.SIG},
     * {@code name.bias}: unique names, as optimisers and checkpoints of a multi-layer network need.
     */
    public Dcls1d(String name, Dcls1dConfig cfg) {
        this.cfg = cfg;
        this.version = cfg.version();
        int out = cfg.out(), inG = cfg.inPerGroup(), m = cfg.kernelCount();
        String pre = name.isEmpty() ? "" : name + ".";
        weight = new Param(pre + "weight", Param.Kind.WEIGHT, cfg.learnWeight(), out, inG, m);
        positions = new Param(pre + "P", Param.Kind.POSITION, cfg.learnPositions(), out, inG, m);
        sigma = new Param(pre + "SIG", Param.Kind.SIGMA, cfg.learnSigma(), out, inG, m);
        bias = cfg.bias() ? new Param(pre + "bias", Param.Kind.BIAS, true, out) : null;
        Arrays.fill(sigma.value(), (float) cfg.sigmaInit());
        kb = new KernelBuffers(cfg);
    }

    public Dcls1dConfig config() {
        return cfg;
    }

    /**
     * SNN-delays initialisation: W ~ U(-b, b) with b = sqrt(6 / (in/groups · m)) (Kaiming uniform
     * for ReLU); P ~ U(-(c+1), c) (the reference's {@code -K//2} floor division) then clamped to
     * [-c, c]; SIG = sigmaInit; bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
     */
    public void init(RandomGenerator rng) {
        int fanIn = cfg.inPerGroup() * cfg.kernelCount();
        DclsInit.weights(weight.value(), fanIn, rng);
        DclsInit.positions(positions.value(), 0, positions.size(), cfg.limit(), rng);
        clampPositions();
        Arrays.fill(sigma.value(), (float) cfg.sigmaInit());
        DclsInit.bias(bias == null ? null : bias.value(), fanIn, rng);
    }

    public Param weight() {
        return weight;
    }

    public Param positions() {
        return positions;
    }

    public Param sigma() {
        return sigma;
    }

    /** The bias, or null when the layer has none. */
    public Param bias() {
        return bias;
    }

    @Override
    public List<Param> params() {
        List<Param> l = new ArrayList<>(List.of(weight, positions, sigma));
        if (bias != null) l.add(bias);
        return List.copyOf(l);
    }

    /** Clamps every position to [-c, c], c = K/2 (after each optimiser step, as the reference). */
    public void clampPositions() {
        float c = cfg.limit();
        float[] p = positions.value();
        for (int k = 0; k < p.length; k++) p[k] = Math.min(Math.max(p[k], -c), c);
    }

    public DclsVersion version() {
        return version;
    }

    public void setVersion(DclsVersion v) {
        if (v == null) throw new UserInputException("DCLS version: missing; use one of gauss, max, v1, v0");
        this.version = v;
    }

    /**
     * SPEC §1 "round": saves P, SIG and the version, then rounds P half-to-even, clamps it,
     * sets SIG = 0 and the version to {@code max}, so each synapse is one weight at an integer delay.
     */
    public EvalState enterRoundedEval() {
        EvalState s = new EvalState(positions.value().clone(), sigma.value().clone(), version);
        float[] p = positions.value();
        for (int k = 0; k < p.length; k++) p[k] = (float) Math.rint(p[k]);
        clampPositions();
        Arrays.fill(sigma.value(), 0f);
        version = DclsVersion.MAX;
        return s;
    }

    /** Puts back exactly the state saved by {@link #enterRoundedEval()}. */
    public void restore(EvalState s) {
        System.arraycopy(s.positions(), 0, positions.value(), 0, s.positions().length);
        System.arraycopy(s.sigma(), 0, sigma.value(), 0, s.sigma().length);
        version = s.version();
    }

    /** Forces an execution path ({@link ExecPath#AUTO} = choose per call). */
    public void setPath(ExecPath p) {
        if (p == null) throw new UserInputException("DCLS path: missing; use one of auto, dense, sparse, narrow, sparse-narrow, integer");
        this.path = p;
    }

    public ExecPath path() {
        return path;
    }

    public void setPolicy(PathPolicy p) {
        this.policy = p;
    }

    public PathPolicy policy() {
        return policy;
    }

    /** The path the last {@link #forward} actually used (null before the first call). */
    public ExecPath lastPath() {
        return used;
    }

    /** Whether the last forward ran sparse × narrow on one 8-tap window per synapse. */
    boolean usedWindows() {
        return snippets != null;
    }

    /** The float32 tap-major kernel [K][in][out/groups] built by the last forward (a live view). */
    public float[] kernelTapMajor() {
        return kb.kt;
    }

    /**
     * y [T + padLeft + padRight - (K-1)][B][out] from x [T][B][in] (time-major, zero-padded
     * samples). Keeps x for {@link #backward}.
     */
    @Override
    public Seq forward(Seq x, boolean train) {
        return forward(x, train, null);
    }

    /**
     * Eval-mode {@link #forward} into {@code out}, a buffer of the output's size that is
     * overwritten whole (reused batch after batch: no allocation, and the integer-delay scatter
     * writes it without a zeroing pass). Null: a new array. Same values as {@link #forward}.
     */
    public Seq forwardEval(Seq x, float[] out) {
        return forward(x, false, out);
    }

    /**
     * Eval-mode forward of binary spikes given as per-row channel lists (what a spiking layer
     * emits in evaluation), into {@code out} as {@link #forwardEval(Seq, float[])}. With one tap
     * per synapse (the rounded kernel) the lists feed the integer path directly: the scatter reads
     * them, or the time-vectorised correlation sets its per-sample panels from them (no dense
     * spike array, no scan). Other kernels or forced paths: the spikes are made dense and
     * {@link #forward} runs. Same values as {@link #forward} of {@code x.toSeq()}; no backward after it.
     */
    public Seq forwardEval(SpikeEvents x, float[] out) {
        if (x.C() != cfg.in()) {
            throw new UserInputException("Dcls1d input: expected " + cfg.in() + " channels, got " + x.C()
                    + " (check the layer's in_channels against the data)");
        }
        if (cfg.outputLength(x.T()) < 0 || (path != ExecPath.AUTO && path != ExecPath.INTEGER)) return forward(x.toSeq(), false, out);
        kb.build(version, weight.value(), positions.value(), sigma.value());
        double tol = policy.tapTolerance();
        if (path == ExecPath.AUTO && !kb.singleTap(tol)) return forward(x.toSeq(), false, out);
        ConvShape s = ConvShape.of(cfg, x.T(), x.B());
        long nnz = x.nnz(), cells = (long) x.T() * x.B() * x.C();
        boolean narrowK = kb.keptFraction(tol) <= policy.narrowFraction();
        // the choice forward makes: integer when sparse enough (else narrow or dense, the same sums here)
        boolean sparseIn = cells == 0 || nnz <= (narrowK ? policy.windowDensity() : policy.sparseDensity()) * cells;
        ExecPath p = path == ExecPath.INTEGER || sparseIn ? ExecPath.INTEGER : narrowK ? ExecPath.NARROW : ExecPath.DENSE;
        if (p == ExecPath.DENSE) return forward(x.toSeq(), false, out);
        float[] y = out != null ? checkedBuffer(out, s) : new float[s.Tout() * s.B() * s.out()];
        float[] bv = bias == null ? null : bias.value();
        DelayScatter.Table tab = p == ExecPath.INTEGER ? kb.scatter(s) : null;
        if (tab != null && scatterCheaper(s, nnz, tab.entries())) {
            DelayScatter.forwardRows(s.T(), s.B(), s.out(), s.padLeft(), s.Tout(), x.count(), x.C(), x.cols(), tab, bv, y);
        } else {
            NarrowConv1d.forwardOverwrite(s, kb.narrow(s, tol), null, x, bv, y);
        }
        this.x = null; // nothing kept for a backward
        this.shape = s;
        this.sparse = null;
        this.narrow = null;
        this.snippets = null;
        this.used = p;
        return new Seq(y, s.Tout(), s.B(), s.out());
    }

    private static float[] checkedBuffer(float[] out, ConvShape s) {
        int size = s.Tout() * s.B() * s.out();
        if (out.length != size) throw new IllegalArgumentException("output buffer has " + out.length + " values, the output needs " + size);
        return out;
    }

    /** The output size [Tout][B][out] for an input of T steps and B samples (for eval buffers). */
    public int outputSize(int T, int B) {
        return Math.max(0, cfg.outputLength(T)) * B * cfg.out();
    }

    private Seq forward(Seq x, boolean train, float[] out) {
        if (x.C() != cfg.in()) {
            throw new UserInputException("Dcls1d input: expected " + cfg.in() + " channels, got " + x.C()
                    + " (check the layer's in_channels against the data)");
        }
        ConvShape s = ConvShape.of(cfg, x.T(), x.B());
        if (cfg.outputLength(x.T()) < 0) {
            throw new UserInputException("Dcls1d input: length " + x.T() + " too short for kernel size "
                    + cfg.kernelSize() + " with padding " + cfg.padLeft() + "+" + cfg.padRight());
        }
        kb.build(version, weight.value(), positions.value(), sigma.value());
        this.x = x;
        this.shape = s;
        this.sparse = null;
        this.narrow = null;
        this.used = choose(x, s, train);

        float[] y;
        if (out == null) y = new float[s.Tout() * s.B() * s.out()];
        else {
            y = checkedBuffer(out, s);
            float[] bv = bias == null ? null : bias.value();
            // the integer path overwrites y whole (bias + result): no zeroing pass over the reused buffer
            if (used == ExecPath.INTEGER) {
                DelayScatter.Table tab = kb.scatter(s);
                if (scatterCheaper(s, integerNnz, tab.entries())) {
                    if (sparse == null) sparse = SparseInput.of(x, cfg.groups());
                    DelayScatter.forwardOverwrite(s.T(), s.B(), s.out(), s.padLeft(), s.Tout(), sparse.rowPtr(), sparse.cols(),
                            sparse.vals(), tab, bv, y);
                } else {
                    NarrowConv1d.forwardOverwrite(s, kb.narrow(s, policy.tapTolerance()), x.data(), null, bv, y);
                }
                return new Seq(y, s.Tout(), s.B(), s.out());
            }
            java.util.Arrays.fill(y, 0f);
        }
        if (bias != null) {
            float[] bv = bias.value();
            for (int r = 0; r < s.Tout() * s.B(); r++) System.arraycopy(bv, 0, y, r * s.out(), s.out());
        }
        switch (used) {
            case DENSE -> DenseConv1d.forward(s, x.data(), kb.kt, y);
            case SPARSE -> SparseConv1d.forward(s, sparse, kb, y);
            case SPARSE_NARROW -> {
                if (snippets != null) SnippetConv1d.forward(s, sparse, snippets, y);
                else SparseConv1d.forward(s, sparse, kb, y);
            }
            case NARROW -> NarrowConv1d.forward(s, narrow, x.data(), y);
            case INTEGER -> {
                DelayScatter.Table tab = kb.scatter(s);
                if (scatterCheaper(s, integerNnz, tab.entries())) {
                    if (sparse == null) sparse = SparseInput.of(x, cfg.groups());
                    DelayScatter.forward(s.T(), s.B(), s.in(), s.out(), s.padLeft(), s.Tout(), sparse.rowPtr(), sparse.cols(),
                            sparse.vals(), tab, y);
                } else {
                    NarrowConv1d.forward(s, kb.narrow(s, policy.tapTolerance()), x.data(), y);
                }
            }
            case AUTO -> throw new IllegalStateException("unresolved path");
        }
        return new Seq(y, s.Tout(), s.B(), s.out());
    }

    /**
     * The integer-delay forward has two exact forms: the event scatter (one scalar add per spike
     * and kernel entry: nnz · entries/in) and the time-vectorised correlation over the same
     * entries (one vector FMA per sample, entry and {@code lanes} output steps, input density
     * ignored). Measured on the SHD shapes, a scalar add costs about two vector FMAs.
     */
    static boolean scatterCheaper(ConvShape s, long nnz, long entries) {
        double scatter = (double) nnz * entries / s.in();
        double vector = 0.5 * s.B() * entries * Math.ceil(s.Tout() / (double) TapKernels.lanes()) + (double) s.T() * s.B() * s.in();
        return scatter <= vector;
    }

    private ExecPath choose(Seq x, ConvShape s, boolean train) {
        ExecPath p = path;
        if (p == ExecPath.AUTO) {
            double tol = policy.tapTolerance();
            boolean narrowK = kb.keptFraction(tol) <= policy.narrowFraction();
            double maxDensity = narrowK ? policy.windowDensity() : policy.sparseDensity();
            // training: the window kernel gradient beats the dense one up to ~60 % input density
            boolean trainWindows = train && narrowK && policy.trainWindowDensity() > maxDensity;
            if (!train && kb.singleTap(tol)) {
                // the integer path builds the CSR only if the scatter wins: count first
                long nnz = SparseInput.nnz(x);
                boolean sparseIn = x.data().length == 0 || nnz <= maxDensity * x.data().length;
                p = sparseIn ? ExecPath.INTEGER : narrowK ? ExecPath.NARROW : ExecPath.DENSE;
                integerNnz = nnz;
            } else {
                sparse = SparseInput.of(x, cfg.groups(), trainWindows ? policy.trainWindowDensity() : maxDensity, csrScratch);
                if (sparse != null && trainWindows && sparse.nnz() > maxDensity * x.data().length && kb.snippets(s, tol) == null) {
                    sparse = null; // denser than windowDensity pays only with the windows
                }
                boolean sparseIn = sparse != null;
                if (narrowK) p = sparseIn ? ExecPath.SPARSE_NARROW : ExecPath.NARROW;
                else p = sparseIn ? ExecPath.SPARSE : ExecPath.DENSE;
            }
        } else if (p == ExecPath.INTEGER) {
            integerNnz = SparseInput.nnz(x);
        }
        if (p.sparseInput() && sparse == null && p != ExecPath.INTEGER) sparse = SparseInput.of(x, cfg.groups());
        if (!p.sparseInput()) sparse = null;
        if (p.narrowKernel()) narrow = kb.narrow(s, policy.tapTolerance());
        snippets = p == ExecPath.SPARSE_NARROW ? kb.snippets(s, policy.tapTolerance()) : null;
        return p;
    }

    /**
     * Accumulates the gradients of the trainable parameters for {@code gradOut} (same shape as
     * the last output) and returns the input gradient, or null when not needed.
     */
    @Override
    public Seq backward(Seq gradOut, boolean needInputGrad) {
        return backward(gradOut, needInputGrad, null);
    }

    /**
     * {@link #backward(Seq, boolean)} for a caller that multiplies the input gradient by
     * {@code inputKeep} [B][in] afterwards (the dropout mask of the layer before): entries (t, b, i)
     * with {@code inputKeep[b·in + i] == 0} may be left at zero instead of computed, which the
     * narrow paths do (40 % less input-gradient work at dropout 0.4). Null: every entry computed.
     */
    public Seq backward(Seq gradOut, boolean needInputGrad, float[] inputKeep) {
        if (inputKeep != null && x != null && inputKeep.length != x.B() * cfg.in()) {
            throw new IllegalArgumentException("input keep mask has " + inputKeep.length + " values, expected B*in = " + x.B() * cfg.in());
        }
        if (x == null) throw new IllegalStateException("Dcls1d.backward called before forward");
        ConvShape s = shape;
        if (gradOut.T() != s.Tout() || gradOut.B() != s.B() || gradOut.C() != s.out()) {
            throw new IllegalArgumentException("Dcls1d.backward: gradient shape " + gradOut.T() + "x" + gradOut.B() + "x"
                    + gradOut.C() + " differs from the output " + s.Tout() + "x" + s.B() + "x" + s.out());
        }
        float[] gy = gradOut.data();
        boolean wantW = weight.trainable(), wantP = positions.trainable(), wantS = sigma.trainable() && version.usesSigma();
        boolean wantK = wantW || wantP || wantS;
        boolean[] fft = fftGradients(s, needInputGrad, wantK, inputKeep);
        float[] g = needInputGrad ? new float[s.T() * s.B() * s.in()] : null;
        float[] gkt = fft[1] ? kb.gradBuffer() : null;
        if (fft[0] || fft[1]) {
            if (fftConv == null) fftConv = new FftConv1d();
            if (!fftConv.backward(s, fft[1] ? x.data() : null, gy, fft[0] ? kb.kt : null, fft[0] ? g : null, fft[1] ? gkt : null)) {
                fft = new boolean[] {false, false}; // the heap cannot hold the spectra: direct paths
                lastFft = fft;
            }
        }
        Seq gx = null;
        if (needInputGrad) {
            if (!fft[0]) {
                if (used.narrowKernel()) NarrowConv1d.inputGrad(s, narrow, gy, g, inputKeep);
                else DenseConv1d.inputGrad(s, gy, kb.kt, g);
            }
            gx = new Seq(g, s.T(), s.B(), s.in());
        }
        if (wantK) {
            float[] gW = wantW ? weight.grad() : null, gP = wantP ? positions.grad() : null, gS = wantS ? sigma.grad() : null;
            if (fft[1]) {
                kb.backward(version, gkt, gW, gP, gS);
            } else if (snippets != null) {
                // window gradients go straight to W/P/SIG (no tap-major buffer)
                kb.backwardWindows(version, snippets, SnippetConv1d.kernelGrad(s, sparse, snippets, gy), gW, gP, gS);
            } else {
                float[] buf = kb.gradBuffer();
                if (used.sparseInput()) {
                    if (sparse == null) sparse = SparseInput.of(x, cfg.groups()); // the integer forward may not have built it
                    SparseConv1d.kernelGrad(s, sparse, gy, buf);
                }
                else DenseConv1d.kernelGrad(s, x.data(), gy, buf);
                kb.backward(version, buf, gW, gP, gS);
            }
        }
        if (bias != null && bias.trainable()) {
            float[] gb = bias.grad();
            int out = s.out(), rows = s.Tout() * s.B();
            // parallel over columns: each keeps the serial row order, so any thread count gives the same sums
            Parallel.forRange(out, (chunk, o0, o1) -> {
                double[] acc = new double[o1 - o0];
                for (int r = 0; r < rows; r++) for (int o = o0, k = r * out + o0; o < o1; o++, k++) acc[o - o0] += gy[k];
                for (int o = o0; o < o1; o++) gb[o] += (float) acc[o - o0];
            });
        }
        return gx;
    }

    /**
     * Which gradients of this backward go through the FFT, {input, kernel}: per the policy's
     * {@link FftMode}; in auto mode, when {@link GradientCost} estimates it cheaper than the path
     * the forward chose (narrow or dense input gradient; snippet, sparse or dense kernel gradient)
     * and the path is not forced ({@link #setPath} other than auto keeps that path's own
     * gradients unless the mode is {@link FftMode#ON}).
     */
    private boolean[] fftGradients(ConvShape s, boolean wantX, boolean wantK, float[] inputKeep) {
        boolean[] pick = {false, false};
        boolean allowed = policy.fft() == FftMode.ON || (policy.fft() == FftMode.AUTO && path == ExecPath.AUTO);
        if (s.groups() == 1 && allowed && s.Tout() > 0 && s.B() > 0) {
            if (policy.fft() == FftMode.ON) pick = new boolean[] {wantX, wantK};
            else {
                double curX = 0, curK = 0;
                if (wantX) {
                    if (used.narrowKernel()) {
                        double keep = 1;
                        if (inputKeep != null) {
                            int kept = 0;
                            for (float v : inputKeep) if (v != 0f) kept++;
                            keep = inputKeep.length == 0 ? 1 : kept / (double) inputKeep.length;
                        }
                        curX = GradientCost.narrowInputGrad(s, narrow.entries(), keep); // counted, not built: the FFT may replace it
                    } else curX = GradientCost.dense(s);
                }
                if (wantK) {
                    if (snippets != null) curK = GradientCost.snippetKernelGrad(s, sparse.nnz());
                    else if (used.sparseInput()) curK = GradientCost.sparseKernelGrad(s, sparse != null ? sparse.nnz() : SparseInput.nnz(x));
                    else curK = GradientCost.dense(s);
                }
                pick = GradientCost.choose(s, wantX, wantK, curX, curK);
            }
        }
        lastFft = pick;
        return pick;
    }

    /** Whether the last {@link #backward} computed the {input, kernel} gradient through the FFT. */
    boolean[] lastFft() {
        return lastFft.clone();
    }

    @Override
    public String toString() {
        return "Dcls1d(" + cfg.in() + "->" + cfg.out() + ", K=" + cfg.kernelSize() + ", m=" + cfg.kernelCount()
                + ", groups=" + cfg.groups() + ", " + version + ")";
    }
}
