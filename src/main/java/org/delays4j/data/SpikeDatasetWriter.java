package org.delays4j.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * Writes a {@link SpikeDataset} as an HDF5 file in the <b>flat layout</b> (docs/data-format.md):
 * the SHD groups and names ({@code spikes/times}, {@code spikes/units}, {@code labels},
 * {@code extra/speaker}, {@code extra/keys}) with the spikes as 1-D arrays plus
 * {@code spikes/offsets}, because jhdf cannot write variable-length data. {@link SpikeDataset#read}
 * reads it back; h5py reads it too.
 *
 * <p>The file appears atomically (temporary sibling, then rename). A name ending in {@code .gz}
 * is gzipped as a whole, like the published {@code shd_train.h5.gz}.
 */
public final class SpikeDatasetWriter {
    /** Value of the root attribute {@value #FORMAT_ATTRIBUTE} in flat files. */
    public static final String FORMAT = "delays4j-flat-spikes";
    /** Root attribute naming the layout. */
    public static final String FORMAT_ATTRIBUTE = "delays4j_format";
    /** Root attribute holding the layout version (1). */
    public static final String VERSION_ATTRIBUTE = "delays4j_format_version";
    /** Root attribute holding the channel count (units are 0..channels-1). */
    public static final String CHANNELS_ATTRIBUTE = "channels";

    /**
     * Options. {@code compress}: chunked arrays with shuffle + deflate (smaller, slower to read);
     * off by default because an uncompressed SHD-sized file reads several times faster.
     */
    public record Options(boolean compress) {
        public static final Options DEFAULT = new Options(false);
    }

    /** Root attribute holding the class count (labels are 0..classes-1). */
    public static final String CLASSES_ATTRIBUTE = "classes";

    private static final int CHUNK = 1 << 20;

    private SpikeDatasetWriter() {}

    /** Writes {@code ds} to {@code file} with the default options. */
    public static void write(Path file, SpikeDataset ds) throws IOException {
        write(file, ds, Options.DEFAULT);
    }

    /**
     * Writes {@code ds} to {@code file} (replacing it).
     *
     * @throws UserInputException when the dataset has no samples or no spikes (HDF5 writing through
     *     jhdf cannot store empty arrays), or the parent directory cannot be created
     */
    public static void write(Path file, SpikeDataset ds, Options options) throws IOException {
        Hdf5.init();
        if (ds.size() == 0 || ds.totalSpikes() == 0) {
            throw new UserInputException(file + ": nothing to write: the dataset has " + ds.size() + " samples and "
                    + ds.totalSpikes() + " spikes (a spike file needs at least one spike)");
        }
        Path target = file.toAbsolutePath();
        boolean gzip = target.getFileName().toString().endsWith(".gz");
        Path tmp = AtomicFiles.tempSibling(target, ".h5.tmp");
        try {
            writeHdf5(tmp, ds, options);
            if (gzip) {
                AtomicFiles.write(target, out -> {
                    try (InputStream in = Files.newInputStream(tmp);
                         GZIPOutputStream gz = new GZIPOutputStream(nonClosing(out), 1 << 16)) {
                        in.transferTo(gz);
                    }
                });
            } else {
                AtomicFiles.commit(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeHdf5(Path path, SpikeDataset ds, Options options) {
        int chunk = Math.min(CHUNK, ds.totalSpikes()); // jhdf wants chunks no larger than the array
        DatasetCreationOptions plain = options.compress()
                ? DatasetCreationOptions.builder().chunkDimensions(chunk).shuffle().deflate(4).build()
                : DatasetCreationOptions.DEFAULT;
        DatasetCreationOptions unsigned = options.compress()
                ? DatasetCreationOptions.builder().unsigned().chunkDimensions(chunk).shuffle().deflate(4).build()
                : DatasetCreationOptions.builder().unsigned().build();
        int S = ds.size();
        try (WritableHdfFile h = HdfFile.write(path)) {
            h.putAttribute(FORMAT_ATTRIBUTE, FORMAT);
            h.putAttribute(VERSION_ATTRIBUTE, 1);
            h.putAttribute(CHANNELS_ATTRIBUTE, ds.channels());
            h.putAttribute(CLASSES_ATTRIBUTE, ds.classes());
            WritableGroup spikes = h.putGroup("spikes");
            spikes.putDataset("times", ds.times, plain);
            short[] units = new short[ds.units.length];
            for (int k = 0; k < units.length; k++) units[k] = (short) ds.units[k];
            spikes.putDataset("units", units, unsigned);
            long[] offsets = new long[S + 1];
            for (int i = 0; i <= S; i++) offsets[i] = ds.offsets[i];
            spikes.putDataset("offsets", offsets);
            putIntegers(h, "labels", ds.labels);
            if (ds.hasSpeakers() || !ds.classNames().isEmpty()) {
                WritableGroup extra = h.putGroup("extra");
                if (ds.hasSpeakers()) putIntegers(extra, "speaker", ds.speakers);
                if (!ds.classNames().isEmpty()) extra.putDataset("keys", ds.classNames().toArray(String[]::new));
            }
        }
    }

    /** uint16 when every value fits (as SHD stores labels), else int32. */
    private static void putIntegers(WritableGroup g, String name, int[] values) {
        boolean fits = true;
        for (int v : values) fits &= v >= 0 && v <= 0xFFFF;
        if (fits) {
            short[] s = new short[values.length];
            for (int i = 0; i < s.length; i++) s[i] = (short) values[i];
            g.putDataset(name, s, DatasetCreationOptions.builder().unsigned().build());
        } else {
            g.putDataset(name, values.clone());
        }
    }

    private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // AtomicFiles closes the real stream after syncing it
            }
        };
    }
}
