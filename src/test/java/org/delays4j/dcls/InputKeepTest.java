package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.delays4j.core.Seq;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The input-keep mask of backward: kept entries exactly as without it, dropped ones zero or exact. */
class InputKeepTest {
    @ParameterizedTest
    @EnumSource(value = ExecPath.class, names = {"DENSE", "SPARSE", "NARROW", "SPARSE_NARROW"})
    void keptEntriesAreExactAndDroppedOnesZeroOrExact(ExecPath path) {
        int in = 12, out = 9, K = 7, T = 15, B = 5;
        SplittableRandom r = new SplittableRandom(3);
        float[] xd = new float[T * B * in];
        for (int k = 0; k < xd.length; k++) xd[k] = r.nextDouble() < 0.2 ? 1f : 0f;
        Seq x = new Seq(xd, T, B, in);
        float[] keep = new float[B * in];
        int dropped = 0;
        for (int k = 0; k < keep.length; k++) {
            keep[k] = r.nextDouble() < 0.4 ? 0f : 1.5f;
            if (keep[k] == 0) dropped++;
        }
        assertThat(dropped).isPositive();
        Seq gxAll = null, gxKeep = null;
        for (int run = 0; run < 2; run++) {
            Dcls1d d = new Dcls1d(Dcls1dConfig.snn(in, out, K));
            d.init(new SplittableRandom(5));
            Arrays.fill(d.sigma().value(), 0.23f);
            d.setPath(path);
            Seq y = d.forward(x, true);
            float[] gy = new float[y.data().length];
            SplittableRandom rg = new SplittableRandom(9);
            for (int k = 0; k < gy.length; k++) gy[k] = (float) rg.nextGaussian();
            Seq g = d.backward(new Seq(gy, y.T(), y.B(), y.C()), true, run == 0 ? null : keep);
            if (run == 0) gxAll = g;
            else gxKeep = g;
        }
        float[] a = gxAll.data(), k = gxKeep.data();
        double norm = 0;
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < in; i++) {
                    int idx = (t * B + b) * in + i;
                    norm += Math.abs(a[idx]);
                    if (keep[b * in + i] != 0) assertThat(k[idx]).isEqualTo(a[idx]);
                    else assertThat(k[idx] == 0f || k[idx] == a[idx]).as("dropped entry %d", idx).isTrue();
                }
            }
        }
        assertThat(norm).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = ExecPath.class, names = {"DENSE", "NARROW"})
    void wrongSizedMaskIsRefused(ExecPath path) {
        Dcls1d d = new Dcls1d(Dcls1dConfig.snn(4, 3, 5));
        d.init(new SplittableRandom(1));
        d.setPath(path);
        Seq y = d.forward(new Seq(new float[6 * 2 * 4], 6, 2, 4), true);
        assertThatThrownBy(() -> d.backward(new Seq(new float[y.data().length], y.T(), y.B(), y.C()), true, new float[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B*in");
    }
}
