package org.delays4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.delays4j.dcls.DclsVersion;
import org.delays4j.layer.Readout;
import org.delays4j.model.DataConfig;
import org.delays4j.model.ModelConfig;
import org.delays4j.model.TrainingConfig;
import org.delays4j.util.Labelled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLabelledTest {
    static Stream<Class<? extends Enum<?>>> labelledEnums() {
        return Stream.of(ModelConfig.Kind.class, ModelConfig.Neuron.class, Readout.class, DclsVersion.class,
                DataConfig.Source.class, TrainingConfig.Optimizer.class, TrainingConfig.Schedule.class,
                org.delays4j.dcls.ExecPath.class, org.delays4j.dcls.FftMode.class);
    }

    @ParameterizedTest
    @MethodSource("labelledEnums")
    void everyConstantIsWrittenAsItsLabelAndReadBack(Class<? extends Enum<?>> type) throws Exception {
        for (ObjectMapper m : List.of(Json.mapper(), Json.strictMapper(), Json.yamlMapper())) {
            for (Enum<?> e : type.getEnumConstants()) {
                String label = ((Labelled) e).label();
                assertThat(label).matches("[a-z0-9_-]+");
                assertThat(Json.line(e)).isEqualTo("\"" + label + "\"");
                assertThat(m.readValue("\"" + label + "\"", type)).isSameAs(e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("labelledEnums")
    void anUnknownLabelListsTheValidOnes(Class<? extends Enum<?>> type) {
        String all = Labelled.labels(type.asSubclass(Labelled.class));
        assertThatThrownBy(() -> Json.strictMapper().readValue("\"no-such-label\"", type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown value 'no-such-label'; use one of " + all);
        // constant names are not labels: the files say "fixed-delays", never "FIXED_DELAYS"
        String name = type.getEnumConstants()[0].name();
        if (!name.equals(((Labelled) type.getEnumConstants()[0]).label())) {
            assertThatThrownBy(() -> Json.strictMapper().readValue("\"" + name + "\"", type))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown value '" + name + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("labelledEnums")
    void theReferenceNamesAreKept(Class<? extends Enum<?>> type) {
        // labels that presets, configs and checkpoints already contain
        List<String> expected = switch (type.getSimpleName()) {
            case "Kind" -> List.of("delays", "fixed-delays", "no-delays");
            case "Neuron" -> List.of("lif", "plif");
            case "Readout" -> List.of("sum", "mean", "max", "spike_count");
            case "DclsVersion" -> List.of("gauss", "max", "v1", "v0");
            case "Source" -> List.of("shd", "ssc", "gsc", "fsdd", "delay-task");
            case "Optimizer" -> List.of("adam", "adamw");
            case "Schedule" -> List.of("one-cycle", "cosine", "constant");
            case "ExecPath" -> List.of("auto", "dense", "sparse", "narrow", "sparse-narrow", "integer");
            case "FftMode" -> List.of("auto", "on", "off");
            default -> throw new AssertionError(type);
        };
        assertThat(Stream.of(type.getEnumConstants()).map(e -> ((Labelled) e).label()).toList()).isEqualTo(expected);
    }
}
