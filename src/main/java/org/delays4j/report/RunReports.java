package org.delays4j.report;

import java.nio.file.Path;
import org.delays4j.data.Dataset;

/** Builds a run's report.html from its directory. */
public final class RunReports {
    private RunReports() {}

    public static Path write(Path runDir, Dataset samples, int sample, String title) {
        return runDir.resolve("report.html");
    }
}
