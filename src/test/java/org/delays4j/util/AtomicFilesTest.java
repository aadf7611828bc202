package org.delays4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void failedWriteLeavesTheOldFileAndNoTemp(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }

    @Test
    void writtenFilesAreReadableByOthers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/b.txt");
        AtomicFiles.writeString(f, "x");
        assertThat(Files.getPosixFilePermissions(f)).contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OWNER_WRITE);
    }
}
