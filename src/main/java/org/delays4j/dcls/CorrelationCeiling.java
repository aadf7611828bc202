package org.delays4j.dcls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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
 * register-blocked gemm (every loaded value feeds several). A third form loads from 64-byte
 * aligned off-heap rows at whole-vector offsets: what a delay costs when its loads split cache
 * lines (the production kernel's, at an entry's arbitrary shift) against when they do not.
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
        MemorySegment seg = Arena.ofAuto().allocate((long) src.length * Float.BYTES, 64);
        MemorySegment.copy(src, 0, seg, ValueLayout.JAVA_FLOAT, 0, src.length);
        long[] alignedOff = new long[ENTRIES];
        for (int e = 0; e < ENTRIES; e++) alignedOff[e] = (long) (e * ROW + L * r.nextInt(2)) * Float.BYTES; // ROW is whole vectors
        double[] loaded = new double[reps], regs = new double[reps], aligned = new double[reps];
        float sink = 0;
        for (int k = -reps; k < reps; k++) {
            long t0 = System.nanoTime();
            sink += loaded(src, off, w, iterations);
            long t1 = System.nanoTime();
            sink += registers(w, iterations);
            long t2 = System.nanoTime();
            sink += alignedLoaded(seg, alignedOff, w, iterations);
            long t3 = System.nanoTime();
            if (k >= 0) {
                loaded[k] = (t1 - t0) * 1e-9;
                regs[k] = (t2 - t1) * 1e-9;
                aligned[k] = (t3 - t2) * 1e-9;
            }
        }
        if (Float.isNaN(sink)) throw new AssertionError("unreachable: keeps the sums alive");
        return new Rate[] {new Rate("operand loaded from L1", fmas / new Timing(loaded).median(), L),
                new Rate("register operands", fmas / new Timing(regs).median(), L),
                new Rate("loaded, 64-byte aligned", fmas / new Timing(aligned).median(), L)};
    }

    /** {@link #loaded}'s loop on off-heap rows at byte offsets {@code off} (64-byte aligned ones in {@link #run}). */
    static float alignedLoaded(MemorySegment src, long[] off, float[] w, int iterations) {
        ByteOrder bo = ByteOrder.nativeOrder();
        long V = (long) L * Float.BYTES;
        float[] acc = new float[ACC * L];
        for (int it = 0; it < iterations; it++) {
            FloatVector a0 = FloatVector.fromArray(S, acc, 0), a1 = FloatVector.fromArray(S, acc, L),
                    a2 = FloatVector.fromArray(S, acc, 2 * L), a3 = FloatVector.fromArray(S, acc, 3 * L),
                    a4 = FloatVector.fromArray(S, acc, 4 * L), a5 = FloatVector.fromArray(S, acc, 5 * L),
                    a6 = FloatVector.fromArray(S, acc, 6 * L), a7 = FloatVector.fromArray(S, acc, 7 * L);
            for (int e = 0; e < ENTRIES; e++) {
                FloatVector wv = FloatVector.broadcast(S, w[e]);
                long o = off[e];
                a0 = FloatVector.fromMemorySegment(S, src, o, bo).fma(wv, a0);
                a1 = FloatVector.fromMemorySegment(S, src, o + V, bo).fma(wv, a1);
                a2 = FloatVector.fromMemorySegment(S, src, o + 2 * V, bo).fma(wv, a2);
                a3 = FloatVector.fromMemorySegment(S, src, o + 3 * V, bo).fma(wv, a3);
                a4 = FloatVector.fromMemorySegment(S, src, o + 4 * V, bo).fma(wv, a4);
                a5 = FloatVector.fromMemorySegment(S, src, o + 5 * V, bo).fma(wv, a5);
                a6 = FloatVector.fromMemorySegment(S, src, o + 6 * V, bo).fma(wv, a6);
                a7 = FloatVector.fromMemorySegment(S, src, o + 7 * V, bo).fma(wv, a7);
            }
            a0.intoArray(acc, 0);
            a1.intoArray(acc, L);
            a2.intoArray(acc, 2 * L);
            a3.intoArray(acc, 3 * L);
            a4.intoArray(acc, 4 * L);
            a5.intoArray(acc, 5 * L);
            a6.intoArray(acc, 6 * L);
            a7.intoArray(acc, 7 * L);
        }
        float sum = 0;
        for (float v : acc) sum += v;
        return sum;
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
