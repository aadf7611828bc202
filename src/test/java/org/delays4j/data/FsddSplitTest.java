package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FsddSplitTest {
    @ParameterizedTest
    @CsvSource({"0, TEST", "4, TEST", "5, VALIDATION", "9, VALIDATION", "10, TRAIN", "49, TRAIN"})
    void repetitionsMapToTheirSplit(int repetition, FsddSplit expected) {
        assertThat(FsddSplit.of(repetition)).isEqualTo(expected);
    }
}
