package org.delays4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.delays4j.data.download.DatasetSource;
import org.delays4j.data.download.Downloader;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delays4j download {shd,ssc,gsc,fsdd} --dir DIR}: fetch a public dataset from its official source. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download a public dataset from its official source, resumably, and verify it:",
            "  shd   Spiking Heidelberg Digits (zenkelab.org; MD5 from its md5sums.txt)",
            "  ssc   Spiking Speech Commands (zenkelab.org; MD5 from its md5sums.txt)",
            "  gsc   Google Speech Commands v0.02 (download.tensorflow.org; SHA-256), unpacked",
            "  fsdd  Free Spoken Digit Dataset v1.0.10 (GitHub archive; no published checksum), unpacked",
            "An interrupted download resumes when the same command is run again."})
public final class DownloadCommand implements Callable<Integer> {
    /** System property giving a mirror (or test server) base URL, as {@code --base-url} does. */
    public static final String BASE_URL_PROPERTY = "delays4j.download.baseUrl";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "shd, ssc, gsc or fsdd.")
    String dataset;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to download into (created if needed).")
    Path dir;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Fetch every file from URL/<file name> instead of the official location (a mirror). Default: the system property "
                    + BASE_URL_PROPERTY + " if set.")
    String baseUrl;

    @Option(names = "--no-extract", description = "Keep .tar.gz archives (gsc, fsdd) packed.")
    boolean noExtract;

    @Option(names = "--timeout-s", paramLabel = "S", description = "Connection timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutS = 30;

    @Override
    public Integer call() throws IOException {
        if (timeoutS < 1) throw new UserInputException("--timeout-s: must be >= 1 second, got " + timeoutS);
        String base = baseUrl != null ? baseUrl : System.getProperty(BASE_URL_PROPERTY);
        DatasetSource source = DatasetSource.of(dataset, base);
        PrintWriter out = spec.commandLine().getOut();
        new Downloader(out, Duration.ofSeconds(timeoutS), !noExtract).fetch(source, dir);
        out.println(source.note());
        out.flush();
        return 0;
    }
}
