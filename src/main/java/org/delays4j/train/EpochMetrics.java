package org.delays4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One line of {@code metrics.jsonl}: the epoch (0-based), train loss/accuracy over the epoch's
 * batches (sample-weighted), validation loss/accuracy of the rounded-delay evaluation after the
 * epoch, the learning rates and σ used during the epoch, the epoch's wall time, and — only when
 * asked for — the test accuracy of that epoch (the reference's selection-on-test protocol).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAcc,
        double valLoss,
        double valAcc,
        double lrW,
        double lrPos,
        Double sigma,
        double seconds,
        Double testAcc) {}
