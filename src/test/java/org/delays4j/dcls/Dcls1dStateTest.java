package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;
import org.delays4j.core.Param;
import org.delays4j.core.Seq;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration, initialisation, clamping, the rounded evaluation state and error paths. */
class Dcls1dStateTest {

    @Test
    void snnDefaults() {
        Dcls1dConfig c = Dcls1dConfig.snn(140, 256, 25);
        assertThat(c.kernelCount()).isEqualTo(1);
        assertThat(c.groups()).isEqualTo(1);
        assertThat(c.bias()).isFalse();
        assertThat(c.version()).isEqualTo(DclsVersion.GAUSS);
        assertThat(c.padLeft()).isEqualTo(24);
        assertThat(c.padRight()).isEqualTo(12);
        assertThat(c.learnWeight()).isTrue();
        assertThat(c.learnPositions()).isTrue();
        assertThat(c.learnSigma()).isFalse();
        assertThat(c.sigmaInit()).isEqualTo(12.0);
        assertThat(c.outputLength(100)).isEqualTo(112);
        assertThat(c.limit()).isEqualTo(12);
    }

    @ParameterizedTest
    @CsvSource({"gauss,GAUSS", "MAX,MAX", " v1 ,V1", "v0,V0"})
    void versionParses(String s, DclsVersion v) {
        assertThat(DclsVersion.parse(s)).isEqualTo(v);
        assertThat(DclsVersion.parse(v.id())).isEqualTo(v);
    }

    @Test
    void unknownVersionAndPathNameTheChoices() {
        assertThatThrownBy(() -> DclsVersion.parse("gaussian")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("gaussian").hasMessageContaining("gauss, max, v1, v0");
        assertThatThrownBy(() -> ExecPath.parse("fast")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("fast").hasMessageContaining("sparse-narrow");
        assertThat(ExecPath.parse("SPARSE_NARROW")).isEqualTo(ExecPath.SPARSE_NARROW);
    }

    @ParameterizedTest
    @CsvSource({
        "0,4,1,1,5,0,0,dcls.in",
        "4,4,0,1,5,0,0,dcls.kernel_count",
        "4,6,1,4,5,0,0,dcls.groups",
        "4,4,1,1,4,0,0,dcls.kernel_size",
        "4,4,1,1,5,5,0,dcls.pad_left",
        "4,4,1,1,5,0,-1,dcls.pad_right"})
    void badConfigurationNamesTheField(int in, int out, int m, int g, int K, int pl, int pr, String field) {
        assertThatThrownBy(() -> new Dcls1dConfig(in, out, m, g, K, false, DclsVersion.GAUSS, pl, pr, true, true, false, 1))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith(field + ":");
    }

    @Test
    void nonFiniteSigmaIsRejected() {
        assertThatThrownBy(() -> Dcls1dConfig.snn(3, 3, 5).withSigmaInit(Double.NaN))
                .isInstanceOf(UserInputException.class).hasMessageContaining("dcls.sigma_init");
    }

    @Test
    void builderRoundTrip() {
        Dcls1dConfig c = Dcls1dConfig.builder(8, 6, 9).groups(2).kernelCount(3).bias(true).version(DclsVersion.MAX)
                .padding(1, 2).learnSigma(true).sigmaInit(0.5).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.withVersion(DclsVersion.V0).version()).isEqualTo(DclsVersion.V0);
        assertThat(c.inPerGroup()).isEqualTo(4);
        assertThat(c.outPerGroup()).isEqualTo(3);
    }

    @Test
    void parameterShapesAndKinds() {
        Dcls1d l = new Dcls1d(Dcls1dConfig.builder(8, 6, 9).groups(2).kernelCount(3).bias(true).build());
        assertThat(l.weight().shape()).containsExactly(6, 4, 3);
        assertThat(l.positions().shape()).containsExactly(6, 4, 3);
        assertThat(l.sigma().shape()).containsExactly(6, 4, 3);
        assertThat(l.bias().shape()).containsExactly(6);
        assertThat(l.params()).extracting(Param::kind)
                .containsExactly(Param.Kind.WEIGHT, Param.Kind.POSITION, Param.Kind.SIGMA, Param.Kind.BIAS);
        assertThat(new Dcls1d(Dcls1dConfig.snn(3, 3, 5)).bias()).isNull();
        assertThat(l.sigma().trainable()).isFalse();
    }

    @Test
    void initFollowsTheReference() {
        Dcls1dConfig cfg = Dcls1dConfig.snn(40, 30, 25);
        Dcls1d l = new Dcls1d(cfg);
        l.init(new Random(1));
        double bound = Math.sqrt(6.0 / 40);
        double maxW = 0;
        for (float w : l.weight().value()) maxW = Math.max(maxW, Math.abs(w));
        assertThat(maxW).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
        int atLow = 0;
        for (float p : l.positions().value()) {
            assertThat(p).isBetween(-12f, 12f);
            if (p == -12f) atLow++;
        }
        // U(-13, 12) clamped: about 1/25 of the positions land exactly on -12
        assertThat(atLow).isBetween(20, 80);
        assertThat(l.sigma().value()).containsOnly(12f);
    }

    @Test
    void clampPositions() {
        Dcls1d l = new Dcls1d(Dcls1dConfig.snn(2, 2, 7));
        float[] p = l.positions().value();
        p[0] = -5f; p[1] = 3.5f; p[2] = 2.9f; p[3] = -3f;
        l.clampPositions();
        assertThat(p).containsExactly(-3f, 3f, 2.9f, -3f);
    }

    @Test
    void roundedEvalAndRestore() {
        Dcls1d l = new Dcls1d(Dcls1dConfig.snn(2, 3, 7));
        float[] p = l.positions().value();
        float[] vals = {0.5f, 1.5f, -2.5f, 2.4f, -0.6f, 2.6f};
        System.arraycopy(vals, 0, p, 0, 6);
        float[] sig = l.sigma().value();
        sig[0] = 0.7f;
        float[] pBefore = p.clone(), sBefore = sig.clone();
        Dcls1d.EvalState s = l.enterRoundedEval();
        assertThat(p).containsExactly(0f, 2f, -2f, 2f, -1f, 3f); // half to even, then clamp to [-3, 3]
        assertThat(sig).containsOnly(0f);
        assertThat(l.version()).isEqualTo(DclsVersion.MAX);
        l.restore(s);
        assertThat(p).isEqualTo(pBefore);
        assertThat(sig).isEqualTo(sBefore);
        assertThat(l.version()).isEqualTo(DclsVersion.GAUSS);
    }

    @Test
    void roundedEvalKernelIsOneWeightPerSynapse() {
        SplittableRandom r = new SplittableRandom(4);
        Dcls1dConfig cfg = Dcls1dConfig.snn(5, 4, 9);
        Dcls1d l = RandomDcls.layer(cfg, r, 4.0);
        l.enterRoundedEval();
        l.forward(RandomDcls.input(r, 6, 2, 5, RandomDcls.Input.SPIKES, 0.5), false);
        float[] kt = l.kernelTapMajor();
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 5; i++) {
                int s = o * 5 + i, tap = Math.round(l.positions().value()[s]) + 4, nz = 0;
                for (int n = 0; n < 9; n++) {
                    float v = kt[(n * 5 + i) * 4 + o];
                    if (v != 0) {
                        nz++;
                        assertThat(n).isEqualTo(tap);
                        assertThat((double) v).isEqualTo(l.weight().value()[s] / (1 + 1e-7), org.assertj.core.data.Offset.offset(1e-7));
                    }
                }
                assertThat(nz).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void wrongInputChannelsIsAUserError() {
        Dcls1d l = new Dcls1d(Dcls1dConfig.snn(4, 3, 5));
        assertThatThrownBy(() -> l.forward(Seq.zeros(6, 2, 5), true)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("expected 4 channels, got 5");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void tooShortInputIsAUserErrorOrEmpty(int T) {
        Dcls1d l = new Dcls1d(Dcls1dConfig.snn(2, 2, 9).withPadding(0, 0));
        if (T + 0 < 8) {
            assertThatThrownBy(() -> l.forward(Seq.zeros(T, 2, 2), true)).isInstanceOf(UserInputException.class)
                    .hasMessageContaining("too short");
        }
        Dcls1d causal = new Dcls1d(Dcls1dConfig.snn(2, 2, 9));
        assertThat(causal.forward(Seq.zeros(T, 2, 2), true).T()).isEqualTo(T + 4);
    }

    @Test
    void backwardBeforeForwardAndWrongGradShape() {
        Dcls1d l = new Dcls1d(Dcls1dConfig.snn(2, 2, 5));
        assertThatThrownBy(() -> l.backward(Seq.zeros(1, 1, 2), true)).isInstanceOf(IllegalStateException.class);
        l.forward(Seq.zeros(4, 2, 2), true);
        assertThatThrownBy(() -> l.backward(Seq.zeros(5, 2, 2), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differs from the output");
    }

    @Test
    void emptyBatchAndAllZeroInput() {
        Dcls1d l = RandomDcls.layer(Dcls1dConfig.snn(3, 2, 25), new SplittableRandom(1), 0.23);
        Seq y = l.forward(Seq.zeros(6, 0, 3), true);
        assertThat(y.B()).isZero();
        assertThat(l.backward(Seq.zeros(y.T(), 0, 2), true).data()).isEmpty();
        Seq z = l.forward(Seq.zeros(6, 2, 3), false);
        assertThat(z.data()).containsOnly(0f);
        assertThat(l.lastPath()).isEqualTo(ExecPath.SPARSE_NARROW);
    }
}
