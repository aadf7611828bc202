package org.delays4j.dcls;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.bench.Timing;

/**
 * How fast this core runs the time-vectorised correlation's inner loop ({@link TapKernels}: per
 * kernel entry, a broadcast weight times 8 consecutive vectors of a row at an arbitrary offset,
 * each loaded from L1, into 8 accumulators) against the same FMAs on register operands: the rates
 * that bound the integer-delay forward (every loaded input vector feeds exactly one FMA) and the
 * register-blocked gemm (every loaded value feeds several).
 */
public final class CorrelationCeiling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length(), ACC = 8, ENTRIES = 32, ROW = 176;

    /** One measurement: vector FMAs per second (median repetition) and the lanes per vector. */
    public record Rate(String form, double vectorFmaPerS, int lanes) {
        public double laneFmaPerS() {
            return vectorFmaPerS * lanes;
        }
    }

    private CorrelationCeiling() {}

    /** Rates of the loaded and the register-operand forms; {@code reps} timed repetitions after as many warm-ups. */
    public static Rate[] run(int reps, int iterations) {
        SplittableRandom r = new SplittableRandom(1);
        float[] src = new float[ENTRIES * ROW + ACC * L + 32];
        for (int k = 0; k < src.length; k++) src[k] = (float) (r.nextDouble() * 1e-3);
        float[] w = new float[ENTRIES];
        int[] off = new int[ENTRIES];
        for (int e = 0; e < ENTRIES; e++) {
            w[e] = (float) (r.nextDouble() * 1e-3);
            off[e] = e * ROW + r.nextInt(25); // a row per entry, a delay-like shift: unaligned as in the layer
        }
        double fmas = (double) iterations * ENTRIES * ACC;
        double[] loaded = new double[reps], regs = new double[reps];
        float sink = 0;
        for (int k = -reps; k < reps; k++) {
            long t0 = System.nanoTime();
            sink += loaded(src, off, w, iterations);
            long t1 = System.nanoTime();
            sink += registers(w, iterations);
            long t2 = System.nanoTime();
            if (k >= 0) {
                loaded[k] = (t1 - t0) * 1e-9;
                regs[k] = (t2 - t1) * 1e-9;
            }
        }
        if (Float.isNaN(sink)) throw new AssertionError("unreachable: keeps the sums alive");
        return new Rate[] {new Rate("operand loaded from L1", fmas / new Timing(loaded).median(), L),
                new Rate("register operands", fmas / new Timing(regs).median(), L)};
    }

    /** The production kernel on L1-resident rows, {@code iterations} times into one accumulator block. */
    static float loaded(float[] src, int[] off, float[] w, int iterations) {
        float[] acc = new float[ACC * L];
        for (int it = 0; it < iterations; it++) TapKernels.correlateVector(src, off, w, 0, ENTRIES, acc, 0, ACC * L);
        float sum = 0;
        for (float v : acc) sum += v;
        return sum;
    }

    static float registers(float[] w, int iterations) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        FloatVector x = FloatVector.broadcast(S, 1.0001f);
        for (int it = 0; it < iterations; it++) {
            for (int e = 0; e < ENTRIES; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                a0 = x.fma(wv, a0);
                a1 = x.fma(wv, a1);
                a2 = x.fma(wv, a2);
                a3 = x.fma(wv, a3);
                a4 = x.fma(wv, a4);
                a5 = x.fma(wv, a5);
                a6 = x.fma(wv, a6);
                a7 = x.fma(wv, a7);
            }
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
}
