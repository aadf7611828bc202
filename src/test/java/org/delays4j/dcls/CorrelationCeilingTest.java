package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class CorrelationCeilingTest {
    @Test
    void theLoadedFormSumsWhatItLoads() {
        int L = FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom r = new SplittableRandom(3);
        float[] src = new float[32 * 176 + 8 * L + 32], w = new float[32];
        int[] off = new int[32];
        for (int k = 0; k < src.length; k++) src[k] = (float) r.nextDouble();
        double ref = 0;
        for (int e = 0; e < 32; e++) {
            w[e] = (float) r.nextDouble();
            off[e] = e * 176 + r.nextInt(25);
            for (int j = 0; j < 8 * L; j++) ref += (double) w[e] * src[off[e] + j];
        }
        assertThat(CorrelationCeiling.loaded(src, off, w, 2)).isCloseTo((float) (2 * ref), org.assertj.core.data.Percentage.withPercentage(1e-3));
        // the off-heap form reads the same rows at the same offsets (in bytes)
        java.lang.foreign.MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate((long) src.length * Float.BYTES, 64);
        java.lang.foreign.MemorySegment.copy(src, 0, seg, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, src.length);
        long[] bytes = new long[32];
        for (int e = 0; e < 32; e++) bytes[e] = 4L * off[e];
        assertThat(CorrelationCeiling.alignedLoaded(seg, bytes, w, 2)).isCloseTo((float) (2 * ref), org.assertj.core.data.Percentage.withPercentage(1e-3));
        double regs = 0;
        for (int e = 0; e < 32; e++) regs += w[e] * 1.0001;
        assertThat(CorrelationCeiling.registers(w, 1)).isCloseTo((float) (8 * L * regs), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }

    @Test
    void ratesArePositiveAndNamed() {
        CorrelationCeiling.Rate[] rates = CorrelationCeiling.run(1, 10);
        assertThat(rates).hasSize(3);
        assertThat(rates[0].form()).contains("loaded");
        assertThat(rates[2].form()).contains("aligned");
        for (CorrelationCeiling.Rate x : rates) assertThat(x.vectorFmaPerS()).isPositive().isFinite();
    }
}
