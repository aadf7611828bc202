package org.delays4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.dcls.Dcls1d;
import org.delays4j.dcls.DclsVersion;
import org.delays4j.io.StateTensor;
import org.delays4j.optim.ParamGroup;
import org.delays4j.testing.Golden;
import org.delays4j.train.SnnOptimisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole SNN-delays model against the reference (golden files {@code snn_delays_*.json}): the
 * model is built from the file's {@code config}, loaded with its {@code initial_params}, and every
 * recorded hook of the train forward, the loss, every gradient, the BatchNorm running statistics,
 * the rounded evaluation and the restoration of the training state are compared; then one step of
 * the model's own optimiser setup against {@code <name>_adam_step.json} (both variants).
 * Float32 tolerance: relative error 1e-5; spike trains identical. Naive and Vector API kernels.
 */
class SnnDelaysGoldenTest {
    static final double TOL = 1e-5;
    private Ops previous;

    @AfterEach
    void restoreKernels() {
        if (previous != null) Kernels.use(previous);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Path f : Golden.files("snn_delays_*.json")) {
            if (f.getFileName().toString().endsWith("_adam_step.json")) continue;
            for (Ops ops : List.of(NaiveOps.INSTANCE, VectorOps.INSTANCE)) out.add(Arguments.of(f, ops.getClass().getSimpleName(), ops));
        }
        return out.stream();
    }

    /** The model of a golden file's config; SHD's τ settings must give the file's τ exactly. */
    static ModelConfig configOf(JsonNode g) {
        JsonNode c = g.get("config");
        ModelConfig shd = Presets.get("shd").model();
        ModelConfig m = new ModelConfig(ModelConfig.Kind.DELAYS, c.get("n_inputs").asInt(), c.get("n_outputs").asInt(),
                c.get("n_hidden_layers").asInt(), c.get("n_hidden_neurons").asInt(), c.get("max_delay").asInt(),
                shd.tauMs(), shd.timeStepMs(), c.get("v_threshold").asDouble(), c.get("alpha").asDouble(), ModelConfig.Neuron.LIF,
                c.get("dropout_p").asDouble(), c.get("use_batchnorm").asBoolean(), c.get("bias").asBoolean(),
                org.delays4j.layer.Readout.parse(c.get("loss").asText()), org.delays4j.dcls.DclsVersion.parse(c.get("DCLSversion").asText()),
                c.get("sigInit").asDouble()).validate();
        assertThat(m.tauSteps()).isEqualTo(c.get("init_tau").asDouble());
        assertThat(m.outputThreshold()).isEqualTo(c.get("output_v_threshold").asDouble());
        assertThat(c.get("left_padding").asInt()).isEqualTo(m.kernelSize() - 1);
        assertThat(c.get("right_padding").asInt()).isEqualTo((m.kernelSize() - 1) / 2);
        return m;
    }

    /** Golden parameter name (layer0.weight, layer0.bn.bias) to ours (layers.0.dcls.weight, layers.0.bn.bias). */
    static String ours(String golden) {
        if (golden.matches("layer\\d+\\.bn\\..*")) return golden.replaceFirst("^layer(\\d+)\\.", "layers.$1.");
        return golden.replaceFirst("^layer(\\d+)\\.", "layers.$1.dcls.");
    }

    /** Builds the model of {@code g} and loads a section of parameters (initial_params). */
    static SnnModel modelOf(JsonNode g, JsonNode params) {
        SnnModel m = new SnnModel(configOf(g), 12345);
        Map<String, StateTensor> state = m.stateByName();
        params.fieldNames().forEachRemaining(name -> {
            StateTensor t = state.get(ours(name));
            assertThat(t).as(name).isNotNull();
            Golden.Tensor ref = Golden.tensor(params, name);
            assertThat(t.shape()).as(name).isEqualTo(ref.shape());
            System.arraycopy(ref.toFloat(), 0, t.values(), 0, t.values().length);
        });
        return m;
    }

    static Seq seqOf(Golden.Tensor t) {
        return new Seq(t.toFloat(), t.shape()[0], t.shape()[1], t.shape()[2]);
    }

    /** [B][C][T] channel-major (the reference's conv layout) to our [T][B][C]. */
    static double[] timeMajor(Golden.Tensor t) {
        int B = t.shape()[0], C = t.shape()[1], T = t.shape()[2];
        double[] out = new double[t.size()];
        for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) for (int s = 0; s < T; s++) out[(s * B + b) * C + c] = t.data()[(b * C + c) * T + s];
        return out;
    }

    /** Our input [T][B][C] zero-padded left/right, as the reference's [B][C][T+pad]. */
    static float[] paddedChannelMajor(Seq x, int left, int right) {
        int T = x.T(), B = x.B(), C = x.C(), Tp = T + left + right;
        float[] out = new float[B * C * Tp];
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) out[(b * C + c) * Tp + left + t] = x.get(t, b, c);
        return out;
    }

    static void close(String what, double[] ref, float[] got) {
        assertThat(got).as(what + " size").hasSize(ref.length);
        assertThat(Golden.relErr(ref, got)).as(what + " relative error").isLessThanOrEqualTo(TOL);
    }

    static void identical(String what, double[] ref, float[] got) {
        assertThat(got).as(what + " size").hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) assertThat((double) got[i]).as(what + "[" + i + "]").isEqualTo(ref[i]);
    }

    static Map<String, Seq> recordForward(SnnModel m, Seq x, boolean train) {
        Map<String, Seq> taps = new HashMap<>();
        m.setTap((name, s) -> taps.put(name, new Seq(s.data().clone(), s.T(), s.B(), s.C())));
        m.forward(x, train);
        m.setTap(null);
        return taps;
    }

    /** Compares every hook of a forward section (train_forward / eval_forward). */
    static void compareHooks(JsonNode section, Map<String, Seq> taps, Seq x, int K, String phase) {
        section.fieldNames().forEachRemaining(key -> {
            Golden.Tensor ref = Golden.tensor(section, key);
            int layer = Integer.parseInt(key.substring(5, key.indexOf('.')));
            String hook = key.substring(key.indexOf('.') + 1);
            String what = phase + " " + key;
            switch (hook) {
                case "conv_in_padded" -> {
                    Seq in = layer == 0 ? x : taps.get("layer" + (layer - 1) + ".dropout_out");
                    close(what, ref.data(), paddedChannelMajor(in, K - 1, (K - 1) / 2));
                }
                case "conv_out" -> close(what, timeMajor(ref), taps.get(key).data());
                case "spikes" -> identical(what, ref.data(), taps.get(key).data());
                case "bn_out", "v_seq", "dropout_out" -> close(what, ref.data(), taps.get(key).data());
                default -> throw new AssertionError("unknown hook " + key + ": extend the test");
            }
        });
    }

    static double spikeCount(Map<String, Seq> taps, String key) {
        double s = 0;
        for (float v : taps.get(key).data()) s += v;
        return s;
    }

    /** golden [out][in][K] against the tap-major [K][in][out] kernel the layer built. */
    static void compareKernel(String what, Golden.Tensor ref, Dcls1d d) {
        int O = ref.shape()[0], I = ref.shape()[1], K = ref.shape()[2];
        float[] kt = d.kernelTapMajor();
        float[] got = new float[ref.size()];
        for (int o = 0; o < O; o++) for (int i = 0; i < I; i++) for (int n = 0; n < K; n++) got[(o * I + i) * K + n] = kt[(n * I + i) * O + o];
        close(what, ref.data(), got);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    @SuppressWarnings("try")
    void trainForwardLossGradientsStatsAndRoundedEvalMatchTheReference(Path file, String opsName, Ops ops) {
        previous = Kernels.use(ops);
        JsonNode g = Golden.load(file);
        SnnModel first = modelOf(g, g.get("initial_params"));
        int K = first.config().kernelSize(), L = first.config().hiddenLayers();
        Seq x = seqOf(Golden.tensor(g, "input_x"));
        int[] labels = new int[x.B()];
        double[] lab = Golden.tensor(g, "labels").data();
        for (int b = 0; b < labels.length; b++) labels[b] = (int) lab[b];
        Map<String, float[]> initial = new HashMap<>();
        for (StateTensor t : first.state()) initial.put(t.name(), t.values().clone());

        // Train-mode forward: every hook, the output trace, the readout, the loss, spike counts.
        Map<String, Seq> taps = recordForward(first, x, true);
        compareHooks(g.get("train_forward"), taps, x, K, "train");
        close("train_output_v_seq", Golden.tensor(g, "train_output_v_seq").data(), taps.get("output").data());
        JsonNode counts = g.get("train_spike_counts");
        counts.fieldNames().forEachRemaining(k -> assertThat(spikeCount(taps, k)).as("train " + k).isEqualTo(counts.get(k).asDouble()));
        for (int i = 0; i <= L; i++) compareKernel("train kernel " + i, Golden.tensor(g.get("train_kernels"), "layer" + i + ".kernel"), first.delayLayers().get(i));

        // Loss and gradients come from the same train forward: run it again from a fresh copy so
        // the BatchNorm statistics are updated exactly once, as in the reference.
        SnnModel m = modelOf(g, g.get("initial_params"));
        SnnModel.Output out = m.forwardLoss(x, labels, true);
        close("train_softmax_time_sum", Golden.tensor(g, "train_softmax_time_sum").data(), out.logits());
        assertThat(Math.abs(out.loss() - g.get("train_loss").asDouble()) / Math.abs(g.get("train_loss").asDouble())).as("train_loss").isLessThanOrEqualTo(TOL);
        m.zeroGrad();
        m.backward();
        Map<String, Param> params = new HashMap<>();
        for (Param p : m.params()) params.put(p.name(), p);
        JsonNode grads = g.get("grads");
        List<String> checked = new ArrayList<>();
        grads.fieldNames().forEachRemaining(k -> {
            close("grad " + k, Golden.tensor(grads, k).data(), params.get(ours(k)).grad());
            checked.add(ours(k));
        });
        for (Param p : m.params()) {
            if (p.trainable()) assertThat(checked).as("every trainable parameter has a golden gradient").contains(p.name());
            else assertThat(p.grad()).as("frozen " + p.name() + " gets no gradient").containsOnly(0f);
        }
        JsonNode bn = g.get("bn_running_stats_after_train_forward");
        Map<String, StateTensor> state = m.stateByName();
        bn.fieldNames().forEachRemaining(k -> {
            if (k.endsWith("num_batches_tracked")) return; // not kept: momentum is fixed, torch only counts
            close(k, Golden.tensor(bn, k).data(), state.get(ours(k)).values());
        });

        // Rounded evaluation of the model as it stands after that forward (BN statistics updated).
        try (SnnModel.RoundedEval e = m.roundedEval()) {
            JsonNode ep = g.get("eval_params");
            ep.fieldNames().forEachRemaining(k -> identicalOrClose(k, Golden.tensor(ep, k).data(), state.get(ours(k)).values()));
            for (Dcls1d d : m.delayLayers()) assertThat(d.version()).isEqualTo(DclsVersion.MAX);
            Map<String, Seq> et = recordForward(m, x, false);
            compareHooks(g.get("eval_forward"), et, x, K, "eval");
            close("eval_output_v_seq", Golden.tensor(g, "eval_output_v_seq").data(), et.get("output").data());
            for (int i = 0; i <= L; i++) compareKernel("eval kernel " + i, Golden.tensor(g.get("eval_kernels"), "layer" + i + ".kernel"), m.delayLayers().get(i));
            JsonNode ec = g.get("eval_spike_counts");
            ec.fieldNames().forEachRemaining(k -> assertThat(spikeCount(et, k)).as("eval " + k).isEqualTo(ec.get(k).asDouble()));
            SnnModel.Output eo = m.forwardLoss(x, labels, false);
            double el = g.get("eval_loss").asDouble();
            assertThat(Math.abs(eo.loss() - el) / Math.abs(el)).as("eval_loss").isLessThanOrEqualTo(TOL);
        }
        // The training state is back, bit for bit.
        for (Dcls1d d : m.delayLayers()) {
            assertThat(d.version()).isEqualTo(DclsVersion.GAUSS);
            assertThat(d.positions().value()).isEqualTo(initial.get(d.positions().name()));
            assertThat(d.sigma().value()).isEqualTo(initial.get(d.sigma().name()));
            assertThat(d.weight().value()).isEqualTo(initial.get(d.weight().name()));
        }
    }

    /** Rounded positions and zero widths are exact; weights and BN parameters are float32 copies. */
    static void identicalOrClose(String what, double[] ref, float[] got) {
        if (what.endsWith(".P") || what.endsWith(".SIG")) identical("eval " + what, ref, got);
        else close("eval " + what, ref, got);
    }

    static Stream<Arguments> adamCases() {
        List<Arguments> out = new ArrayList<>();
        for (Path f : Golden.files("snn_delays_*_adam_step.json")) {
            Path model = f.resolveSibling(f.getFileName().toString().replace("_adam_step.json", ".json"));
            if (!Files.exists(model)) continue;
            for (String variant : List.of("configured_lr", "with_schedulers_epoch0")) out.add(Arguments.of(f.getFileName().toString(), variant, f, model));
        }
        return out.stream();
    }

    /** The training recipe of the golden config, with or without its schedules. */
    static TrainingConfig trainingOf(JsonNode c, boolean schedules) {
        return new TrainingConfig(c.get("epochs").asInt(), 4, TrainingConfig.Optimizer.ADAM, c.get("lr_w").asDouble(),
                c.get("lr_pos").asDouble(), c.get("weight_decay").asDouble(),
                schedules ? TrainingConfig.Schedule.ONE_CYCLE : TrainingConfig.Schedule.CONSTANT, c.get("max_lr_w").asDouble(),
                schedules ? TrainingConfig.Schedule.COSINE : TrainingConfig.Schedule.CONSTANT, c.get("final_epoch").asInt(), 0, null, 0).validate();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adamCases")
    void oneOptimiserStepOfTheModelsOwnSetupMatchesTheReference(String name, String variant, Path stepFile, Path modelFile) {
        JsonNode g = Golden.load(modelFile), a = Golden.load(stepFile), v = a.get(variant);
        SnnModel m = modelOf(g, a.get("initial_params"));
        Map<String, Param> params = new HashMap<>();
        for (Param p : m.params()) params.put(p.name(), p);
        JsonNode grads = a.get("grads");
        grads.fieldNames().forEachRemaining(k -> {
            float[] gr = Golden.tensor(grads, k).toFloat();
            System.arraycopy(gr, 0, params.get(ours(k)).grad(), 0, gr.length);
        });
        SnnOptimisation opt = new SnnOptimisation(m, trainingOf(g.get("config"), variant.equals("with_schedulers_epoch0")));
        opt.beginEpoch(0);

        // The groups: weights / PLIF / BatchNorm in the first optimiser, positions in the second.
        JsonNode groups = v.get("optimizers").get("optimizer_groups");
        List<List<ParamGroup>> ours = List.of(opt.weightOptimiser().groups(), opt.positionOptimiser().groups());
        assertThat(ours).hasSize(groups.size());
        for (int o = 0; o < groups.size(); o++) {
            assertThat(ours.get(o)).hasSize(groups.get(o).size());
            for (int k = 0; k < groups.get(o).size(); k++) {
                JsonNode ref = groups.get(o).get(k);
                ParamGroup pg = ours.get(o).get(k);
                String what = variant + " optimiser " + o + " group " + k;
                assertThat(pg.params()).as(what + " params").hasSize(ref.get("n_params").asInt());
                assertThat(pg.lr()).as(what + " lr").isEqualTo(ref.get("lr").asDouble());
                assertThat(pg.beta1()).as(what + " beta1").isEqualTo(ref.get("betas").get(0).asDouble());
                assertThat(pg.beta2()).as(what + " beta2").isEqualTo(ref.get("betas").get(1).asDouble());
                assertThat(pg.eps()).as(what + " eps").isEqualTo(ref.get("eps").asDouble());
                assertThat(pg.weightDecay()).as(what + " weight decay").isEqualTo(ref.get("weight_decay").asDouble());
            }
        }

        opt.updateOnly();
        compareParams(variant + " before clamp", v.get("params_after_step_before_clamp"), m);
        m.clampPositions();
        compareParams(variant + " after clamp", v.get("params_after_step_and_clamp"), m);
    }

    static void compareParams(String what, JsonNode section, SnnModel m) {
        Map<String, StateTensor> state = m.stateByName();
        section.fieldNames().forEachRemaining(k -> close(what + " " + k, Golden.tensor(section, k).data(), state.get(ours(k)).values()));
    }
}
