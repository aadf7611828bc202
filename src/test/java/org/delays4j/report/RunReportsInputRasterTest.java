package org.delays4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.delays4j.core.Seq;
import org.junit.jupiter.api.Test;

class RunReportsInputRasterTest {
    @Test
    void spikesAreKeptAsTheyAre() {
        Seq spikes = Seq.zeros(10, 1, 3);
        spikes.data()[spikes.index(2, 0, 1)] = 1;
        spikes.data()[spikes.index(7, 0, 0)] = 1;
        Raster r = RunReports.inputRaster(spikes);
        assertThat(r.times()).containsExactly(2, 7);
        assertThat(r.channels()).containsExactly(1, 0);
        assertThat(RunReports.inputRaster(Seq.zeros(4, 1, 2)).size()).isZero();
    }

    @Test
    void realFeaturesShowTheirLoudestFifth() {
        Seq mel = Seq.zeros(10, 1, 10);
        for (int t = 0; t < 10; t++) for (int c = 0; c < 10; c++) mel.data()[mel.index(t, 0, c)] = 1 + t * 10 + c; // 1..100
        Raster m = RunReports.inputRaster(mel);
        // the 80th percentile is sorted[floor(0.8 * 99)] = 80: values 80..100 stay
        assertThat(m.size()).isEqualTo(21);
        for (int k = 0; k < m.size(); k++) assertThat(1 + 10 * m.times()[k] + m.channels()[k]).isGreaterThanOrEqualTo(80);
    }
}
