package org.delays4j.experiment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One finished ablation run, as written to its {@code summary.json}: the model kind, seed,
 * hidden width, trainable parameters, validation accuracy of the selected epoch, test accuracy
 * of that model, epochs trained, the selected epoch (0-based), wall time and threads.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunSummary(String kind, long seed, int hiddenNeurons, long params, double valAcc, double testAcc,
                         int epochs, int bestEpoch, double seconds, int threads) {
    /** The file name inside a run directory. */
    public static final String FILE = "summary.json";
}
