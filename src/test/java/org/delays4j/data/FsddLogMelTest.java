package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddLogMelTest {
    private static final Path FSDD = Path.of("../shared/data/fsdd/recordings");

    @Test
    void scalingMapsTheFloorToZeroAndTenDbToOne() {
        float[] v = FsddLogMel.scale(new double[][] {{-100, -80, -40}, {0, 12.5, -79}});
        assertThat(v[0]).isZero();
        assertThat(v[1]).isZero();
        assertThat(v[2]).isCloseTo(4f, within(1e-6f));
        assertThat(v[3]).isCloseTo(8f, within(1e-6f));
        assertThat(v[4]).isCloseTo(9.25f, within(1e-6f));
        assertThat(v[5]).isCloseTo(0.1f, within(1e-6f));
    }

    @Test
    void badConfigurationAndDirectoryAreUserErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new FsddLogMel.Config(2, 1.0)).isInstanceOf(UserInputException.class).hasMessageContaining("bands");
        assertThatThrownBy(() -> new FsddLogMel.Config(40, 0)).isInstanceOf(UserInputException.class).hasMessageContaining("seconds");
        assertThatThrownBy(() -> FsddLogMel.load(dir.resolve("missing"), FsddLogMel.Config.defaults())).isInstanceOf(UserInputException.class);
    }

    @Test
    void splitsAreDisjointBalancedAndByRepetition() {
        assumeTrue(Files.isDirectory(FSDD), "FSDD recordings not at " + FSDD + ": skipped");
        FsddLogMel ds = FsddLogMel.load(FSDD, FsddLogMel.Config.defaults());
        assertThat(ds.size()).isEqualTo(3000);
        assertThat(ds.channels()).isEqualTo(40);
        assertThat(ds.length(0)).isEqualTo(101);
        FsddLogMel.Splits s = ds.splits();
        assertThat(s.train().size()).isEqualTo(2400);
        assertThat(s.validation().size()).isEqualTo(300);
        assertThat(s.test().size()).isEqualTo(300);
        Set<Integer> seen = new HashSet<>();
        check(ds, s.test(), 0, 5, seen);
        check(ds, s.validation(), 5, 10, seen);
        check(ds, s.train(), 10, 50, seen);
        assertThat(seen).hasSize(3000);

        // Features: finite, non-negative, zero padding beyond a short clip, speech well above the floor.
        float[] f = new float[101 * 40];
        double max = 0;
        for (int i = 0; i < 3000; i += 97) {
            ds.frames(i, f, 0, 40);
            for (float v : f) {
                assertThat(Float.isFinite(v) && v >= 0).isTrue();
                max = Math.max(max, v);
            }
        }
        assertThat(max).isGreaterThan(5); // louder than -30 dB somewhere
    }

    private static void check(FsddLogMel ds, Subset split, int from, int to, Set<Integer> seen) {
        int[] perDigit = new int[10];
        for (int i : split.indices()) {
            assertThat(ds.repetition(i)).isBetween(from, to - 1);
            assertThat(seen.add(i)).isTrue();
            perDigit[ds.label(i)]++;
        }
        for (int c : perDigit) assertThat(c).isEqualTo(split.size() / 10);
    }
}
