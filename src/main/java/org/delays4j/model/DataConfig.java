package org.delays4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.delays4j.util.Check;

/**
 * Where the samples come from and how they become frames.
 *
 * @param source             {@code shd}, {@code ssc}, {@code gsc}, {@code fsdd} or {@code delay-task} (generated)
 * @param path               file or directory of the dataset; {@code null} for the generated task
 * @param channelGroup       spike channels summed per input (SHD/SSC: 5, so 700 → 140)
 * @param validationFraction share of the training set held out for model selection when the
 *                           dataset has no validation split (speaker-disjoint when speakers are known)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DataConfig(Source source, String path, int channelGroup, double validationFraction) {

    /** The kinds of dataset a preset can name. */
    public enum Source implements Labelled {
        SHD("shd"), SSC("ssc"), GSC("gsc"), FSDD("fsdd"), DELAY_TASK("delay-task");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @JsonValue
        @Override
        public String label() {
            return label;
        }

        @JsonCreator
        public static Source parse(String s) {
            return Labelled.parse(Source.class, s, "data source");
        }
    }

    /** Throws a {@link org.delays4j.util.UserInputException} naming the first invalid field. */
    public DataConfig validate() {
        Check.that(source != null, "data.source", "missing; use one of " + Labelled.labels(Source.class));
        Check.that(channelGroup >= 1, "data.channel_group", "must be >= 1, got " + channelGroup);
        Check.finite(validationFraction, "data.validation_fraction");
        Check.that(validationFraction > 0 && validationFraction < 1, "data.validation_fraction", "must be in (0, 1), got " + validationFraction);
        return this;
    }

    public DataConfig withPath(String p) {
        return new DataConfig(source, p, channelGroup, validationFraction);
    }
}
