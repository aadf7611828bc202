package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The batched FFT against the float64 DFT: complex, real forward/inverse, round trips, SIMD on and off. */
class FftTest {
    static List<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (int n = 1; n <= 300; n += (n < 40 ? 1 : 7)) for (boolean simd : new boolean[] {true, false}) out.add(Arguments.of(n, simd));
        for (int n : new int[] {97, 125, 144, 150, 160, 199, 256, 289}) out.add(Arguments.of(n, true));
        return out;
    }

    private static double relErr(double[] ref, double[] refI, float[] got, float[] gotI, int len) {
        double num = 0, den = 0;
        for (int k = 0; k < len; k++) {
            num += (ref[k] - got[k]) * (ref[k] - got[k]) + (refI[k] - gotI[k]) * (refI[k] - gotI[k]);
            den += ref[k] * ref[k] + refI[k] * refI[k];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }

    private static Ops use(boolean simd) {
        return Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
    }

    @ParameterizedTest(name = "n={0} simd={1}")
    @MethodSource("sizes")
    void complexMatchesNaiveDftBothDirections(int n, boolean simd) {
        Ops prev = use(simd);
        try {
            SplittableRandom r = new SplittableRandom(n);
            int m = 1 + r.nextInt(37); // not a multiple of the vector length: exercises the tails
            float[] re = new float[n * m], im = new float[n * m];
            double[] dr = new double[n * m], di = new double[n * m];
            for (int k = 0; k < re.length; k++) {
                re[k] = (float) r.nextGaussian();
                im[k] = (float) r.nextGaussian();
                dr[k] = re[k];
                di[k] = im[k];
            }
            Fft fft = new Fft(n);
            for (boolean inverse : new boolean[] {false, true}) {
                float[] xr = re.clone(), xi = im.clone();
                fft.transform(xr, xi, new float[n * m], new float[n * m], m, inverse);
                double[][] ref = Fft.naive(dr, di, n, m, inverse);
                assertThat(relErr(ref[0], ref[1], xr, xi, n * m)).as("inverse=" + inverse).isLessThan(1e-5);
            }
        } finally {
            Kernels.use(prev);
        }
    }

    @ParameterizedTest(name = "n={0} simd={1}")
    @MethodSource("sizes")
    void realForwardMatchesNaiveAndInverseRoundTrips(int n, boolean simd) {
        Ops prev = use(simd);
        try {
            SplittableRandom r = new SplittableRandom(7 * n + 1);
            int count = 1 + r.nextInt(200), rows = 1 + r.nextInt(n), ld = count + 3, off = 2;
            float[] src = new float[off + rows * ld];
            for (int k = 0; k < src.length; k++) src[k] = (float) r.nextGaussian();
            Fft fft = new Fft(n);
            int nb = fft.bins(), dld = count + 5, imOff = nb * dld;
            float[] spec = new float[2 * nb * dld];
            Fft.Work w = fft.work();
            fft.realForward(src, off, ld, rows, count, spec, 0, dld, imOff, w);
            // reference: each series alone, zero-padded to n
            double[] xr = new double[n * count], xi = new double[n * count];
            for (int t = 0; t < rows; t++) for (int j = 0; j < count; j++) xr[t * count + j] = src[off + t * ld + j];
            double[][] ref = Fft.naive(xr, xi, n, count, false);
            double[] refR = new double[nb * count], refI = new double[nb * count];
            float[] gotR = new float[nb * count], gotI = new float[nb * count];
            for (int f = 0; f < nb; f++) {
                for (int j = 0; j < count; j++) {
                    refR[f * count + j] = ref[0][f * count + j];
                    refI[f * count + j] = ref[1][f * count + j];
                    gotR[f * count + j] = spec[f * dld + j];
                    gotI[f * count + j] = spec[imOff + f * dld + j];
                }
            }
            assertThat(relErr(refR, refI, gotR, gotI, nb * count)).as("bins").isLessThan(1e-5);

            // inverse with a cyclic shift, accumulated onto a non-zero destination, scaled by 2
            int shift = r.nextInt(2 * n) - n, outRows = 1 + r.nextInt(n);
            float[] dst = new float[outRows * count];
            for (int k = 0; k < dst.length; k++) dst[k] = 1f;
            fft.realInverse(spec, 0, dld, imOff, count, dst, 0, count, outRows, shift, 2f, w);
            double num = 0, den = 0;
            for (int q = 0; q < outRows; q++) {
                int t = Math.floorMod(q + shift, n);
                for (int j = 0; j < count; j++) {
                    double want = 1 + 2 * (t < rows ? src[off + t * ld + j] : 0);
                    num += (want - dst[q * count + j]) * (want - dst[q * count + j]);
                    den += want * want;
                }
            }
            assertThat(Math.sqrt(num / den)).as("round trip").isLessThan(1e-5);
        } finally {
            Kernels.use(prev);
        }
    }

    @Test
    void inverseIgnoresImaginaryPartsOfTheRealBins() {
        int n = 8;
        Fft fft = new Fft(n);
        float[] spec = new float[2 * fft.bins()];
        spec[0] = 8f; // DC 8 -> constant 1
        spec[fft.bins()] = 5f; // imaginary part of bin 0: not part of a real signal's spectrum
        spec[fft.bins() + n / 2] = 3f; // nor that of bin n/2
        float[] out = new float[n];
        fft.realInverse(spec, 0, 1, fft.bins(), 1, out, 0, 1, n, 0, 1f, fft.work());
        for (float v : out) assertThat(v).isEqualTo(1f);
    }

    @Test
    void goodLengthsHaveOnlySmallFactors() {
        assertThat(Fft.goodLength(124)).isEqualTo(125);
        assertThat(Fft.goodLength(136)).isEqualTo(144);
        assertThat(Fft.goodLength(148)).isEqualTo(150);
        assertThat(Fft.goodLength(1)).isEqualTo(1);
        assertThat(Fft.goodLength(7)).isEqualTo(8);
        assertThatThrownBy(() -> new Fft(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
