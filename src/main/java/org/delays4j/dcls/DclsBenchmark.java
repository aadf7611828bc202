package org.delays4j.dcls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.delays4j.core.Seq;

/**
 * Times forward and backward of the three SHD delay layers (140→256, 256→256, 256→20; K 25;
 * T 100 growing by (K-1)/2 per layer) on each execution path, at given widths σ and input
 * densities, plus the integer-delay forward after rounding, against the dense path's forward of
 * the same rounded kernel (both eval forwards into one reused output buffer, as a deployed network
 * runs them). Each measurement is the median of timed repetitions after warm-up. Inputs are random
 * binary spikes; cotangents are Gaussian.
 */
public final class DclsBenchmark {
    /** The path label of the baseline for the integer rows: the dense path's eval forward. */
    public static final String DENSE_EVAL = "dense-eval";

    /** One layer shape. */
    public record Shape(String name, int in, int out, int T) {}

    /** The SHD preset's layers at sequence length T0 = 100. */
    public static List<Shape> shd(int K) {
        int grow = (K - 1) / 2;
        return List.of(new Shape("L1 140->256", 140, 256, 100), new Shape("L2 256->256", 256, 256, 100 + grow),
                new Shape("L3 256->20", 256, 20, 100 + 2 * grow));
    }

    /**
     * What to run.
     *
     * @param batch     samples per batch (256 in the SHD preset)
     * @param K         kernel size
     * @param sigmas    SIG values
     * @param densities input spike densities
     * @param paths     paths besides dense (which is always timed once per layer as the baseline)
     * @param integer   whether to time the integer-delay forward after rounding
     * @param warmup    untimed runs per measurement
     * @param reps      timed runs per measurement (median reported)
     * @param seed      random seed
     */
    public record Config(int batch, int K, double[] sigmas, double[] densities, List<ExecPath> paths, boolean integer,
                         int warmup, int reps, long seed) {}

    /**
     * One result row. {@code fwdMs}/{@code bwdMs}: median milliseconds (bwd = NaN for forward-only
     * rows); {@code denseGflop}: the dense path's GFLOP for the same work (forward only, or
     * forward + backward); {@code speedup}: dense time / this time for the same work.
     */
    public record Row(String layer, String path, String used, double sigma, double density, double fwdMs, double bwdMs,
                      double denseGflop, double speedup) {
        public double totalMs() {
            return Double.isNaN(bwdMs) ? fwdMs : fwdMs + bwdMs;
        }
    }

    private DclsBenchmark() {}

    /**
     * Runs every measurement of {@code c}. With warm-up, one untimed pass over all layers and
     * paths comes first: the paths share kernels (the narrow correlation serves the integer forward
     * and the input gradient), and a kernel first compiled while one path is being timed, or
     * recompiled when another path reaches it with a new profile, would otherwise bias whichever
     * row runs first.
     */
    public static List<Row> run(Config c, Consumer<Row> progress) {
        if (c.warmup() > 0) {
            measure(new Config(c.batch(), c.K(), c.sigmas(), c.densities(), c.paths(), c.integer(), 0, 1, c.seed()), r -> {});
        }
        return measure(c, progress);
    }

    private static List<Row> measure(Config c, Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        List<Shape> shapes = shd(c.K());
        for (int li = 0; li < shapes.size(); li++) {
            Shape sh = shapes.get(li);
            boolean needGx = li > 0;
            Dcls1d layer = new Dcls1d(Dcls1dConfig.snn(sh.in(), sh.out(), c.K()));
            layer.init(new Random(c.seed() + li));
            Random r = new Random(c.seed() * 31 + li);
            Seq gy = gaussian(r, sh.T() + (c.K() - 1) / 2, c.batch(), sh.out());
            ConvShape cs = ConvShape.of(layer.config(), sh.T(), c.batch());
            double macs = cs.denseMacs();
            double stepFlop = 2 * macs * (needGx ? 3 : 2), fwdFlop = 2 * macs;

            // Dense baseline: its cost depends on neither σ nor density.
            Seq x0 = spikes(r, sh.T(), c.batch(), sh.in(), c.densities()[0]);
            setSigma(layer, c.sigmas()[0]);
            double[] dense = time(layer, ExecPath.DENSE, x0, gy, needGx, c);
            Row d = new Row(sh.name(), "dense", "dense", Double.NaN, Double.NaN, dense[0], dense[1], stepFlop * 1e-9, 1.0);
            rows.add(d);
            progress.accept(d);
            for (double sigma : c.sigmas()) {
                setSigma(layer, sigma);
                for (double density : c.densities()) {
                    Seq x = spikes(r, sh.T(), c.batch(), sh.in(), density);
                    for (ExecPath p : c.paths()) {
                        if (p == ExecPath.DENSE || p == ExecPath.INTEGER) continue;
                        double[] t = time(layer, p, x, gy, needGx, c);
                        Row row = new Row(sh.name(), p.id(), layer.lastPath().id(), sigma, density, t[0], t[1],
                                stepFlop * 1e-9, (dense[0] + dense[1]) / (t[0] + t[1]));
                        rows.add(row);
                        progress.accept(row);
                    }
                }
            }
            if (c.integer()) {
                // Both eval forwards as a deployed network runs them: rounded kernel, one reused output
                // buffer; the dense path on the same call is the baseline.
                Dcls1d.EvalState saved = layer.enterRoundedEval();
                float[] buf = new float[layer.outputSize(sh.T(), c.batch())];
                layer.setPath(ExecPath.DENSE);
                double denseEval = median(c, () -> layer.forwardEval(x0, buf));
                Row base = new Row(sh.name(), DENSE_EVAL, "dense", 0, Double.NaN, denseEval, Double.NaN, fwdFlop * 1e-9, 1.0);
                rows.add(base);
                progress.accept(base);
                for (double density : c.densities()) {
                    Seq x = spikes(r, sh.T(), c.batch(), sh.in(), density);
                    layer.setPath(ExecPath.INTEGER);
                    double ms = median(c, () -> layer.forwardEval(x, buf));
                    Row row = new Row(sh.name(), "integer", layer.lastPath().id(), 0, density, ms, Double.NaN,
                            fwdFlop * 1e-9, denseEval / ms);
                    rows.add(row);
                    progress.accept(row);
                }
                layer.restore(saved);
            }
        }
        return rows;
    }

    /** Median forward and backward milliseconds of one path. */
    private static double[] time(Dcls1d layer, ExecPath p, Seq x, Seq gy, boolean needGx, Config c) {
        layer.setPath(p);
        double[] fwd = new double[c.reps()], bwd = new double[c.reps()];
        for (int k = -c.warmup(); k < c.reps(); k++) {
            long t0 = System.nanoTime();
            layer.forward(x, true);
            long t1 = System.nanoTime();
            layer.backward(gy, needGx);
            long t2 = System.nanoTime();
            if (k >= 0) {
                fwd[k] = (t1 - t0) * 1e-6;
                bwd[k] = (t2 - t1) * 1e-6;
            }
            layer.params().forEach(org.delays4j.core.Param::zeroGrad);
        }
        return new double[] {median(fwd), median(bwd)};
    }

    private static double median(Config c, Runnable body) {
        double[] t = new double[c.reps()];
        for (int k = -c.warmup(); k < c.reps(); k++) {
            long t0 = System.nanoTime();
            body.run();
            if (k >= 0) t[k] = (System.nanoTime() - t0) * 1e-6;
        }
        return median(t);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static void setSigma(Dcls1d layer, double sigma) {
        Arrays.fill(layer.sigma().value(), (float) sigma);
    }

    /** Binary spikes with the given density. */
    static Seq spikes(Random r, int T, int B, int C, double density) {
        float[] d = new float[T * B * C];
        for (int k = 0; k < d.length; k++) if (r.nextDouble() < density) d[k] = 1f;
        return new Seq(d, T, B, C);
    }

    static Seq gaussian(Random r, int T, int B, int C) {
        float[] d = new float[T * B * C];
        for (int k = 0; k < d.length; k++) d[k] = (float) r.nextGaussian();
        return new Seq(d, T, B, C);
    }
}
