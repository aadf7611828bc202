package org.delays4j.neuron;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.delays4j.layer.BatchNorm1d;

/**
 * Vector API twin of {@link LifKernel#forwardNormalised}: the same float/double operations lane by
 * lane (no fused multiply-add, so every rounding is the scalar code's), hence bit-identical
 * spikes, charges and states. The BatchNorm map is evaluated in double as BatchNorm does, so a
 * double vector and a float vector of the same lane count work side by side.
 */
final class LifSimdKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    private static final int L = D.length();
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final IntVector IOTA = (IntVector) IntVector.zero(I).addIndex(1);

    private LifSimdKernels() {}

    /** Whether the float and double species line up (same lane count); otherwise callers use the scalar kernel. */
    static boolean usable() {
        return F.length() == L;
    }

    /** See {@link LifKernel#forwardNormalised}; same arguments, same results. */
    static void forwardNormalised(float[] x, BatchNorm1d.Affine norm, int C, float[] h, float[] s, int T, int n, int from,
                                  int to, float a, float threshold) {
        double[] mean = norm.mean(), invStd = norm.invStd();
        float[] gamma = norm.gamma(), beta = norm.beta();
        float[] state = h == null ? new float[to - from] : null;
        FloatVector one = FloatVector.broadcast(F, 1f), zero = FloatVector.zero(F);
        for (int t = 0; t < T; t++) {
            int row = t * n, prev = row - n;
            for (int i = from; i < to; ) {
                int c0 = i % C, len = Math.min(to - i, C - c0), j = 0;
                for (; j + L <= len; j += L) {
                    int k = row + i + j, c = c0 + j;
                    DoubleVector xd = (DoubleVector) FloatVector.fromArray(F, x, k).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector g = (DoubleVector) FloatVector.fromArray(F, gamma, c).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector b = (DoubleVector) FloatVector.fromArray(F, beta, c).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector y = xd.sub(DoubleVector.fromArray(D, mean, c)).mul(DoubleVector.fromArray(D, invStd, c)).mul(g).add(b);
                    FloatVector in = (FloatVector) y.convertShape(VectorOperators.D2F, F, 0);
                    FloatVector v;
                    if (h == null) v = FloatVector.fromArray(F, state, i + j - from);
                    else if (t == 0) v = zero;
                    else {
                        int kp = prev + i + j;
                        v = FloatVector.fromArray(F, h, kp).mul(one.sub(FloatVector.fromArray(F, s, kp)));
                    }
                    FloatVector hi = v.mul(a).add(in);
                    VectorMask<Float> spike = hi.compare(VectorOperators.GE, threshold);
                    FloatVector sp = zero.blend(one, spike);
                    if (h == null) hi.mul(one.sub(sp)).intoArray(state, i + j - from);
                    else hi.intoArray(h, k);
                    sp.intoArray(s, k);
                }
                for (; j < len; j++) { // scalar tail, the naive kernel's statement
                    int k = row + i + j, c = c0 + j;
                    float v = h == null ? state[i + j - from] : t == 0 ? 0f : h[prev + i + j] * (1f - s[prev + i + j]);
                    float hi = a * v + (float) ((x[k] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                    float sp = LifKernel.spike(hi, threshold);
                    if (h == null) state[i + j - from] = hi * (1f - sp);
                    else h[k] = hi;
                    s[k] = sp;
                }
                i += len;
            }
        }
    }

    /** See {@link LifKernel#forwardEvents}; same arguments, same spikes in the same order. */
    static void forwardEvents(float[] x, BatchNorm1d.Affine norm, int C, int[] count, int[] cols, int T, int B, int b0,
                              int b1, float a, float threshold) {
        double[] mean = norm.mean(), invStd = norm.invStd();
        float[] gamma = norm.gamma(), beta = norm.beta();
        float[] state = new float[(b1 - b0) * C];
        FloatVector one = FloatVector.broadcast(F, 1f), zero = FloatVector.zero(F);
        for (int t = 0; t < T; t++) {
            for (int b = b0; b < b1; b++) {
                int r = t * B + b, k0 = r * C, q0 = (b - b0) * C, n = 0, c = 0;
                for (; c + L <= C; c += L) {
                    DoubleVector xd = (DoubleVector) FloatVector.fromArray(F, x, k0 + c).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector g = (DoubleVector) FloatVector.fromArray(F, gamma, c).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector bb = (DoubleVector) FloatVector.fromArray(F, beta, c).convertShape(VectorOperators.F2D, D, 0);
                    DoubleVector y = xd.sub(DoubleVector.fromArray(D, mean, c)).mul(DoubleVector.fromArray(D, invStd, c)).mul(g).add(bb);
                    FloatVector in = (FloatVector) y.convertShape(VectorOperators.D2F, F, 0);
                    FloatVector hi = FloatVector.fromArray(F, state, q0 + c).mul(a).add(in);
                    VectorMask<Float> spike = hi.compare(VectorOperators.GE, threshold);
                    hi.mul(one.sub(zero.blend(one, spike))).intoArray(state, q0 + c);
                    // the spiking lanes' channels packed to the list's end (writes stay inside the row: n <= c)
                    VectorMask<Integer> m = spike.cast(I);
                    IOTA.add(c).compress(m).intoArray(cols, k0 + n);
                    n += m.trueCount();
                }
                for (; c < C; c++) { // scalar tail, the naive kernel's statement
                    float hi = a * state[q0 + c] + (float) ((x[k0 + c] - mean[c]) * invStd[c] * gamma[c] + beta[c]);
                    float sp = LifKernel.spike(hi, threshold);
                    state[q0 + c] = hi * (1f - sp);
                    cols[k0 + n] = c;
                    n += (int) sp;
                }
                count[r] = n;
            }
        }
    }
}
