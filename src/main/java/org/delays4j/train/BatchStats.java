package org.delays4j.train;

/**
 * Loss and accuracy summed over samples: {@code lossSum} = Σ per-sample loss, {@code correct}
 * predictions, {@code count} samples. Sums combine exactly across batches.
 */
public record BatchStats(double lossSum, long correct, long count) {
    public static final BatchStats EMPTY = new BatchStats(0, 0, 0);

    /** Stats of a batch of {@code count} samples with mean loss {@code meanLoss}. */
    public static BatchStats ofMean(double meanLoss, long correct, long count) {
        return new BatchStats(meanLoss * count, correct, count);
    }

    public BatchStats plus(BatchStats o) {
        return new BatchStats(lossSum + o.lossSum, correct + o.correct, count + o.count);
    }

    /** Mean loss per sample (NaN when empty). */
    public double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Fraction of correct predictions (NaN when empty). */
    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
