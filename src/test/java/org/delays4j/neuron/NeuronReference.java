package org.delays4j.neuron;

import java.util.function.DoubleUnaryOperator;

/**
 * The float64 twin of the LIF/PLIF recurrence, written neuron by neuron exactly as the autograd
 * graph of SpikingJelly's LIFNode (decay_input=False, hard reset to 0, detached reset):
 * {@code h = a·v + x; s = H(h − θ); v = h·(1 − s)}. Tests check it against the golden files in
 * float64, then check the float32 layers against it.
 */
final class NeuronReference {
    private NeuronReference() {}

    /** Forward values and, given cotangents, dL/dx and dL/da. */
    record Result(double[] h, double[] spikes, double[] v, double[] gradX, double gradDecay) {}

    /**
     * Runs T steps of n = B·C neurons on time-major {@code x}; {@code gs}/{@code gv} are the
     * cotangents on spikes and on v (after reset), either may be null.
     */
    static Result run(double[] x, int T, int n, double a, double threshold, DoubleUnaryOperator surrogate,
                      double[] gs, double[] gv) {
        double[] h = new double[T * n], s = new double[T * n], v = new double[T * n], gx = new double[T * n];
        double gradDecay = 0;
        for (int i = 0; i < n; i++) {
            double vPrev = 0;
            for (int t = 0; t < T; t++) {
                int k = t * n + i;
                h[k] = a * vPrev + x[k];
                s[k] = h[k] - threshold >= 0 ? 1 : 0;
                v[k] = h[k] * (1 - s[k]);
                vPrev = v[k];
            }
            double dvFuture = 0; // dL/dv[t] through h[t+1] = a·v[t] + x[t+1]
            for (int t = T - 1; t >= 0; t--) {
                int k = t * n + i;
                double dv = (gv == null ? 0 : gv[k]) + dvFuture;
                double dh = (gs == null ? 0 : gs[k] * surrogate.applyAsDouble(h[k] - threshold)) + dv * (1 - s[k]);
                gx[k] = dh;
                dvFuture = a * dh;
                if (t > 0) gradDecay += dh * v[k - n];
            }
        }
        return new Result(h, s, v, gx, gradDecay);
    }

    /** SpikingJelly's ATan surrogate in double. */
    static DoubleUnaryOperator atan(double alpha) {
        return x -> alpha / 2 / (1 + Math.pow(Math.PI / 2 * alpha * x, 2));
    }
}
