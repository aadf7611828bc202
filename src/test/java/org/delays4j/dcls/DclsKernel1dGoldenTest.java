package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kernel construction and its backward against every {@code dcls1d_*.json} case, in float64. */
class DclsKernel1dGoldenTest {
    static List<GoldenDcls> cases() {
        return Golden.cases("dcls1d_*.json").stream().map(GoldenDcls::new).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernelMatches(GoldenDcls g) {
        Dcls1dConfig cfg = g.cfg;
        double[] k = Dcls1dReference.kernel(cfg, g.version, g.params());
        assertThat(Golden.relErr(g.c.tensor("kernel").data(), k)).as("kernel").isLessThan(1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernelBackwardMatches(GoldenDcls g) {
        Dcls1dConfig cfg = g.cfg;
        int syn = cfg.out() * cfg.inPerGroup(), m = cfg.kernelCount();
        double[] gw = new double[syn * m], gp = new double[syn * m], gs = new double[syn * m];
        DclsKernel1d.backward(g.version, cfg.kernelSize(), syn, m, g.param("weight"), g.param("P"), g.param("SIG"),
                g.c.tensor("kernel_cotangent").data(), gw, gp, gs);
        assertThat(Golden.relErr(g.c.tensor("kernel_grad_weight").data(), gw)).as("grad W").isLessThan(1e-10);
        assertThat(Golden.relErr(g.c.tensor("kernel_grad_P").data(), gp)).as("grad P").isLessThan(1e-10);
        assertThat(Golden.relErr(g.c.tensor("kernel_grad_SIG").data(), gs)).as("grad SIG").isLessThan(1e-10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64ReferencePathMatches(GoldenDcls g) {
        Dcls1dConfig cfg = g.cfg;
        double[] k = Dcls1dReference.kernel(cfg, g.version, g.params());
        double[] y = Dcls1dReference.forward(cfg, g.x(), g.T, g.B, k, null);
        assertThat(Golden.relErr(g.y(), y)).as("y").isLessThan(1e-10);
        Dcls1dReference.Grads gr = Dcls1dReference.backward(cfg, g.x(), g.T, g.B, k, g.yCot(), false);
        assertThat(Golden.relErr(g.gradX(), gr.x())).as("grad x").isLessThan(1e-10);
        int syn = cfg.out() * cfg.inPerGroup(), m = cfg.kernelCount();
        double[] gw = new double[syn * m], gp = new double[syn * m], gs = new double[syn * m];
        DclsKernel1d.backward(g.version, cfg.kernelSize(), syn, m, g.param("weight"), g.param("P"), g.param("SIG"),
                gr.kernel(), gw, gp, gs);
        assertThat(Golden.relErr(g.param("grad_weight"), gw)).as("grad W").isLessThan(1e-10);
        assertThat(Golden.relErr(g.param("grad_P"), gp)).as("grad P").isLessThan(1e-10);
        assertThat(Golden.relErr(g.param("grad_SIG"), gs)).as("grad SIG").isLessThan(1e-10);
    }
}
