package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataInfoCommandTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(DataInfoCommandTest.class.getResource("/fixtures/spikes/" + name).toURI());
    }

    @Test
    void printsTheStatisticsOfAFile() throws Exception {
        CliRun r = run("data", "info", fixture("shd_h5py.h5").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("samples            6", "classes            4", "channels           700", "speakers           3",
                "class names        zero, one, two, three", "-> 140 channels", "input density");
    }

    @Test
    void bininngOptionsChangeTheView() throws Exception {
        CliRun r = run("data", "info", fixture("flat_h5py.h5").toString(), "--dt-ms", "100", "--group", "8", "--frames", "4");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("dt 100 ms, 8 unit(s) per channel -> 4 channels, 4 frames fixed", "frames per sample  4 / 4 / 4 / 4",
                "empty samples      1");
    }

    @Test
    void aDirectoryListsEverySpikeFile(@TempDir Path dir) throws Exception {
        Files.copy(fixture("shd_h5py.h5"), dir.resolve("a.h5"));
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(fixture("shd_pytables.h5"), dir.resolve("sub").resolve("b.h5"));
        Files.writeString(dir.resolve("x.wav"), "not really audio");
        CliRun r = run("data", "info", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("a.h5 (read in", "b.h5 (read in", "note: 1 WAV files not summarised");
    }

    @Test
    void aDirectoryOfRecordingsGetsAudioStatistics(@TempDir Path dir) throws Exception {
        org.delays4j.audio.WavFile.write(dir.resolve("3_ann_0.wav"), new short[8000], 8000); // 1 s, test repetition
        org.delays4j.audio.WavFile.write(dir.resolve("3_bob_7.wav"), new short[4000], 8000); // 0.5 s, train
        org.delays4j.audio.WavFile.write(dir.resolve("5_bob_9.wav"), new short[2000], 8000);
        CliRun r = run("data", "info", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("FSDD audio", "recordings         3", "classes            10 (recordings per class: 0, 0, 0, 2, 0, 1,",
                "speakers           2", "sample rate (Hz)   8000", "duration (s)       0.250 / 0.583 / 0.500 / 1.000", "train 2, test 1");
    }

    @Test
    void malformedFileIsOneLineAndExitTwo() throws Exception {
        CliRun r = run("data", "info", fixture("bad_length_mismatch.h5").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("delays4j: ").contains("bad_length_mismatch.h5", "sample 2").doesNotContain("at org.");
    }

    @Test
    void missingPathAndBadOptionsAreUserErrors(@TempDir Path dir) {
        CliRun r = run("data", "info", dir.resolve("none.h5").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("none.h5: no such file");
        assertThat(run("data", "info").err()).contains("give a spike file or directory");
        assertThat(run("data", "info", dir.toString()).err()).contains("no spike files");
        assertThat(run("data", "info", dir.toString(), "--dt-ms", "0").err()).contains("dt");
    }

    @Test
    void benchRunsOnASmallSyntheticFile(@TempDir Path dir) {
        CliRun r = run("data", "info", "--bench", "--bench-samples", "50", "--bench-spikes", "200", "--tmp", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("50 samples", "read+bin", "heap");
        assertThat(dir).isEmptyDirectory();
    }
}
