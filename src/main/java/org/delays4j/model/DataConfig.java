package org.delays4j.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.delays4j.util.Check;
import org.delays4j.util.Labelled;

/**
 * Where the samples come from and how they become frames.
 *
 * @param source             {@code shd}, {@code ssc}, {@code gsc}, {@code fsdd} or {@code delay-task} (generated)
 * @param path               file or directory of the dataset; {@code null} for the generated task
 * @param channelGroup       spike channels summed per input (SHD/SSC: 5, so 700 → 140)
 * @param validationFraction share of the training set held out for model selection when the
 *                           dataset has no validation split (speaker-disjoint when speakers are known)
 * @param delayTask          the generated task's settings (source {@code delay-task} only)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DataConfig(Source source, String path, int channelGroup, double validationFraction, DelayTaskSettings delayTask) {

    /**
     * The generated delay task (see {@code org.delays4j.data.DelayTask}).
     *
     * @param samples     training samples (the validation split is taken from them)
     * @param testSamples samples of the independent test stream
     * @param channels    input channels
     * @param classes     classes (timing patterns)
     * @param length      steps per sample
     * @param difficulty  background noise and jitter in [0, 1]
     * @param seed        fixes the patterns and the samples (independent of the training seed)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DelayTaskSettings(int samples, int testSamples, int channels, int classes, int length, double difficulty, long seed) {
        DelayTaskSettings validate() {
            Check.that(samples >= 2, "data.delay_task.samples", "must be >= 2, got " + samples);
            Check.that(testSamples >= 1, "data.delay_task.test_samples", "must be >= 1, got " + testSamples);
            Check.that(channels >= 2, "data.delay_task.channels", "must be >= 2, got " + channels);
            Check.that(classes >= 2, "data.delay_task.classes", "must be >= 2, got " + classes);
            Check.that(length >= 1, "data.delay_task.length", "must be >= 1, got " + length);
            Check.finite(difficulty, "data.delay_task.difficulty");
            Check.that(difficulty >= 0 && difficulty <= 1, "data.delay_task.difficulty", "must be in [0, 1], got " + difficulty);
            return this;
        }
    }

    /** The kinds of dataset a preset can name. */
    public enum Source implements Labelled {
        SHD, SSC, GSC, FSDD, DELAY_TASK
    }

    /** Throws a {@link org.delays4j.util.UserInputException} naming the first invalid field. */
    public DataConfig validate() {
        Check.that(source != null, "data.source", "missing; use one of " + Labelled.labels(Source.class));
        Check.that(channelGroup >= 1, "data.channel_group", "must be >= 1, got " + channelGroup);
        Check.finite(validationFraction, "data.validation_fraction");
        Check.that(validationFraction > 0 && validationFraction < 1, "data.validation_fraction", "must be in (0, 1), got " + validationFraction);
        if (source == Source.DELAY_TASK) {
            Check.that(delayTask != null, "data.delay_task", "missing: the delay task needs its settings (see the delay-task preset)");
            delayTask.validate();
        } else {
            Check.that(delayTask == null, "data.delay_task", "only applies to source delay-task; remove it");
        }
        return this;
    }

    public DataConfig withPath(String p) {
        return new DataConfig(source, p, channelGroup, validationFraction, delayTask);
    }
}
