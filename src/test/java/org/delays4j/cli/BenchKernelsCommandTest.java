package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchKernelsCommandTest {

    @Test
    void quickRunPrintsATableThenJsonLines() throws Exception {
        CliRun r = run("bench", "kernels", "--quick", "--reps", "1", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("op ").contains("GFLOP/s", "kernel", "threads");
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).hasSize(13); // 12 rows + the summary
        ObjectMapper m = new ObjectMapper();
        for (String j : json.subList(0, 12)) {
            JsonNode n = m.readTree(j);
            assertThat(n.get("bench").asText()).isEqualTo("kernels");
            assertThat(n.get("gflops").asDouble()).isPositive();
            assertThat(n.get("op").asText()).isIn("gemmNN", "gemmTN", "gemmNT");
        }
        JsonNode summary = m.readTree(json.get(12));
        assertThat(summary.get("summary").asBoolean()).isTrue();
        assertThat(summary.get("quick").asBoolean()).isTrue();
        assertThat(summary.get("threads").asInt()).isEqualTo(2);
        assertThat(r.out()).contains("naive", "reduced size", "rel. diff to vector");
        assertThat(r.err()).contains("QUICK");
    }

    @ParameterizedTest
    @CsvSource({"--threads,0", "--reps,0", "--threads,-3", "--reps,1000000"})
    void badNumbersAreOneLineUserErrors(String option, String value) {
        CliRun r = run("bench", "kernels", option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: " + option).doesNotContain("at org.");
    }

    @Test
    void nonNumericValueIsAUsageError() {
        CliRun r = run("bench", "kernels", "--threads", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("many");
    }
}
