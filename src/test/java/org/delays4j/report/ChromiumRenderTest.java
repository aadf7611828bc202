package org.delays4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.delays4j.core.Seq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a report in headless Chromium through scripts/check-report; skipped where Chromium is absent. */
class ChromiumRenderTest {
    @Test
    void reportRendersWithEveryFigure(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium not installed (apt-get install chromium): render check skipped");
        Seq s = Seq.zeros(20, 1, 4);
        for (int t = 0; t < 20; t += 3) s.data()[s.index(t, 0, t % 4)] = 1f;
        RunReport rep = new RunReport("render check")
                .epochs(List.of(new RunReport.Epoch(0, 2, 0.2, 2.2, 0.2, 12), new RunReport.Epoch(1, 1, 0.6, 1.3, 0.5, 3)))
                .delays("layer 0", new double[] {1, 2, 2, 9}, 24)
                .raster("input", Raster.of(s, 0));
        Path page = dir.resolve("report.html");
        rep.write(page);
        Process p = new ProcessBuilder("bash", "scripts/check-report", page.toString(), String.valueOf(rep.figureIds().size()))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(dir.resolve("report.png")).isNotEmptyFile();
    }
}
