package org.delays4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.delays4j.util.UserInputException;

/**
 * A directory of labelled recordings, listed (not read): the Free Spoken Digit Dataset layout
 * ({@code {digit}_{speaker}_{index}.wav} files, labels 0-9) or the Google Speech Commands layout
 * ({@code word/*.wav}, one directory per class, classes sorted by name, speaker = the hash before
 * {@code _nohash_}). Files are in sorted order, so indices are stable.
 *
 * @param root     the directory scanned (for FSDD, the one holding the WAV files)
 * @param layout   which naming scheme
 * @param files    the recordings, sorted by relative path
 * @param keys     relative paths with '/' separators ({@code word/name.wav} for GSC, the name for FSDD)
 * @param labels   class index per file
 * @param speakers speaker name per file
 * @param classes  class names, index = label
 */
public record AudioCorpus(Path root, Layout layout, List<Path> files, List<String> keys, int[] labels,
                          List<String> speakers, List<String> classes) {
    /** The two directory layouts understood. */
    public enum Layout { FSDD, GSC }

    private static final Pattern FSDD_NAME = Pattern.compile("(\\d)_([^_/]+)_(\\d+)\\.wav");
    private static final String NOHASH = "_nohash_";
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Number of recordings. */
    public int size() {
        return files.size();
    }

    /** The FSDD repetition index of file i (the last number of its name). */
    public int fsddIndex(int i) {
        Matcher m = FSDD_NAME.matcher(files.get(i).getFileName().toString());
        if (layout != Layout.FSDD || !m.matches()) throw new IllegalStateException("not an FSDD file: " + files.get(i));
        return Integer.parseInt(m.group(3));
    }

    /** Speaker names, sorted, so a speaker's id is its index here. */
    public List<String> speakerNames() {
        return speakers.stream().distinct().sorted().toList();
    }

    /** Scans {@code dir}, detecting the layout: WAV files in it → FSDD; word directories of WAVs → GSC. */
    public static AudioCorpus scan(Path dir) {
        checkDirectory(dir);
        if (!wavs(dir).isEmpty()) return scanFsdd(dir);
        Path recordings = dir.resolve("recordings");
        if (Files.isDirectory(recordings) && !wavs(recordings).isEmpty()
                && FSDD_NAME.matcher(wavs(recordings).getFirst().getFileName().toString()).matches()) {
            return scanFsdd(recordings); // the FSDD repository's own layout
        }
        if (!classDirectories(dir).isEmpty()) return scanGsc(dir);
        throw new UserInputException(dir + ": no WAV files found; expected FSDD-style {digit}_{speaker}_{index}.wav files"
                + " or GSC-style word/*.wav directories");
    }

    /** Scans an FSDD directory: every {@code .wav} in it must be named {@code {digit}_{speaker}_{index}.wav}. */
    public static AudioCorpus scanFsdd(Path dir) {
        checkDirectory(dir);
        List<Path> files = wavs(dir);
        if (files.isEmpty()) {
            throw new UserInputException(dir + ": no .wav files; expected FSDD recordings named {digit}_{speaker}_{index}.wav");
        }
        List<String> keys = new ArrayList<>(), speakers = new ArrayList<>();
        int[] labels = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            Matcher m = FSDD_NAME.matcher(name);
            if (!m.matches()) {
                throw new UserInputException(files.get(i) + ": not an FSDD file name; expected {digit}_{speaker}_{index}.wav"
                        + " such as 3_jackson_12.wav (rename or remove it)");
            }
            keys.add(name);
            labels[i] = m.group(1).charAt(0) - '0';
            speakers.add(m.group(2));
        }
        return new AudioCorpus(dir, Layout.FSDD, files, List.copyOf(keys), labels, List.copyOf(speakers), DIGITS);
    }

    /**
     * Scans a GSC directory: each sub-directory holding WAV files is a class (names sorted; the
     * {@code _background_noise_} directory and other names starting with '_' or '.' are skipped).
     */
    public static AudioCorpus scanGsc(Path dir) {
        checkDirectory(dir);
        List<Path> classDirs = classDirectories(dir);
        if (classDirs.isEmpty()) {
            throw new UserInputException(dir + ": no word directories with .wav files; expected the Speech Commands layout"
                    + " word/*.wav (e.g. yes/0a7c2a8d_nohash_0.wav)");
        }
        List<Path> files = new ArrayList<>();
        List<String> keys = new ArrayList<>(), speakers = new ArrayList<>(), classes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path cd : classDirs) {
            String word = cd.getFileName().toString();
            int label = classes.size();
            classes.add(word);
            for (Path f : wavs(cd)) {
                String name = f.getFileName().toString();
                int h = name.indexOf(NOHASH);
                if (h <= 0) {
                    throw new UserInputException(f + ": not a Speech Commands file name; expected {speaker hash}_nohash_{n}.wav"
                            + " such as 0a7c2a8d_nohash_0.wav (rename or remove it)");
                }
                files.add(f);
                keys.add(word + "/" + name);
                speakers.add(name.substring(0, h));
                labels.add(label);
            }
        }
        return new AudioCorpus(dir, Layout.GSC, List.copyOf(files), List.copyOf(keys),
                labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(speakers), List.copyOf(classes));
    }

    private static void checkDirectory(Path dir) {
        if (!Files.exists(dir)) throw new UserInputException(dir + ": no such directory (check the path)");
        if (!Files.isDirectory(dir)) throw new UserInputException(dir + ": not a directory; pass the directory holding the recordings");
    }

    /** The {@code .wav} files directly in {@code dir}, sorted by name. */
    private static List<Path> wavs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> classDirectories(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(p -> {
                String n = p.getFileName().toString();
                if (!n.startsWith("_") && !n.startsWith(".") && !wavs(p).isEmpty()) out.put(n, p);
            });
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        return List.copyOf(out.values());
    }
}
