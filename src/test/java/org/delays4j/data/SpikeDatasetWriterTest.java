package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpikeDatasetWriterTest {
    @TempDir
    Path dir;

    static void assertSameSpikes(SpikeDataset got, SpikeDataset want) {
        assertThat(got.size()).isEqualTo(want.size());
        assertThat(got.channels()).isEqualTo(want.channels());
        assertThat(got.classes()).isEqualTo(want.classes());
        assertThat(got.totalSpikes()).isEqualTo(want.totalSpikes());
        assertThat(got.hasSpeakers()).isEqualTo(want.hasSpeakers());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.label(i)).as("label %d", i).isEqualTo(want.label(i));
            assertThat(got.speaker(i)).as("speaker %d", i).isEqualTo(want.speaker(i));
            assertThat(got.times(i)).as("times %d", i).containsExactly(want.times(i));
            assertThat(got.units(i)).as("units %d", i).containsExactly(want.units(i));
        }
    }

    @ParameterizedTest(name = "{0} compress={1} speakers={2}")
    @CsvSource({"set.h5,false,true", "set.h5,true,false", "set.h5.gz,false,true", "set.h5.gz,true,true"})
    void roundTripKeepsEverySpike(String name, boolean compress, boolean speakers) throws Exception {
        SpikeDataset ds = RandomSpikes.make(42, 37, 700, 20, 300, speakers);
        Path f = dir.resolve(name);
        SpikeDatasetWriter.write(f, ds, new SpikeDatasetWriter.Options(compress));
        assertSameSpikes(SpikeDataset.read(f), ds);
        assertThat(Hdf5.isGzip(f)).isEqualTo(name.endsWith(".gz"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name); // no temp file left
        }
    }

    @Test
    void keepsChannelCountClassCountAndClassNames() throws Exception {
        SpikeDataset ds = SpikeDataset.builder(3).classes(4).classNames(List.of("a", "b", "c", "d"))
                .add(new float[] {0.5f}, new int[] {2}, 1).add(new float[] {}, new int[] {}, 0).build();
        Path f = dir.resolve("small.h5");
        SpikeDatasetWriter.write(f, ds);
        SpikeDataset back = SpikeDataset.read(f);
        assertSameSpikes(back, ds);
        assertThat(back.channels()).isEqualTo(3);
        assertThat(back.classes()).isEqualTo(4);
        assertThat(back.classNames()).containsExactly("a", "b", "c", "d");
        assertThat(back.spikeCount(1)).isZero();
    }

    @Test
    void refusesADatasetWithoutSpikes() {
        SpikeDataset empty = SpikeDataset.builder(10).add(new float[0], new int[0], 0).build();
        assertThatThrownBy(() -> SpikeDatasetWriter.write(dir.resolve("e.h5"), empty))
                .isInstanceOf(UserInputException.class).hasMessageContaining("e.h5").hasMessageContaining("no");
        assertThat(dir.resolve("e.h5")).doesNotExist();
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path f = dir.resolve("r.h5");
        SpikeDatasetWriter.write(f, RandomSpikes.make(1, 5, 10, 2, 20, false));
        SpikeDataset second = RandomSpikes.make(2, 9, 10, 3, 20, false);
        SpikeDatasetWriter.write(f, second);
        assertSameSpikes(SpikeDataset.read(f), second);
    }
}
