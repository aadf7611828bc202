package org.delays4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.delays4j.data.AudioStats;
import org.delays4j.data.Binning;
import org.delays4j.data.SpikeDataset;
import org.delays4j.data.SpikeReadBenchmark;
import org.delays4j.data.SpikeStats;
import org.delays4j.data.SyntheticSpikes;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delays4j data info FILE|DIR}: statistics of spike files; {@code --bench} times reading an SHD-sized file. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Statistics of a spike dataset (.h5 / .h5.gz, SHD/SSC or delays4j layout) or of every spike file in a directory:",
            "samples, classes, durations, spikes per sample, and the input density after binning.",
            "A directory of recordings (FSDD or GSC layout) gets audio statistics: classes, speakers, rates, durations, split.",
            "With --bench: time reading and binning a synthetic SHD-sized file instead."})
public final class DataInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|DIR", description = "A spike file, or a directory searched (2 levels) for *.h5 and *.h5.gz.")
    Path path;

    @Option(names = "--dt-ms", paramLabel = "MS", description = "Bin width in milliseconds (default: ${DEFAULT-VALUE}).")
    double dtMs = 10;

    @Option(names = "--group", paramLabel = "N", description = "Units summed into one input channel (default: ${DEFAULT-VALUE}).")
    int group = 5;

    @Option(names = "--frames", paramLabel = "N", description = "Fixed frames per sample, 0 = each sample's own length (default: ${DEFAULT-VALUE}).")
    int frames = 0;

    @Option(names = "--channels", paramLabel = "N", description = "Channel count, overriding the file (0 = the file's, else 700).")
    int channels = 0;

    @Option(names = "--bench", description = "Time reading + binning a synthetic SHD-sized file written to a temporary directory.")
    boolean bench;

    @Option(names = "--bench-samples", paramLabel = "N", description = "Samples of the synthetic file (default: ${DEFAULT-VALUE}, SHD train).")
    int benchSamples = SyntheticSpikes.SHD_TRAIN_SAMPLES;

    @Option(names = "--bench-spikes", paramLabel = "N", description = "Mean spikes per sample of the synthetic file (default: ${DEFAULT-VALUE}).")
    int benchSpikes = 7000;

    @Option(names = "--bench-compress", description = "Write the synthetic file compressed (shuffle + deflate).")
    boolean benchCompress;

    @Option(names = "--tmp", paramLabel = "DIR", description = "Where --bench writes its temporary file (default: the system temp directory).")
    Path tmp;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (bench) {
            if (benchSamples < 1 || benchSpikes < 1) throw new UserInputException("--bench-samples and --bench-spikes must be >= 1");
            Path parent = tmp != null ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
            if (!Files.isDirectory(parent)) throw new UserInputException("--tmp " + parent + ": not a directory");
            out.print(SpikeReadBenchmark.run(parent, benchSamples, benchSpikes, benchCompress).report());
            out.flush();
            return 0;
        }
        if (path == null) throw new UserInputException("data info: give a spike file or directory (or --bench); see 'delays4j data info --help'");
        Binning binning = new Binning(dtMs / 1000, group, frames);
        if (!Files.exists(path)) throw new UserInputException(path + ": no such file or directory");
        List<Path> files = Files.isDirectory(path) ? spikeFiles(path) : List.of(path);
        if (Files.isDirectory(path)) {
            long wavs = countWavs(path);
            if (files.isEmpty() && wavs == 0) {
                throw new UserInputException(path + ": no spike files (*.h5, *.h5.gz) or WAV files found (searched 2 levels deep)");
            }
            if (wavs > 0) {
                try {
                    AudioStats a = AudioStats.of(path);
                    out.printf(Locale.ROOT, "%s (recordings)%n", path);
                    out.print(a.report());
                    out.println();
                } catch (UserInputException e) {
                    if (files.isEmpty()) throw e;
                    // spike files are what was asked for: the WAVs beside them are only noted
                    out.printf(Locale.ROOT, "note: %d WAV files not summarised (%s)%n", wavs, e.getMessage());
                }
            }
        }
        for (Path f : files) {
            long t0 = System.nanoTime();
            SpikeDataset ds = SpikeDataset.read(f, channels);
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%s (read in %.2f s)%n", f, secs);
            if (!ds.classNames().isEmpty()) out.printf(Locale.ROOT, "class names        %s%n", String.join(", ", ds.classNames()));
            out.print(SpikeStats.of(ds, binning).report().indent(0));
            out.println();
        }
        out.flush();
        return 0;
    }

    private static List<Path> spikeFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".h5") || n.endsWith(".h5.gz") || n.endsWith(".hdf5");
            }).sorted().forEach(out::add);
        }
        return out;
    }

    private static long countWavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).count();
        }
    }
}
