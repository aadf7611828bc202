package org.delays4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delays4j.data.SpikeDatasetWriter;
import org.delays4j.data.SyntheticSpikes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BenchStepCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** The error line (after the run's one-line header). */
    private static String lastLine(CliRun r) {
        List<String> l = r.err().strip().lines().toList();
        assertThat(l).hasSizeLessThanOrEqualTo(2);
        return l.get(l.size() - 1);
    }

    private static JsonNode json(CliRun r) throws Exception {
        List<String> json = r.out().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(json).hasSize(1);
        return new ObjectMapper().readTree(json.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval"})
    void smallSyntheticRunPrintsTableProfileAndOneJsonLine(String mode) throws Exception {
        CliRun r = run("bench", mode, "--preset", "shd", "--batch", "4", "--batches", "2", "--warmup", "1", "--sigma", "0.23",
                "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("preset").contains("median s", "peak RSS MB");
        assertThat(r.out()).contains("layer0 dcls fwd", "readout+loss", "(sum of stages)", "delay paths used", "needed Mop");
        if (mode.equals("train")) assertThat(r.out()).contains("layer0 dcls bwd", "adam+clamp");
        else assertThat(r.out()).doesNotContain("bwd", "adam");
        JsonNode n = json(r);
        assertThat(n.get("preset").asText()).isEqualTo("shd");
        assertThat(n.get("mode").asText()).isEqualTo(mode);
        assertThat(n.get("sigma").asDouble()).isEqualTo(0.23);
        assertThat(n.get("s_per_batch_median").asDouble()).isPositive();
        assertThat(n.get("samples_per_s").asDouble()).isCloseTo(4 / n.get("s_per_batch_median").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(n.get("peak_rss_mb").asDouble()).isPositive();
        assertThat(r.err()).contains("batch 2/2", "warm-up 1/1");
    }

    @Test
    void forcedPathIsUsedByEveryLayer() {
        CliRun r = run("bench", "train", "--batch", "3", "--batches", "1", "--warmup", "0", "--path", "dense");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("delay paths used (last batch): dense, dense, dense");
    }

    @Test
    void realSpikeFileIsBinnedAndUsed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("shd_like.h5");
        SpikeDatasetWriter.write(f, SyntheticSpikes.shdLike(8, 500, 3));
        CliRun r = run("bench", "train", "--data", f.toString(), "--batch", "4", "--batches", "1", "--warmup", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains(f.toString());
        assertThat(json(r).get("sigma").isNull()).isTrue();
    }

    @Test
    void fileWithTooFewSamplesIsAUserError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny.h5");
        SpikeDatasetWriter.write(f, SyntheticSpikes.shdLike(3, 100, 3));
        CliRun r = run("bench", "eval", "--data", f.toString(), "--batch", "4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(lastLine(r)).startsWith("delays4j: ").contains("tiny.h5", "--batch");
        assertThat(r.err()).doesNotContain("at org.");
    }

    @Test
    void notASpikeFileIsAUserError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("junk.h5");
        Files.writeString(f, "not hdf5");
        CliRun r = run("bench", "train", "--data", f.toString(), "--batch", "2", "--batches", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(lastLine(r)).startsWith("delays4j: ").contains("junk.h5");
        assertThat(r.err()).doesNotContain("at org.");
    }

    @ParameterizedTest
    @CsvSource({"--preset,gsc", "--batches,0", "--threads,0", "--sigma,-1", "--sigma,NaN", "--data,/no/such/file.h5", "--batch,-2", "--path,bogus"})
    void badOptionsAreOneLineUserErrors(String option, String value) {
        CliRun r = run("bench", "train", option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: ").contains(option).doesNotContain("at org.");
    }
}
