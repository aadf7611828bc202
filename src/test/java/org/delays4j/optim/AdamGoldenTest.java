package org.delays4j.optim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delays4j.core.Param;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One optimiser step of SNN-delays ({@code *_adam_step.json}): Adam for weights (L2 decay) and BN
 * (no decay), Adam for positions, with the configured lr or with the epoch-0 scheduler values,
 * then positions clamped to [−K//2, K//2].
 */
class AdamGoldenTest {
    static List<Arguments> steps() {
        List<Arguments> out = new ArrayList<>();
        for (Path f : Golden.files("*_adam_step.json")) {
            for (String variant : List.of("configured_lr", "with_schedulers_epoch0")) out.add(Arguments.of(f, variant));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("steps")
    void stepAndClampMatchTheReference(Path file, String variant) {
        JsonNode step = Golden.load(file);
        JsonNode config = Golden.load(file.resolveSibling(file.getFileName().toString().replace("_adam_step", ""))).get("config");
        Map<String, Param> params = new LinkedHashMap<>();
        for (Iterator<String> it = step.get("initial_params").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Golden.Tensor t = Golden.tensor(step.get("initial_params"), name);
            Param p = new Param(name, kind(name), !name.endsWith(".SIG"), t.shape());
            System.arraycopy(t.toFloat(), 0, p.value(), 0, t.size());
            if (step.get("grads").has(name)) System.arraycopy(Golden.tensor(step.get("grads"), name).toFloat(), 0, p.grad(), 0, t.size());
            params.put(name, p);
        }

        // The groups as SNN-delays builds them: weights (L2 decay), PLIF (none here), BN; positions.
        double lrW = config.get("lr_w").asDouble(), wd = config.get("weight_decay").asDouble();
        List<ParamGroup> opt0 = List.of(
                ParamGroup.of(ofKind(params, Param.Kind.WEIGHT), lrW, wd),
                ParamGroup.of(ofKind(params, Param.Kind.NEURON), lrW, wd),
                ParamGroup.of(ofKind(params, Param.Kind.NORM), lrW, 0));
        List<ParamGroup> opt1 = List.of(ParamGroup.of(ofKind(params, Param.Kind.POSITION), config.get("lr_pos").asDouble(), 0));
        if (variant.startsWith("with_schedulers")) {
            int epochs = config.get("epochs").asInt();
            new OneCycle(opt0, OneCycle.Config.of(config.get("max_lr_w").asDouble(), epochs));
            new CosineAnnealing(opt1, epochs);
        }
        JsonNode recorded = step.get(variant).get("optimizers").get("optimizer_groups");
        assertGroupsAsRecorded(opt0, recorded.get(0));
        assertGroupsAsRecorded(opt1, recorded.get(1));

        Adam weights = Adam.adam(opt0), positions = Adam.adam(opt1);
        weights.step();
        positions.step();
        compare(params, step.get("initial_params"), step.get(variant).get("params_after_step_before_clamp"));

        int c = config.get("max_delay").asInt() / 2;
        for (Param p : ofKind(params, Param.Kind.POSITION)) {
            for (int i = 0; i < p.size(); i++) p.value()[i] = Math.clamp(p.value()[i], -c, c);
        }
        compare(params, step.get("initial_params"), step.get(variant).get("params_after_step_and_clamp"));
    }

    private static void assertGroupsAsRecorded(List<ParamGroup> groups, JsonNode recorded) {
        assertThat(groups).hasSize(recorded.size());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            JsonNode r = recorded.get(i);
            assertThat(g.params()).hasSize(r.get("n_params").asInt());
            assertThat(g.lr()).as("lr of group %d", i).isEqualTo(r.get("lr").asDouble());
            assertThat(g.beta1()).isEqualTo(r.get("betas").get(0).asDouble());
            assertThat(g.beta2()).isEqualTo(r.get("betas").get(1).asDouble());
            assertThat(g.eps()).isEqualTo(r.get("eps").asDouble());
            assertThat(g.weightDecay()).isEqualTo(r.get("weight_decay").asDouble());
        }
    }

    /** Parameters within 1e-5, and the step itself (after − before) within 1e-3 of the reference's. */
    private static void compare(Map<String, Param> params, JsonNode initial, JsonNode expected) {
        assertThat(params.keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        for (Param p : params.values()) {
            double[] ref = Golden.tensor(expected, p.name()).data(), init = Golden.tensor(initial, p.name()).data();
            assertThat(Golden.relErr(ref, p.value())).as(p.name()).isLessThan(1e-5);
            double[] refStep = new double[ref.length], gotStep = new double[ref.length];
            for (int i = 0; i < ref.length; i++) {
                refStep[i] = ref[i] - init[i];
                gotStep[i] = (double) p.value()[i] - (float) init[i];
            }
            assertThat(Golden.relErr(refStep, gotStep)).as("step of %s", p.name()).isLessThan(1e-3);
        }
    }

    private static Param.Kind kind(String name) {
        if (name.endsWith(".P")) return Param.Kind.POSITION;
        if (name.endsWith(".SIG")) return Param.Kind.SIGMA;
        if (name.contains(".bn.")) return Param.Kind.NORM;
        return Param.Kind.WEIGHT;
    }

    private static List<Param> ofKind(Map<String, Param> params, Param.Kind kind) {
        return params.values().stream().filter(p -> p.kind() == kind).toList();
    }
}
