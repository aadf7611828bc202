package org.delays4j.layer;

import org.delays4j.util.UserInputException;

/**
 * torch's {@code nn.CrossEntropyLoss()} with probability targets, averaged over the batch:
 * {@code L = mean_b(−Σ_k y[b,k]·log_softmax(m[b])[k])}, for one-hot or mixed (CutMix) targets,
 * and its gradient {@code dL/dm[b,k] = (softmax(m[b])[k]·Σ_j y[b,j] − y[b,k]) / B}.
 * Logits and targets are flat row-major [B][K]. Also the argmax prediction and accuracy helpers.
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** The mean loss. */
    public static double loss(float[] logits, float[] targets, int B, int K) {
        return lossAndGrad(logits, targets, B, K, null);
    }

    /**
     * The mean loss; writes dL/dm into {@code grad} (length B·K) unless it is null.
     * log-softmax is computed in double with the max shifted out.
     */
    public static double lossAndGrad(float[] logits, float[] targets, int B, int K, float[] grad) {
        check(logits, B, K, "logits");
        check(targets, B, K, "targets");
        if (grad != null) check(grad, B, K, "gradient");
        if (B == 0) return 0;
        double total = 0;
        for (int b = 0; b < B; b++) {
            int off = b * K;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) max = Math.max(max, logits[off + k]);
            double sumExp = 0;
            for (int k = 0; k < K; k++) sumExp += Math.exp(logits[off + k] - max);
            double logZ = max + Math.log(sumExp), ySum = 0;
            for (int k = 0; k < K; k++) {
                total -= targets[off + k] * (logits[off + k] - logZ);
                ySum += targets[off + k];
            }
            if (grad != null) {
                for (int k = 0; k < K; k++) {
                    grad[off + k] = (float) ((Math.exp(logits[off + k] - logZ) * ySum - targets[off + k]) / B);
                }
            }
        }
        return total / B;
    }

    /** One-hot targets [B][K] of class labels. */
    public static float[] oneHot(int[] labels, int K) {
        float[] y = new float[labels.length * K];
        for (int b = 0; b < labels.length; b++) {
            checkLabel(labels[b], K);
            y[b * K + labels[b]] = 1f;
        }
        return y;
    }

    /** The predicted class of each row: the first index of the largest logit (NaN counts as largest, as torch.max). */
    public static int[] argmax(float[] values, int B, int K) {
        check(values, B, K, "values");
        int[] out = new int[B];
        for (int b = 0; b < B; b++) {
            int best = 0;
            for (int k = 1; k < K; k++) {
                float v = values[b * K + k], cur = values[b * K + best];
                if (!Float.isNaN(cur) && (v > cur || Float.isNaN(v))) best = k;
            }
            out[b] = best;
        }
        return out;
    }

    /** How many rows' argmax equals their label. */
    public static int correct(float[] logits, int[] labels, int K) {
        int[] pred = argmax(logits, labels.length, K);
        int n = 0;
        for (int b = 0; b < labels.length; b++) {
            checkLabel(labels[b], K);
            if (pred[b] == labels[b]) n++;
        }
        return n;
    }

    /** The fraction of rows predicted right (0 for an empty batch). */
    public static double accuracy(float[] logits, int[] labels, int K) {
        return labels.length == 0 ? 0 : (double) correct(logits, labels, K) / labels.length;
    }

    private static void checkLabel(int label, int K) {
        if (label < 0 || label >= K) {
            throw new UserInputException("label " + label + " is outside 0.." + (K - 1)
                    + ": the data has more classes than the model has outputs");
        }
    }

    private static void check(float[] a, int B, int K, String what) {
        if (a.length != B * K) throw new IllegalArgumentException(what + " has " + a.length + " values, expected B·K = " + B * K);
    }
}
