package org.delays4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.delays4j.bench.KernelBenchmark.Op;
import org.delays4j.bench.KernelBenchmark.Row;
import org.delays4j.core.Parallel;
import org.junit.jupiter.api.Test;

class KernelBenchmarkTest {
    @Test
    void quickRunCoversEveryProductOnOneAndManyThreadsWithNaiveAlongside() {
        int saved = Parallel.threads();
        List<Row> streamed = new ArrayList<>();
        List<Row> rows = KernelBenchmark.run(new KernelBenchmark.Config(2, 1, true), streamed::add);
        assertThat(Parallel.threads()).as("thread count restored").isEqualTo(saved);
        assertThat(streamed).isEqualTo(rows);
        assertThat(rows).hasSize(12);
        for (Op op : Op.values()) assertThat(rows).anyMatch(r -> r.op() == op);
        assertThat(rows.stream().filter(r -> r.impl().equals("vector") && r.threads() == 2)).hasSize(4);
        assertThat(rows.stream().filter(r -> r.impl().equals("naive"))).hasSize(4).allSatisfy(r -> {
            assertThat(r.threads()).isEqualTo(1);
            // The vector kernel agreed with the naive one on the naive row's operands.
            assertThat(r.relErrVsVector()).isBetween(0.0, 1e-5);
        });
        for (Row r : rows) {
            assertThat(r.gflops()).as("%s", r).isPositive().isFinite();
            assertThat(r.gflopsBest()).isGreaterThanOrEqualTo(r.gflops());
            assertThat(r.flops()).isEqualTo(2.0 * r.m() * r.n() * r.k());
            assertThat(r.json().toString()).contains("\"op\":\"" + r.op().label() + "\"", "\"impl\":\"" + r.impl() + "\"");
        }
        // The SHD shapes keep their layer meaning at any scale: TN is the weight gradient (m = inputs).
        Row tn = rows.stream().filter(r -> r.op() == Op.TN && r.impl().equals("vector")).findFirst().orElseThrow();
        assertThat(tn.m()).isEqualTo(140);
        assertThat(tn.n()).isEqualTo(256);
    }

    @Test
    void singleThreadSkipsTheParallelRows() {
        List<Row> rows = KernelBenchmark.run(new KernelBenchmark.Config(1, 1, true), r -> { });
        assertThat(rows).hasSize(8).allMatch(r -> r.threads() == 1);
    }

    @Test
    void badConfigIsRejected() {
        assertThatThrownBy(() -> new KernelBenchmark.Config(0, 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KernelBenchmark.Config(1, 0, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
