package org.delays4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delays4j.core.Seq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static RunReport sample() {
        Seq s = Seq.zeros(5, 2, 3);
        s.data()[s.index(1, 0, 2)] = 1f;
        s.data()[s.index(4, 0, 0)] = 2f;
        s.data()[s.index(3, 1, 1)] = 1f; // other sample: not in the raster of b = 0
        return new RunReport("demo <run>")
                .summary("test_acc", 0.97)
                .epochs(List.of(new RunReport.Epoch(0, 2.0, 0.3, 2.1, 0.25, 12),
                        new RunReport.Epoch(1, 1.0, 0.8, Double.NaN, 0.7, 6)))
                .delays("layer 0", new double[] {0, 0, 3, 24}, 24)
                .raster("input", Raster.of(s, 0));
    }

    @Test
    void rasterHoldsTheSampleEventsOnly() {
        Seq s = Seq.zeros(5, 2, 3);
        s.data()[s.index(1, 0, 2)] = 1f;
        s.data()[s.index(3, 1, 1)] = 1f;
        Raster r = Raster.of(s, 0);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.times()).containsExactly(1);
        assertThat(r.channels()).containsExactly(2);
    }

    @Test
    void pageHasEveryFigureAndEscapesText() {
        RunReport rep = sample();
        String html = rep.toHtml();
        assertThat(rep.figureIds()).containsExactly("loss", "accuracy", "sigma", "delays-layer-0", "raster-input");
        for (String id : rep.figureIds()) assertThat(html).contains("<svg id=\"" + id + "\"");
        assertThat(html).contains("demo &lt;run&gt;").doesNotContain("demo <run>");
        assertThat(html).doesNotContain("NaN").doesNotContain("<script");
    }

    @Test
    void histogramBarsCountEveryValue() {
        String svg = Svg.histogram("h", "t", "x", new double[] {0, 0, 3, 24, 24, 24}, 25, -0.5, 24.5);
        Matcher m = Pattern.compile("<title>(\\d+)</title></rect>").matcher(svg);
        int total = 0, bars = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
            bars++;
        }
        assertThat(bars).isEqualTo(25);
        assertThat(total).isEqualTo(6);
    }

    @Test
    void writesAtomically(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("report.html");
        sample().write(f);
        assertThat(Files.readString(f)).startsWith("<!DOCTYPE html>");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f); // no temp file left behind
        }
    }
}
