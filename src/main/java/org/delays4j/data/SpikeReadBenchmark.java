package org.delays4j.data;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delays4j.core.Parallel;

/**
 * Times reading and binning an SHD-sized spike file: generates {@link SyntheticSpikes}, writes them
 * with {@link SpikeDatasetWriter} into a temporary directory, then measures
 * {@link SpikeDataset#read} and one binning pass over every sample (10 ms, groups of 5), which is
 * what loading SHD for training costs. Heap is reported as the sum of the heap pools' peak usage
 * during read + bin (an upper bound of the live heap).
 */
public final class SpikeReadBenchmark {
    private SpikeReadBenchmark() {}

    /** What one run measured. Times in seconds, sizes in bytes. */
    public record Result(int samples, long spikes, long fileBytes, double writeSeconds, double readSeconds,
                         double binSeconds, long peakHeapBytes, long maxHeapBytes, boolean compressed) {
        /** One line per figure. */
        public String report() {
            return String.format(java.util.Locale.ROOT,
                    "synthetic SHD-sized file: %d samples, %d spikes, %.0f MB on disk%s (written in %.2f s)%n"
                            + "read      %.2f s%n"
                            + "bin       %.2f s (10 ms, groups of 5, every sample once, %d thread(s))%n"
                            + "read+bin  %.2f s%n"
                            + "heap      %.0f MB peak during read+bin (sum of pool peaks; max heap %.0f MB)%n",
                    samples, spikes, fileBytes / 1e6, compressed ? " compressed" : "", writeSeconds, readSeconds, binSeconds,
                    Parallel.threads(), readSeconds + binSeconds, peakHeapBytes / 1e6, maxHeapBytes / 1e6);
        }
    }

    /** Runs once in a fresh temporary directory under {@code tmpParent} (deleted afterwards). */
    public static Result run(Path tmpParent, int samples, int meanSpikes, boolean compress) throws IOException {
        Path dir = Files.createTempDirectory(tmpParent, "delays4j-bench-");
        Path file = dir.resolve("synthetic_shd.h5");
        try {
            long w0 = System.nanoTime();
            SpikeDataset ds = SyntheticSpikes.shdLike(samples, meanSpikes, 1);
            SpikeDatasetWriter.write(file, ds, new SpikeDatasetWriter.Options(compress));
            double write = (System.nanoTime() - w0) / 1e9;
            long spikes = ds.totalSpikes();
            ds = null; // not part of what is measured
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();

            long t0 = System.nanoTime();
            SpikeDataset back = SpikeDataset.read(file);
            long t1 = System.nanoTime();
            long nonZero = binAll(back.binned(Binning.HEIDELBERG));
            long t2 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            }
            if (nonZero <= 0 || back.totalSpikes() != spikes) throw new IllegalStateException("benchmark read back the wrong data");
            return new Result(samples, spikes, Files.size(file), write, (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak,
                    Runtime.getRuntime().maxMemory(), compress);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Bins every sample once into per-thread scratch frames; returns the non-zero cell count (so nothing is optimised away). */
    static long binAll(Dataset view) {
        int chunks = Parallel.chunks(view.size());
        long[] nz = new long[chunks];
        Parallel.forRange(view.size(), (chunk, from, to) -> {
            float[] buf = new float[0];
            long count = 0;
            for (int i = from; i < to; i++) {
                int size = view.length(i) * view.channels();
                if (buf.length < size) buf = new float[size];
                view.frames(i, buf, 0, view.channels());
                for (int k = 0; k < size; k++) if (buf[k] != 0) count++;
            }
            nz[chunk] = count;
        });
        long sum = 0;
        for (long v : nz) sum += v;
        return sum;
    }
}
