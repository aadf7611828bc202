package org.delays4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;

class SigmaScheduleTest {
    /** SHD: K = 25 so SIG starts at 12; 150 epochs so it reaches 0.23 after 37. */
    @Test
    void decaysToTheFloorByTheFinalEpochThenStops() {
        SigmaSchedule s = new SigmaSchedule(12, 37);
        assertThat(s.alpha()).isCloseTo(Math.exp(Math.log(0.23 / 12) / 37), within(1e-15));
        float[] l0 = new float[6], l1 = new float[3];
        Arrays.fill(l0, 12f);
        Arrays.fill(l1, 12f);
        List<float[]> sigmas = List.of(l0, l1);
        int changed = 0;
        for (int e = 0; e < 150; e++) if (s.afterEpoch(e, sigmas)) changed++;
        // float32 products drift a little: 37 steps, or 36 if the 36th already lands at or below 0.23
        assertThat(changed).isBetween(36, 37);
        assertThat((double) l1[0]).isCloseTo(0.23, within(0.23 * 1e-5 + 0.23 * (1 - s.alpha()) * (37 - changed)));
        assertThat(l0).containsOnly(l1[0]);
    }

    @Test
    void stopsWhenTheLastLayersWidthIsAtTheFloor() {
        SigmaSchedule s = new SigmaSchedule(2, 10);
        float[] first = {1f}, last = {Math.nextDown(0.23f)}; // 0.23f itself is 0.2300000041 > 0.23: still decays
        assertThat(s.afterEpoch(0, List.of(first, last))).isFalse();
        assertThat(first[0]).isEqualTo(1f);
        assertThat(s.afterEpoch(0, List.of(first, new float[] {0.23f}))).isTrue();
        float[] above = {0.5f};
        assertThat(s.afterEpoch(10, List.of(above))).isFalse(); // epoch ≥ final epoch
        assertThat(s.afterEpoch(9, List.of(above))).isTrue();
        assertThat(above[0]).isEqualTo(0.5f * (float) s.alpha());
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new SigmaSchedule(0, 10)).isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> new SigmaSchedule(12, 0)).isInstanceOf(UserInputException.class).hasMessageContaining("final epoch");
    }
}
