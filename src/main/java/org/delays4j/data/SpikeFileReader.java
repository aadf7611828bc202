package org.delays4j.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delays4j.util.UserInputException;

/**
 * Reads spike files into a {@link SpikeDataset}. Two layouts (docs/data-format.md):
 * <ul>
 *   <li><b>Heidelberg</b> (SHD/SSC as published, h5py or PyTables): {@code spikes/times} and
 *       {@code spikes/units} are variable-length arrays, one entry per sample;</li>
 *   <li><b>flat</b> ({@link SpikeDatasetWriter}): {@code spikes/times}, {@code spikes/units} are
 *       1-D arrays of all spikes and {@code spikes/offsets} (S + 1 entries) delimits the samples.</li>
 * </ul>
 * Both have {@code labels} and optionally {@code extra/speaker}, {@code extra/keys}. Each
 * variable-length sample is copied into the flat arrays and dropped, so the peak is the flat
 * arrays plus one column of jhdf's per-sample arrays.
 */
final class SpikeFileReader {
    private SpikeFileReader() {}

    static SpikeDataset read(Path file, int channelsOverride) throws IOException {
        Hdf5.init();
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": no such file (give an SHD/SSC .h5 or .h5.gz file; 'delays4j download shd --dir DIR' fetches them)");
        }
        if (Files.isDirectory(file)) throw new UserInputException(file + ": is a directory, expected an .h5 or .h5.gz spike file");
        if (channelsOverride < 0 || channelsOverride > SpikeDataset.MAX_CHANNELS) {
            throw new UserInputException("channels: must be 0 (from the file) or 1.." + SpikeDataset.MAX_CHANNELS + ", got " + channelsOverride);
        }
        try (HdfFile h = Hdf5.open(file)) {
            return read(h, file, channelsOverride);
        } catch (UserInputException e) {
            throw e;
        } catch (EOFException e) {
            throw truncated(file, e);
        } catch (IOException | UncheckedIOException e) {
            if (e instanceof java.util.zip.ZipException || e.getCause() instanceof EOFException) throw truncated(file, e);
            throw e;
        } catch (RuntimeException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof EOFException || c instanceof java.util.zip.ZipException) throw truncated(file, e);
            }
            // jhdf reports a damaged file through assorted runtime exceptions (HdfException,
            // buffer underflows, bad indices): all of them mean the bytes are not a readable HDF5 file.
            throw new UserInputException(file + ": not a readable HDF5 file (" + oneLine(e)
                    + "); it may be truncated or corrupt: download it again or regenerate it", e);
        }
    }

    private static UserInputException truncated(Path file, Exception e) {
        return new UserInputException(file + ": the file ends early (truncated download?) (" + oneLine(e)
                + "); download it again ('delays4j download ... --dir DIR' resumes and verifies)", e);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' ').strip());
    }

    private static SpikeDataset read(HdfFile h, Path file, int channelsOverride) {
        int version = Hdf5.intAttribute(h, SpikeDatasetWriter.VERSION_ATTRIBUTE, 1, file);
        if (version > 1) {
            throw new UserInputException(file + ": written in delays4j spike format version " + version
                    + ", this build reads version 1; use a newer delays4j");
        }
        Dataset times = Hdf5.required(h, "spikes/times", file);
        Dataset units = Hdf5.required(h, "spikes/units", file);
        Dataset labelsDs = Hdf5.required(h, "labels", file);
        int channels = channelsOverride > 0 ? channelsOverride : Hdf5.intAttribute(h, SpikeDatasetWriter.CHANNELS_ATTRIBUTE, SpikeDataset.HEIDELBERG_CHANNELS, file);

        Flat flat = times.isVariableLength() ? readRagged(times, units, file) : readFlat(h, times, units, file);
        int S = flat.offsets.length - 1;
        int[] labels = Hdf5.ints(Hdf5.data1d(labelsDs, "labels", file), "labels", 0, Integer.MAX_VALUE, file);
        if (labels.length != S) {
            throw new UserInputException(file + ": labels has " + labels.length + " entries but spikes/times has " + S + " samples");
        }
        int[] speakers = null;
        Dataset sp = Hdf5.optional(h, "extra/speaker", file);
        if (sp != null) {
            speakers = Hdf5.ints(Hdf5.data1d(sp, "extra/speaker", file), "extra/speaker", 0, Integer.MAX_VALUE, file);
            if (speakers.length != S) {
                throw new UserInputException(file + ": extra/speaker has " + speakers.length + " entries but spikes/times has " + S + " samples");
            }
        }
        List<String> names = List.of();
        Dataset keys = Hdf5.optional(h, "extra/keys", file);
        if (keys != null && Hdf5.data1d(keys, "extra/keys", file) instanceof String[] k) names = List.of(k);
        if (S == 0) throw new UserInputException(file + ": spikes/times holds no samples");
        int classes = Hdf5.intAttribute(h, SpikeDatasetWriter.CLASSES_ATTRIBUTE, 0, file);
        return new SpikeDataset(flat.times, flat.units, flat.offsets, labels, speakers, channels, classes, names, file.toString());
    }

    private record Flat(float[] times, char[] units, int[] offsets) {}

    /** Heidelberg layout: one variable-length array per sample in each of times and units. */
    private static Flat readRagged(Dataset timesDs, Dataset unitsDs, Path file) {
        if (!unitsDs.isVariableLength()) {
            throw new UserInputException(file + ": spikes/times is variable-length but spikes/units is not; both must hold one array per sample");
        }
        Object[] t = (Object[]) Hdf5.data1d(timesDs, "spikes/times", file);
        int S = t.length;
        int[] offsets = new int[S + 1];
        long total = 0;
        for (int i = 0; i < S; i++) {
            total += java.lang.reflect.Array.getLength(t[i]);
            if (total > Integer.MAX_VALUE - 16) throw new UserInputException(file + ": more than 2^31 spikes do not fit in memory as one dataset");
            offsets[i + 1] = (int) total;
        }
        float[] times = new float[(int) total];
        for (int i = 0; i < S; i++) {
            switch (t[i]) {
                case float[] a -> System.arraycopy(a, 0, times, offsets[i], a.length);
                case double[] a -> { for (int k = 0; k < a.length; k++) times[offsets[i] + k] = (float) a[k]; }
                default -> throw new UserInputException(file + ": spikes/times must hold floating-point seconds, found " + Hdf5.describe(t[i]));
            }
            t[i] = null; // let the per-sample copy go as we go
        }
        t = null;
        Object[] u = (Object[]) Hdf5.data1d(unitsDs, "spikes/units", file);
        if (u.length != S) {
            throw new UserInputException(file + ": spikes/units has " + u.length + " samples but spikes/times has " + S);
        }
        char[] units = new char[(int) total];
        for (int i = 0; i < S; i++) {
            int n = java.lang.reflect.Array.getLength(u[i]);
            if (n != offsets[i + 1] - offsets[i]) {
                throw new UserInputException(file + ": sample " + i + " has " + n + " entries in spikes/units but "
                        + (offsets[i + 1] - offsets[i]) + " in spikes/times; each spike needs a time and a unit");
            }
            copyUnits(u[i], units, offsets[i], file, "spikes/units sample " + i);
            u[i] = null;
        }
        return new Flat(times, units, offsets);
    }

    /** Flat layout: all spikes in 1-D arrays, {@code spikes/offsets} delimiting the samples. */
    private static Flat readFlat(HdfFile h, Dataset timesDs, Dataset unitsDs, Path file) {
        Dataset offDs = Hdf5.optional(h, "spikes/offsets", file);
        if (offDs == null) {
            throw new UserInputException(file + ": spikes/times is a plain array but spikes/offsets is missing (expected the SHD"
                    + " layout with variable-length arrays, or the flat layout with offsets; see docs/data-format.md)");
        }
        Object td = Hdf5.data1d(timesDs, "spikes/times", file);
        float[] times = switch (td) {
            case float[] a -> a;
            case double[] a -> { float[] f = new float[a.length]; for (int k = 0; k < a.length; k++) f[k] = (float) a[k]; yield f; }
            default -> throw new UserInputException(file + ": spikes/times must hold floating-point seconds, found " + Hdf5.describe(td));
        };
        Object ud = Hdf5.data1d(unitsDs, "spikes/units", file);
        int n = java.lang.reflect.Array.getLength(ud);
        if (n != times.length) {
            throw new UserInputException(file + ": spikes/units has " + n + " entries but spikes/times has " + times.length + "; each spike needs a time and a unit");
        }
        char[] units = new char[n];
        copyUnits(ud, units, 0, file, "spikes/units");
        int[] offsets = Hdf5.ints(Hdf5.data1d(offDs, "spikes/offsets", file), "spikes/offsets", 0, times.length, file);
        if (offsets.length < 1) throw new UserInputException(file + ": spikes/offsets is empty; it needs samples + 1 entries");
        return new Flat(times, units, offsets);
    }

    /** Copies integer units into {@code dst[at..]}, checking they fit uint16. */
    private static void copyUnits(Object src, char[] dst, int at, Path file, String field) {
        switch (src) {
            case int[] a -> {
                for (int k = 0; k < a.length; k++) {
                    if ((a[k] & ~0xFFFF) != 0) throw badUnit(file, field, k, a[k]);
                    dst[at + k] = (char) a[k];
                }
            }
            case short[] a -> {
                for (int k = 0; k < a.length; k++) {
                    if (a[k] < 0) throw badUnit(file, field, k, a[k]);
                    dst[at + k] = (char) a[k];
                }
            }
            case byte[] a -> {
                for (int k = 0; k < a.length; k++) {
                    if (a[k] < 0) throw badUnit(file, field, k, a[k]);
                    dst[at + k] = (char) a[k];
                }
            }
            case long[] a -> {
                for (int k = 0; k < a.length; k++) {
                    if ((a[k] & ~0xFFFFL) != 0) throw badUnit(file, field, k, a[k]);
                    dst[at + k] = (char) a[k];
                }
            }
            default -> throw new UserInputException(file + ": " + field + " must hold integer unit numbers, found " + Hdf5.describe(src));
        }
    }

    private static UserInputException badUnit(Path file, String field, int k, long v) {
        return new UserInputException(file + ": " + field + " spike " + k + " has the unit " + v + ", outside 0..65535");
    }
}
