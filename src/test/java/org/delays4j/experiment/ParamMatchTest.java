package org.delays4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.delays4j.model.ModelConfig;
import org.delays4j.model.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParamMatchTest {
    private static final ModelConfig FSDD = Presets.get("fsdd").model().withKind(ModelConfig.Kind.DELAYS);

    @ParameterizedTest
    @EnumSource(ModelConfig.Kind.class)
    void chosenWidthIsTheClosestCount(ModelConfig.Kind kind) {
        long target = ParamMatch.count(FSDD);
        int h = ParamMatch.hiddenFor(FSDD, kind, target);
        ModelConfig c = FSDD.withKind(kind);
        long at = Math.abs(ParamMatch.count(c.withHiddenNeurons(h)) - target);
        assertThat(at).isLessThanOrEqualTo(Math.abs(ParamMatch.count(c.withHiddenNeurons(h + 1)) - target));
        if (h > 1) assertThat(at).isLessThanOrEqualTo(Math.abs(ParamMatch.count(c.withHiddenNeurons(h - 1)) - target));
        assertThat((double) at / target).isLessThan(0.02);
        if (kind == ModelConfig.Kind.DELAYS) assertThat(h).isEqualTo(FSDD.hiddenNeurons());
        else assertThat(h).isGreaterThan(FSDD.hiddenNeurons()); // fewer parameters per synapse: wider
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.Kind.class)
    void countsWhatIsTrained(ModelConfig.Kind kind) {
        // Per delay layer: W (+ P when learned); BatchNorm γ, β per hidden neuron.
        ModelConfig c = FSDD.withKind(kind);
        int in = c.inputs(), h = c.hiddenNeurons(), out = c.outputs();
        long synapses = (long) in * h + (long) h * h + (long) h * out;
        long expected = synapses * (kind == ModelConfig.Kind.DELAYS ? 2 : 1) + 2L * 2 * h;
        assertThat(ParamMatch.count(c)).isEqualTo(expected);
    }
}
