package org.delays4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.delays4j.audio.CochlearEncoder;
import org.delays4j.audio.Progress;
import org.delays4j.core.Parallel;
import org.delays4j.data.AudioCorpus;
import org.delays4j.data.AudioSpikes;
import org.delays4j.data.SpikeDataset;
import org.delays4j.data.SpikeDatasetWriter;
import org.delays4j.util.Check;
import org.delays4j.util.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delays4j encode}: a directory of recordings → an SHD-style spike file through the
 * cochlear encoder (docs/encoder.md), with labels, class names and speaker ids from the file names.
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode a directory of recordings into spikes with the cochlear model and write an SHD-style HDF5 file.",
            "DIR is FSDD-style ({digit}_{speaker}_{index}.wav) or Speech Commands-style (word/*.wav): detected.",
            "Speaker ids are the speakers' names in sorted order."})
public final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--audio", required = true, paramLabel = "DIR", description = "Directory of WAV recordings (mono 16-bit PCM).")
    Path audio;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "Spike file to write (.h5, or .h5.gz to gzip it); replaced atomically.")
    Path out;

    @Option(names = "--channels", paramLabel = "N", description = "Cochlear channels (default: ${DEFAULT-VALUE}, as SHD).")
    int channels = CochlearEncoder.Config.defaults().channels();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--level-dbfs", paramLabel = "DB", description = "Scale each recording to this RMS level, dB re full scale (default: ${DEFAULT-VALUE}).")
    double levelDbfs = CochlearEncoder.Config.defaults().levelDbfs();

    @Option(names = "--keep-level", description = "Keep the recorded level instead (louder recordings give more spikes).")
    boolean keepLevel;

    @Option(names = "--gain", paramLabel = "G", description = "Hair-cell → LIF gain; raises the spike count steeply (default: ${DEFAULT-VALUE}).")
    double gain = CochlearEncoder.Config.defaults().gain();

    @Option(names = "--compress", description = "Chunked shuffle+deflate arrays (smaller, slower to read).")
    boolean compress;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (threads != null) {
            Check.that(threads >= 1, "--threads", "must be >= 1, got " + threads);
            Parallel.setThreads(threads);
        }
        if (Files.isDirectory(out)) throw new UserInputException(out + ": is a directory; --out needs a file name such as spikes.h5");
        CochlearEncoder.Config d = CochlearEncoder.Config.defaults();
        Check.finite(levelDbfs, "--level-dbfs");
        CochlearEncoder encoder = new CochlearEncoder(new CochlearEncoder.Config(channels, d.fMin(), d.fMaxFraction(),
                keepLevel ? Double.NaN : levelDbfs, gain, d.tauMs(), d.refractoryMs()));

        long t0 = System.nanoTime();
        AudioCorpus corpus = AudioCorpus.scan(audio);
        err.printf(Locale.ROOT, "delays4j: encoding %d %s recordings from %s (%d classes, %d speakers) on %d threads%n",
                corpus.size(), corpus.layout(), corpus.root(), corpus.classes().size(), corpus.speakerNames().size(), Parallel.threads());
        err.flush();
        SpikeDataset ds = AudioSpikes.encode(corpus, encoder, progress(err));
        double encodeSeconds = (System.nanoTime() - t0) / 1e9;
        SpikeDatasetWriter.write(out, ds, new SpikeDatasetWriter.Options(compress));
        double totalSeconds = (System.nanoTime() - t0) / 1e9;

        long spikes = ds.totalSpikes();
        o.printf(Locale.ROOT, "wrote %s: %d samples, %d spikes (%.0f per sample), %d channels, %d classes, %d speakers%n",
                out, ds.size(), spikes, (double) spikes / ds.size(), ds.channels(), ds.classes(), corpus.speakerNames().size());
        List<String> names = corpus.speakerNames();
        StringBuilder sb = new StringBuilder("speaker ids:");
        for (int i = 0; i < Math.min(8, names.size()); i++) sb.append(' ').append(i).append('=').append(names.get(i));
        if (names.size() > 8) sb.append(" ... (").append(names.size()).append(" in sorted order)");
        o.println(sb);
        o.printf(Locale.ROOT, "time: %.1f s (encoding %.1f s, %.1f ms per recording)%n", totalSeconds, encodeSeconds,
                1000 * encodeSeconds / ds.size());
        o.flush();
        return 0;
    }

    /** One line per 10 % (or a carriage-return counter on a terminal), from whichever worker finishes. */
    private static Progress progress(PrintWriter err) {
        boolean tty = System.getenv("DELAYS4J_TTY") != null;
        int[] lastDecile = {0};
        return (done, total) -> {
            synchronized (lastDecile) {
                int decile = (int) (10L * done / total);
                if (tty && (done % 50 == 0 || done == total)) {
                    err.printf(Locale.ROOT, "\rencoded %d/%d", done, total);
                    if (done == total) err.println();
                    err.flush();
                } else if (!tty && decile > lastDecile[0]) {
                    lastDecile[0] = decile;
                    err.printf(Locale.ROOT, "encoded %d/%d%n", done, total);
                    err.flush();
                }
            }
        };
    }
}
