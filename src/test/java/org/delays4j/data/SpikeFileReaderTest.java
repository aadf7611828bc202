package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delays4j.core.Seq;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader on files written by h5py and PyTables (fixtures), valid and malformed. */
class SpikeFileReaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"shd_h5py.h5", "shd_h5py.h5.gz", "shd_float32.h5", "shd_pytables.h5", "flat_h5py.h5"})
    void readsWhatTheScriptWrote(String name) throws Exception {
        SpikeDataset ds = SpikeDataset.read(Fixtures.spikes(name));
        JsonNode want = Fixtures.expected(name);
        assertThat(ds.channels()).isEqualTo(want.get("channels").asInt());
        assertThat(ds.size()).isEqualTo(want.get("labels").size());
        for (int i = 0; i < ds.size(); i++) {
            assertThat(ds.label(i)).isEqualTo(want.get("labels").get(i).asInt());
            JsonNode t = want.get("times").get(i), u = want.get("units").get(i);
            assertThat(ds.spikeCount(i)).as("spikes of sample %d", i).isEqualTo(t.size());
            for (int k = 0; k < t.size(); k++) {
                // float16/float32 values are exact in float, so equality is exact
                assertThat((double) ds.time(ds.start(i) + k)).isEqualTo(t.get(k).asDouble());
                assertThat(ds.unit(ds.start(i) + k)).isEqualTo(u.get(k).asInt());
            }
        }
        JsonNode sp = want.get("speakers");
        assertThat(ds.hasSpeakers()).isEqualTo(!sp.isNull());
        if (!sp.isNull()) for (int i = 0; i < ds.size(); i++) assertThat(ds.speaker(i)).isEqualTo(sp.get(i).asInt());
        JsonNode keys = want.get("keys");
        if (!keys.isNull()) {
            assertThat(ds.classNames()).hasSize(keys.size());
            for (int c = 0; c < keys.size(); c++) assertThat(ds.classNames().get(c)).isEqualTo(keys.get(c).asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shd_h5py.h5", "shd_float32.h5", "shd_pytables.h5", "flat_h5py.h5"})
    void binsLikeNumpy(String name) throws Exception {
        SpikeDataset ds = SpikeDataset.read(Fixtures.spikes(name));
        Dataset view = ds.binned(0.01, 5);
        assertThat(view.channels()).isEqualTo((ds.channels() + 4) / 5);
        JsonNode want = Fixtures.expected(name).get("binned_10ms_5");
        int[] all = new int[ds.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        Batch b = Batch.of(view, all);
        Seq x = b.x();
        for (int i = 0; i < ds.size(); i++) {
            JsonNode w = want.get(i);
            assertThat(view.length(i)).as("frames of sample %d", i).isEqualTo(w.get("frames").asInt());
            float[] dense = new float[x.T() * x.C()];
            for (JsonNode cell : w.get("cells")) dense[cell.get(0).asInt() * x.C() + cell.get(1).asInt()] = cell.get(2).asInt();
            for (int t = 0; t < x.T(); t++) {
                for (int c = 0; c < x.C(); c++) {
                    assertThat(x.get(t, i, c)).as("sample %d frame %d channel %d", i, t, c).isEqualTo(dense[t * x.C() + c]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad_missing_units.h5     | missing spikes/units",
        "bad_missing_labels.h5    | missing labels",
        "bad_unit_too_large.h5    | spikes/units: sample 1 spike 1 has the unit 700, not below the channel count 700",
        "bad_negative_time.h5     | spikes/times: sample 1 spike 1 has the time -0.02",
        "bad_nan_time.h5          | spikes/times: sample 2 spike 1 has the time NaN",
        "bad_length_mismatch.h5   | sample 2 has 2 entries in spikes/units but 3 in spikes/times",
        "bad_labels_count.h5      | labels has 2 entries but spikes/times has 3 samples",
        "bad_flat_offsets.h5      | spikes/offsets: decrease at sample 1",
        "bad_truncated.h5         | truncated",
        "bad_truncated.h5.gz      | ends early",
        "bad_not_hdf5.h5          | not a readable HDF5 file",
    })
    void malformedFileGivesOneClearMessage(String name, String expected) {
        Path f = Fixtures.spikes(name);
        assertThatThrownBy(() -> SpikeDataset.read(f))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(f.toString() + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingFileAndDirectoryAreUserErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> SpikeDataset.read(dir.resolve("nope.h5")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("nope.h5: no such file");
        assertThatThrownBy(() -> SpikeDataset.read(dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("is a directory");
    }

    @Test
    void explicitChannelCountOverridesTheFileAndIsChecked() throws Exception {
        Path f = Fixtures.spikes("flat_h5py.h5"); // channels attribute 32, units up to 31
        assertThat(SpikeDataset.read(f, 64).channels()).isEqualTo(64);
        assertThatThrownBy(() -> SpikeDataset.read(f, 31))
                .isInstanceOf(UserInputException.class).hasMessageContaining("unit 31, not below the channel count 31");
    }

    @Test
    void aNewerFlatFormatVersionIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("v2.h5");
        try (io.jhdf.WritableHdfFile h = io.jhdf.HdfFile.write(f)) {
            h.putAttribute(SpikeDatasetWriter.VERSION_ATTRIBUTE, 2);
            h.putGroup("spikes").putDataset("times", new float[] {0.1f});
        }
        assertThatThrownBy(() -> SpikeDataset.read(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void gzipIsDetectedByContentNotByName(@TempDir Path dir) throws Exception {
        Path renamed = dir.resolve("no_extension.bin");
        Files.copy(Fixtures.spikes("shd_h5py.h5.gz"), renamed);
        assertThat(SpikeDataset.read(renamed).size()).isEqualTo(Fixtures.expected("shd_h5py.h5").get("labels").size());
    }
}
