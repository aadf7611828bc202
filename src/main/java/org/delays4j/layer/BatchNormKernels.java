package org.delays4j.layer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.core.Kernels;

/**
 * The per-channel passes of {@link BatchNorm1d} over a [rows][C] array, for the channels
 * [c0, c1): the batch statistics and the backward's two sums and input gradient. Each has a
 * plain-loop form and a Vector API form that does the same double operations lane by lane (no
 * fused multiply-add, no reassociation: every channel's sums run over the rows in order), so the
 * two agree bit for bit; {@link Kernels#vectorized()} chooses. The vector form works across
 * channels (8 double lanes read from 8 floats), which is what makes the row-major layout fast.
 */
final class BatchNormKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    private static final int L = D.length();

    private BatchNormKernels() {}

    private static boolean simd() {
        return Kernels.vectorized() && F.length() == L;
    }

    /** {@code mean[c]} = Σ_r x / rows, then {@code sq[c]} = Σ_r (x − mean)², for c in [c0, c1). */
    static void statistics(float[] x, int rows, int C, int c0, int c1, double[] mean, double[] sq) {
        for (int c = c0; c < c1; c++) mean[c] = sq[c] = 0;
        int cv = simd() ? c0 + (c1 - c0) / L * L : c0;
        for (int r = 0; r < rows; r++) {
            int row = r * C;
            for (int c = c0; c < cv; c += L) widen(x, row + c).add(DoubleVector.fromArray(D, mean, c)).intoArray(mean, c);
            for (int c = cv; c < c1; c++) mean[c] += x[row + c];
        }
        for (int c = c0; c < c1; c++) mean[c] /= rows;
        for (int r = 0; r < rows; r++) {
            int row = r * C;
            for (int c = c0; c < cv; c += L) {
                DoubleVector d = widen(x, row + c).sub(DoubleVector.fromArray(D, mean, c));
                d.mul(d).add(DoubleVector.fromArray(D, sq, c)).intoArray(sq, c);
            }
            for (int c = cv; c < c1; c++) {
                double d = x[row + c] - mean[c];
                sq[c] += d * d;
            }
        }
    }

    /** {@code sumG[c]} = Σ_r g and {@code sumGX[c]} = Σ_r g·x̂ with x̂ = (x − mean)·invStd. */
    static void gradientSums(float[] g, float[] x, int rows, int C, int c0, int c1, double[] mean, double[] invStd,
                             double[] sumG, double[] sumGX) {
        for (int c = c0; c < c1; c++) sumG[c] = sumGX[c] = 0;
        int cv = simd() ? c0 + (c1 - c0) / L * L : c0;
        for (int r = 0; r < rows; r++) {
            int row = r * C;
            for (int c = c0; c < cv; c += L) {
                DoubleVector gv = widen(g, row + c);
                DoubleVector xh = widen(x, row + c).sub(DoubleVector.fromArray(D, mean, c)).mul(DoubleVector.fromArray(D, invStd, c));
                gv.add(DoubleVector.fromArray(D, sumG, c)).intoArray(sumG, c);
                gv.mul(xh).add(DoubleVector.fromArray(D, sumGX, c)).intoArray(sumGX, c);
            }
            for (int c = cv; c < c1; c++) {
                int k = row + c;
                sumG[c] += g[k];
                sumGX[c] += g[k] * ((x[k] - mean[c]) * invStd[c]);
            }
        }
    }

    /**
     * Train mode: {@code dx = (float)(γ·invStd·(g − sumG/rows − x̂·(sumGX/rows)))}; eval mode
     * ({@code sumG == null}): {@code dx = (float)(γ·invStd·g)}. {@code dx} may be {@code g}.
     */
    static void inputGradient(float[] g, float[] x, int rows, int C, int c0, int c1, float[] gamma, double[] mean,
                              double[] invStd, double[] sumG, double[] sumGX, float[] dx) {
        int cv = simd() ? c0 + (c1 - c0) / L * L : c0;
        boolean train = sumG != null;
        for (int r = 0; r < rows; r++) {
            int row = r * C;
            for (int c = c0; c < cv; c += L) {
                int k = row + c;
                DoubleVector is = DoubleVector.fromArray(D, invStd, c);
                DoubleVector scale = widen(gamma, c).mul(is), gv = widen(g, k), v;
                if (train) {
                    DoubleVector xh = widen(x, k).sub(DoubleVector.fromArray(D, mean, c)).mul(is);
                    v = scale.mul(gv.sub(DoubleVector.fromArray(D, sumG, c).div(rows))
                            .sub(xh.mul(DoubleVector.fromArray(D, sumGX, c).div(rows))));
                } else {
                    v = scale.mul(gv);
                }
                ((FloatVector) v.convertShape(VectorOperators.D2F, F, 0)).intoArray(dx, k);
            }
            for (int c = cv; c < c1; c++) {
                int k = row + c;
                double scale = gamma[c] * invStd[c];
                dx[k] = train
                        ? (float) (scale * (g[k] - sumG[c] / rows - (x[k] - mean[c]) * invStd[c] * (sumGX[c] / rows)))
                        : (float) (scale * g[k]);
            }
        }
    }

    private static DoubleVector widen(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(F, a, i).convertShape(VectorOperators.F2D, D, 0);
    }
}
