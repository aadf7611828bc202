package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.delays4j.core.Seq;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AUTO's choice of path, the narrow path's stated bound, and integer delays vs the dense max path. */
class PathChoiceAndBoundsTest {

    @ParameterizedTest(name = "{0} sigma={1} train={2} rounded={3} -> {4}")
    @CsvSource({
        "SPIKES,0.23,true,false,SPARSE_NARROW",
        "SPIKES,12,true,false,SPARSE",
        "REAL,12,true,false,DENSE",
        "REAL,0.23,true,false,NARROW",
        "SPIKES,12,false,true,INTEGER",
        "SPIKES,12,true,true,SPARSE_NARROW",
        "REAL,12,false,true,NARROW"})
    void autoChoosesFromDensityAndWidth(RandomDcls.Input kind, double sigma, boolean train, boolean rounded, ExecPath expected) {
        SplittableRandom r = new SplittableRandom(8);
        Dcls1d l = RandomDcls.layer(Dcls1dConfig.snn(16, 12, 25), r, sigma);
        if (rounded) l.enterRoundedEval();
        l.forward(RandomDcls.input(r, 30, 4, 16, kind, 0.05), train);
        assertThat(l.lastPath()).isEqualTo(expected);
    }

    /**
     * Between windowDensity and trainWindowDensity a narrow kernel with windows takes the window
     * path when training (its kernel gradient is the cheap one) and the narrow path in evaluation.
     */
    @ParameterizedTest(name = "train={0} -> {1}")
    @CsvSource({"true,SPARSE_NARROW", "false,NARROW"})
    void denserSpikesTrainOnTheWindows(boolean train, ExecPath expected) {
        SplittableRandom r = new SplittableRandom(8);
        Dcls1d l = RandomDcls.layer(Dcls1dConfig.snn(16, 12, 25), r, 0.23);
        Seq x = RandomDcls.input(r, 30, 4, 16, RandomDcls.Input.SPIKES, 0.4);
        double density = SparseInput.nnz(x) / (double) x.data().length;
        assertThat(density).isGreaterThan(PathPolicy.DEFAULT.windowDensity()).isLessThan(PathPolicy.DEFAULT.trainWindowDensity());
        l.forward(x, train);
        assertThat(l.lastPath()).isEqualTo(expected);
        assertThat(l.usedWindows()).isEqualTo(train);
    }

    /** At the default tolerance the narrow path is narrow at σ = 0.23 and changes nothing beyond float32 rounding. */
    @Test
    void defaultToleranceKeepsFloat32Accuracy() {
        SplittableRandom r = new SplittableRandom(21);
        Dcls1dConfig cfg = Dcls1dConfig.snn(24, 20, 25);
        Dcls1d l = RandomDcls.layer(cfg, r, 0.23);
        Seq x = RandomDcls.input(r, 40, 3, 24, RandomDcls.Input.REAL, 1);
        l.setPath(ExecPath.NARROW);
        Seq y = l.forward(x, true);
        NarrowKernel nk = kernelOf(l, x);
        double kept = (double) nk.forward().entries() / (24 * 20 * 25);
        assertThat(kept).as("kept fraction at sigma 0.23").isLessThan(0.3).isGreaterThan(0.15);
        // the count the FFT cost rule reads equals both directions' list lengths
        assertThat(nk.entries()).isEqualTo(nk.forward().entries()).isEqualTo(nk.inputGrad().entries());
        Dcls1dReference.Params p = RandomDcls.params(l);
        double[] yRef = Dcls1dReference.forward(cfg, RandomDcls.toDouble(x.data()), 40, 3, Dcls1dReference.kernel(cfg, l.version(), p), null);
        assertThat(Golden.relErr(yRef, y.data())).isLessThan(1e-6);
    }

    /** A coarse tolerance: the narrow path equals the kernel with dropped entries, and the drop obeys the bound. */
    @Test
    void coarseToleranceObeysTheStatedBound() {
        double tol = 1e-3;
        SplittableRandom r = new SplittableRandom(22);
        Dcls1dConfig cfg = Dcls1dConfig.builder(10, 8, 15).groups(2).kernelCount(2).learnSigma(true).build();
        Dcls1d l = RandomDcls.layer(cfg, r, 0.6);
        l.setPolicy(PathPolicy.DEFAULT.withTapTolerance(tol));
        l.setPath(ExecPath.NARROW);
        int T = 30, B = 3, K = 15, inG = 5, m = 2;
        Seq x = RandomDcls.input(r, T, B, 10, RandomDcls.Input.REAL, 1);
        Seq y = l.forward(x, true);

        Dcls1dReference.Params p = RandomDcls.params(l);
        double[] full = Dcls1dReference.kernel(cfg, l.version(), p), dropped = full.clone();
        int nDropped = 0;
        for (int s = 0; s < full.length / K; s++) {
            double sw = Math.abs(p.weight()[s * m]) + Math.abs(p.weight()[s * m + 1]);
            for (int n = 0; n < K; n++) {
                if (Math.abs(full[s * K + n]) <= tol * sw) {
                    dropped[s * K + n] = 0;
                    nDropped++;
                }
            }
        }
        assertThat(nDropped).isGreaterThan(full.length / 4);
        double[] xd = RandomDcls.toDouble(x.data());
        double[] yFull = Dcls1dReference.forward(cfg, xd, T, B, full, null);
        double[] yDrop = Dcls1dReference.forward(cfg, xd, T, B, dropped, null);
        assertThat(Golden.relErr(yDrop, y.data())).as("narrow path = kernel without the dropped entries").isLessThan(1e-6);
        int To = cfg.outputLength(T);
        for (int t = 0; t < To; t++) {
            for (int b = 0; b < B; b++) {
                for (int o = 0; o < 8; o++) {
                    double bound = 0;
                    int g = o / 4;
                    for (int i = 0; i < inG; i++) {
                        int s = o * inG + i;
                        double sw = Math.abs(p.weight()[s * m]) + Math.abs(p.weight()[s * m + 1]), sx = 0;
                        for (int n = 0; n < K; n++) {
                            int ts = t + n - cfg.padLeft();
                            if (ts >= 0 && ts < T) sx += Math.abs(xd[(ts * B + b) * 10 + g * inG + i]);
                        }
                        bound += tol * sw * sx;
                    }
                    int k = (t * B + b) * 8 + o;
                    assertThat(Math.abs(yFull[k] - y.data()[k])).isLessThanOrEqualTo(bound + 1e-5 * (1 + Math.abs(yFull[k])));
                }
            }
        }
    }

    /** After rounding, the event-driven forward equals the dense max path up to float32 rounding of sums. */
    @ParameterizedTest(name = "density {0} groups {1}")
    @CsvSource({"0.05,1", "0.2,1", "0.1,2"})
    void integerDelaysEqualTheDenseMaxPath(double density, int groups) {
        SplittableRandom r = new SplittableRandom(31);
        Dcls1dConfig cfg = Dcls1dConfig.builder(32, 24, 25).groups(groups).build();
        Dcls1d l = RandomDcls.layer(cfg, r, 12);
        l.enterRoundedEval();
        Seq x = RandomDcls.input(r, 50, 6, 32, RandomDcls.Input.SPIKES, density);
        Seq yInt = l.forward(x, false);
        assertThat(l.lastPath()).isEqualTo(ExecPath.INTEGER);
        l.setPath(ExecPath.DENSE);
        Seq yDense = l.forward(x, false);
        assertThat(Golden.relErr(RandomDcls.toDouble(yDense.data()), yInt.data())).isLessThan(1e-6);
        double[] yRef = Dcls1dReference.forward(cfg, RandomDcls.toDouble(x.data()), 50, 6,
                Dcls1dReference.kernel(cfg, DclsVersion.MAX, RandomDcls.params(l)), null);
        assertThat(Golden.relErr(yRef, yInt.data())).isLessThan(1e-6);
    }

    /** At SHD width (K 25, σ 0.23) every narrow path matches the float64 reference, gradients included. */
    @ParameterizedTest(name = "{0} {1} simd={2}")
    @CsvSource({"SPARSE_NARROW,SPIKES,true", "SPARSE_NARROW,COUNTS,true", "SPARSE_NARROW,SPIKES,false",
        "NARROW,REAL,true", "NARROW,SPIKES,false", "INTEGER,SPIKES,true"})
    void narrowPathsAtShdWidth(ExecPath path, RandomDcls.Input kind, boolean simd) {
        org.delays4j.core.Ops prev = org.delays4j.core.Kernels.use(simd ? org.delays4j.core.VectorOps.INSTANCE
                : org.delays4j.core.NaiveOps.INSTANCE);
        try {
            SplittableRandom r = new SplittableRandom(41);
            Dcls1dConfig cfg = Dcls1dConfig.builder(24, 20, 25).groups(2).build(); // m = 1: one window per synapse
            Dcls1d l = RandomDcls.layer(cfg, r, 0.23);
            int T = 40, B = 5;
            Seq x = RandomDcls.input(r, T, B, 24, kind, 0.1);
            Seq gy = RandomDcls.gaussian(r, cfg.outputLength(T), B, 20);
            l.setPath(path);
            Seq y = l.forward(x, true);
            assertThat(l.usedWindows()).isEqualTo(path == ExecPath.SPARSE_NARROW);
            Seq gx = l.backward(gy, true);
            Dcls1dReference.Params p = RandomDcls.params(l);
            double[] k = Dcls1dReference.kernel(cfg, l.version(), p), xd = RandomDcls.toDouble(x.data());
            assertThat(Golden.relErr(Dcls1dReference.forward(cfg, xd, T, B, k, null), y.data())).as("y").isLessThan(1e-5);
            Dcls1dReference.Grads g = Dcls1dReference.backward(cfg, xd, T, B, k, RandomDcls.toDouble(gy.data()), false);
            assertThat(Golden.relErr(g.x(), gx.data())).as("grad x").isLessThan(1e-5);
            int n = p.weight().length;
            double[] gw = new double[n], gp = new double[n];
            DclsKernel1d.backward(l.version(), 25, 20 * 12, 1, p.weight(), p.positions(), p.sigma(), g.kernel(), gw, gp, null);
            assertThat(Golden.relErr(gw, l.weight().grad())).as("grad W").isLessThan(1e-5);
            assertThat(Golden.relErr(gp, l.positions().grad())).as("grad P").isLessThan(1e-5);
        } finally {
            org.delays4j.core.Kernels.use(prev);
        }
    }

    private static NarrowKernel kernelOf(Dcls1d l, Seq x) {
        KernelBuffers kb = new KernelBuffers(l.config());
        kb.build(l.version(), l.weight().value(), l.positions().value(), l.sigma().value());
        return kb.narrow(ConvShape.of(l.config(), x.T(), x.B()), l.policy().tapTolerance());
    }
}
