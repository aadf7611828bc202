package org.delays4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * Statistics of a directory of recordings ({@link AudioCorpus}: FSDD or GSC layout) for
 * {@code delays4j data info}: files, classes, speakers, sample rates and durations. Durations come
 * from the WAV headers only, so even GSC's 105 829 files are summarised in seconds.
 *
 * @param layout FSDD or GSC
 * @param files number of recordings
 * @param classNames class names, index = label
 * @param classCounts recordings per class
 * @param speakers distinct speakers
 * @param sampleRates the sample rates found (Hz)
 * @param seconds recording length: min, mean, median, max
 * @param splits how the conventional split divides the files (e.g. "train 2700, test 300")
 */
public record AudioStats(AudioCorpus.Layout layout, int files, java.util.List<String> classNames, int[] classCounts, int speakers,
                         Set<Integer> sampleRates, SpikeStats.Summary seconds, String splits) {

    /** Scans {@code dir} ({@link AudioCorpus#scan}) and reads every WAV header. */
    public static AudioStats of(Path dir) {
        AudioCorpus c = AudioCorpus.scan(dir);
        int n = c.size();
        double[] secs = new double[n];
        int[] rates = new int[n];
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                Path f = c.files().get(i);
                try {
                    AudioFileFormat fmt = AudioSystem.getAudioFileFormat(f.toFile());
                    rates[i] = Math.round(fmt.getFormat().getSampleRate());
                    secs[i] = fmt.getFrameLength() / (double) fmt.getFormat().getSampleRate();
                } catch (UnsupportedAudioFileException | IOException e) {
                    throw new UserInputException(f + ": not a readable WAV file (" + e.getMessage() + "); remove or convert it", e);
                }
            }
        });
        int[] counts = new int[c.classes().size()];
        for (int l : c.labels()) counts[l]++;
        Set<Integer> rateSet = new TreeSet<>();
        for (int r : rates) rateSet.add(r);
        return new AudioStats(c.layout(), n, c.classes(), counts, c.speakerNames().size(), rateSet, SpikeStats.Summary.of(secs), splits(c));
    }

    private static String splits(AudioCorpus c) {
        if (c.layout() == AudioCorpus.Layout.FSDD) {
            int test = 0;
            for (int i = 0; i < c.size(); i++) if (FsddSplit.of(c.fsddIndex(i)) == FsddSplit.TEST) test++;
            return "train " + (c.size() - test) + ", test " + test + " (repetitions 0-" + (FsddSplit.TEST_END - 1) + " are test)";
        }
        Path v = c.root().resolve(GscDataset.VALIDATION_LIST), t = c.root().resolve(GscDataset.TESTING_LIST);
        if (!Files.exists(v) || !Files.exists(t)) return "no " + GscDataset.VALIDATION_LIST + " / " + GscDataset.TESTING_LIST + " here";
        try {
            Set<String> val = Set.copyOf(Files.readAllLines(v).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
            Set<String> test = Set.copyOf(Files.readAllLines(t).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
            int nv = 0, nt = 0;
            for (String k : c.keys()) {
                if (val.contains(k)) nv++;
                else if (test.contains(k)) nt++;
            }
            return "train " + (c.size() - nv - nt) + ", validation " + nv + ", test " + nt;
        } catch (IOException e) {
            throw new UserInputException(c.root() + ": cannot read the split lists (" + e.getMessage() + ")", e);
        }
    }

    /** A human-readable multi-line report. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "layout             %s audio%n", layout));
        sb.append(String.format(Locale.ROOT, "recordings         %d%n", files));
        String per = classCounts.length <= 12 ? Arrays.toString(classCounts).replaceAll("[\\[\\]]", "")
                : "min " + Arrays.stream(classCounts).min().orElse(0) + ", max " + Arrays.stream(classCounts).max().orElse(0);
        sb.append(String.format(Locale.ROOT, "classes            %d (recordings per class: %s)%n", classNames.size(), per));
        sb.append(String.format(Locale.ROOT, "speakers           %d%n", speakers));
        sb.append(String.format(Locale.ROOT, "sample rate (Hz)   %s%n", sampleRates.toString().replaceAll("[\\[\\]]", "")));
        sb.append(String.format(Locale.ROOT, "duration (s)       %s  (min / mean / median / max)%n", seconds.format("%.3f")));
        sb.append(String.format(Locale.ROOT, "split              %s%n", splits));
        return sb.toString();
    }
}
