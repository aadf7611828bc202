package org.delays4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Vector API passes of BatchNorm do the plain loops' double operations: equal bit for bit. */
class BatchNormKernelsTest {
    @ParameterizedTest
    @CsvSource({"1, 1, 0, 1", "3, 7, 0, 7", "50, 16, 0, 16", "37, 33, 5, 30", "100, 140, 70, 140", "9, 256, 0, 256", "2, 8, 3, 8"})
    void vectorAndPlainLoopsAgreeBitForBit(int rows, int C, int c0, int c1) {
        Random r = new Random(rows * 1000L + C);
        float[] x = new float[rows * C], g = new float[rows * C], gamma = new float[C];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextInt(4) == 0 ? 0f : (float) (r.nextGaussian() * 3 + 1);
            g[k] = (float) r.nextGaussian();
        }
        for (int c = 0; c < C; c++) gamma[c] = (float) (0.5 + r.nextDouble());
        Result v = run(true, x, g, gamma, rows, C, c0, c1), n = run(false, x, g, gamma, rows, C, c0, c1);
        assertThat(v.mean).isEqualTo(n.mean);
        assertThat(v.sq).isEqualTo(n.sq);
        assertThat(v.sumG).isEqualTo(n.sumG);
        assertThat(v.sumGX).isEqualTo(n.sumGX);
        assertThat(v.dxTrain).isEqualTo(n.dxTrain);
        assertThat(v.dxEval).isEqualTo(n.dxEval);
        // and the plain loops are what they say: the statistics of channel c1-1
        int c = c1 - 1;
        double m = 0;
        for (int row = 0; row < rows; row++) m += x[row * C + c];
        assertThat(n.mean[c]).isEqualTo(m / rows);
        // channels outside [c0, c1) are not touched
        if (c0 > 0) assertThat(v.dxTrain[c0 - 1]).isEqualTo(-7f);
    }

    private record Result(double[] mean, double[] sq, double[] sumG, double[] sumGX, float[] dxTrain, float[] dxEval) {}

    private static Result run(boolean vector, float[] x, float[] g, float[] gamma, int rows, int C, int c0, int c1) {
        Ops before = Kernels.use(vector ? org.delays4j.core.VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            double[] mean = new double[C], sq = new double[C], invStd = new double[C], sumG = new double[C], sumGX = new double[C];
            BatchNormKernels.statistics(x, rows, C, c0, c1, mean, sq);
            for (int c = c0; c < c1; c++) invStd[c] = 1 / Math.sqrt(sq[c] / rows + 1e-5);
            BatchNormKernels.gradientSums(g, x, rows, C, c0, c1, mean, invStd, sumG, sumGX);
            float[] dxTrain = new float[x.length], dxEval = new float[x.length];
            java.util.Arrays.fill(dxTrain, -7f);
            BatchNormKernels.inputGradient(g, x, rows, C, c0, c1, gamma, mean, invStd, sumG, sumGX, dxTrain);
            BatchNormKernels.inputGradient(g, x, rows, C, c0, c1, gamma, mean, invStd, null, sumGX, dxEval);
            return new Result(mean, sq, sumG, sumGX, dxTrain, dxEval);
        } finally {
            Kernels.use(before);
        }
    }
}
