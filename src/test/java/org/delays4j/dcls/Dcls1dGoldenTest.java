package org.delays4j.dcls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Seq;
import org.delays4j.core.VectorOps;
import org.delays4j.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 layer against every {@code dcls1d_*.json} case: output, gradients wrt x, W, P,
 * SIG within 1e-5 relative error, on every execution path, with SIMD on and off.
 */
class Dcls1dGoldenTest {
    static final double TOL = 1e-5;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Golden.Case c : Golden.cases("dcls1d_*.json")) {
            GoldenDcls g = new GoldenDcls(c);
            for (ExecPath p : ExecPath.values()) {
                out.add(Arguments.of(g, p, true));
                if (p == ExecPath.AUTO || p == ExecPath.NARROW) out.add(Arguments.of(g, p, false));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} simd={2}")
    @MethodSource("cases")
    void layerMatchesReference(GoldenDcls g, ExecPath path, boolean simd) {
        Ops prev = Kernels.use(simd ? VectorOps.INSTANCE : NaiveOps.INSTANCE);
        try {
            Dcls1d layer = new Dcls1d(g.cfg);
            GoldenDcls.load(layer.weight().value(), g.param("weight"));
            GoldenDcls.load(layer.positions().value(), g.param("P"));
            GoldenDcls.load(layer.sigma().value(), g.param("SIG"));
            layer.setPath(path);
            Seq y = layer.forward(GoldenDcls.seq(g.x(), g.T, g.B, g.cfg.in()), true);
            assertThat(y.T()).isEqualTo(g.To);
            assertThat(Golden.relErr(g.y(), y.data())).as("y").isLessThan(TOL);
            Seq gx = layer.backward(GoldenDcls.seq(g.yCot(), g.To, g.B, g.cfg.out()), true);
            assertThat(Golden.relErr(g.gradX(), gx.data())).as("grad x").isLessThan(TOL);
            assertThat(Golden.relErr(g.param("grad_weight"), layer.weight().grad())).as("grad W").isLessThan(TOL);
            assertThat(Golden.relErr(g.param("grad_P"), layer.positions().grad())).as("grad P").isLessThan(TOL);
            assertThat(Golden.relErr(g.param("grad_SIG"), layer.sigma().grad())).as("grad SIG").isLessThan(TOL);
        } finally {
            Kernels.use(prev);
        }
    }
}
