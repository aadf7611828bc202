package org.delays4j.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.delays4j.util.Check;

/**
 * Everything a training run is made of: a name (the preset's), the data, the network and the
 * optimisation. Presets are files of this shape; a run directory's {@code config.json} and every
 * checkpoint's metadata hold one, so a run can be evaluated or resumed from its files alone.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunConfig(String name, String description, DataConfig data, ModelConfig model, TrainingConfig training) {

    /** Checks every section; throws a {@link org.delays4j.util.UserInputException} naming the first invalid field. */
    public RunConfig validate() {
        Check.that(name != null && !name.isBlank(), "name", "missing: give the run a name");
        Check.that(data != null, "data", "section missing");
        Check.that(model != null, "model", "section missing");
        Check.that(training != null, "training", "section missing");
        data.validate();
        model.validate();
        training.validate();
        return this;
    }

    public RunConfig withData(DataConfig d) {
        return new RunConfig(name, description, d, model, training);
    }

    public RunConfig withModel(ModelConfig m) {
        return new RunConfig(name, description, data, m, training);
    }

    public RunConfig withTraining(TrainingConfig t) {
        return new RunConfig(name, description, data, model, t);
    }
}
