package org.delays4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
    @TempDir
    Path dir;

    @Test
    void refusesEntriesThatEscapeTheTarget() throws Exception {
        Path dest = dir.resolve("out");
        assertThatThrownBy(() -> TarGz.extract(DownloaderTest.fixture("download/evil.tar.gz"), dest))
                .isInstanceOf(UserInputException.class).hasMessageContaining("'../escaped.txt' would be written outside");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void extractsRegularFilesAndCountsThem() throws Exception {
        assertThat(TarGz.extract(DownloaderTest.fixture("download/archive.tar.gz"), dir)).isEqualTo(3);
    }

    @Test
    void aTruncatedArchiveIsAUserError() throws Exception {
        byte[] whole = Files.readAllBytes(DownloaderTest.fixture("download/archive.tar.gz"));
        Path cut = dir.resolve("cut.tar.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> TarGz.extract(cut, dir.resolve("x"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("truncated or corrupt");
    }
}
