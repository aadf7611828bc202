package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelsTest {
    private Ops saved;

    @BeforeEach
    void save() {
        saved = Kernels.ops();
    }

    @AfterEach
    void restore() {
        Kernels.use(saved);
    }

    @Test
    void useSwitchesEveryCallerAndReturnsThePrevious() {
        Kernels.use(VectorOps.INSTANCE);
        assertThat(Kernels.vectorized()).isTrue();
        Ops prev = Kernels.use(NaiveOps.INSTANCE);
        assertThat(prev).isSameAs(VectorOps.INSTANCE);
        assertThat(Kernels.ops()).isSameAs(NaiveOps.INSTANCE);
        assertThat(Kernels.vectorized()).isFalse();
        assertThat(Kernels.use(prev)).isSameAs(NaiveOps.INSTANCE);
        assertThat(Kernels.vectorized()).isTrue();
        assertThatThrownBy(() -> Kernels.use(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parallelProductsFollowTheSwitch() {
        // The same ParallelOps call gives the naive result with SIMD off and the vector one with it on.
        GemmCase g = new GemmCase(GemmCase.Layout.NN, 50, 70, 300, 4, true);
        float[] naive = g.c(), vector = g.c(), viaSwitchOff = g.c(), viaSwitchOn = g.c();
        g.run(NaiveOps.INSTANCE, naive);
        g.run(VectorOps.INSTANCE, vector);
        Kernels.use(NaiveOps.INSTANCE);
        g.runParallel(viaSwitchOff);
        Kernels.use(VectorOps.INSTANCE);
        g.runParallel(viaSwitchOn);
        assertThat(viaSwitchOff).containsExactly(naive);
        assertThat(viaSwitchOn).containsExactly(vector);
        assertThat(naive).isNotEqualTo(vector); // different summation order: the switch is observable
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"NULL,true", "true,true", "1,true", "'',true", "on,true",
            "false,false", "FALSE,false", "0,false", "off,false", "No,false", "' false ',false"})
    void settingSelectsTheKernels(String setting, boolean vector) {
        assertThat(Kernels.fromSetting(setting)).isSameAs(vector ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
    }

    @Test
    void startUpSwitchTurnsSimdOffByPropertyOrEnvironment() throws Exception {
        assertThat(probe(List.of(), null)).isEqualTo("VectorOps");
        assertThat(probe(List.of("-Ddelays4j.vector=false"), null)).isEqualTo("NaiveOps");
        assertThat(probe(List.of(), "false")).isEqualTo("NaiveOps");
        // The property wins over the environment.
        assertThat(probe(List.of("-Ddelays4j.vector=true"), "false")).isEqualTo("VectorOps");
    }

    /** Runs {@link KernelsProbe} in a fresh JVM and returns what it printed. */
    private static String probe(List<String> jvmArgs, String env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelsProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().remove("DELAYS4J_VECTOR");
        if (env != null) pb.environment().put("DELAYS4J_VECTOR", env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor()).as("probe exit status").isZero();
        return out;
    }
}
