package org.delays4j.data;

import java.util.Arrays;
import java.util.Locale;
import org.delays4j.core.Parallel;

/**
 * Summary statistics of a {@link SpikeDataset} and of its binned view (what {@code delays4j data
 * info} prints): sizes, class balance, durations, spikes per sample, and the density of the
 * network's input after binning (the fraction of frame cells holding at least one spike).
 *
 * @param samples number of samples
 * @param classes number of classes
 * @param channels units before grouping
 * @param speakers distinct speakers, or 0 when unknown
 * @param classCounts samples per class
 * @param duration latest spike time per sample (seconds): min, mean, median, max
 * @param spikes spikes per sample: min, mean, median, max
 * @param totalSpikes all spikes
 * @param emptySamples samples without a spike
 * @param binning how the input density was measured
 * @param binnedChannels channels after grouping
 * @param frames frames per sample: min, mean, median, max
 * @param density non-zero cells / all cells over every sample's frames
 * @param meanNonZero mean count in a non-zero cell
 */
public record SpikeStats(int samples, int classes, int channels, int speakers, int[] classCounts,
                         Summary duration, Summary spikes, long totalSpikes, int emptySamples,
                         Binning binning, int binnedChannels, Summary frames, double density, double meanNonZero) {

    /** Min, mean, median and max of a list of values. */
    public record Summary(double min, double mean, double median, double max) {
        static Summary of(double[] v) {
            if (v.length == 0) return new Summary(0, 0, 0, 0);
            double[] s = v.clone();
            Arrays.sort(s);
            double sum = 0;
            for (double x : s) sum += x;
            int n = s.length;
            double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
            return new Summary(s[0], sum / n, med, s[n - 1]);
        }

        /** "min / mean / median / max" with the given format per value. */
        public String format(String f) {
            return String.format(Locale.ROOT, f + " / " + f + " / " + f + " / " + f, min, mean, median, max);
        }
    }

    /** Computes the statistics; the binning pass runs over samples in parallel (integer sums, so deterministic). */
    public static SpikeStats of(SpikeDataset ds, Binning binning) {
        int n = ds.size();
        double[] dur = new double[n], spk = new double[n], len = new double[n];
        int[] counts = new int[ds.classes()];
        int empty = 0;
        java.util.Set<Integer> spkIds = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            dur[i] = ds.duration(i);
            spk[i] = ds.spikeCount(i);
            counts[ds.label(i)]++;
            if (ds.spikeCount(i) == 0) empty++;
            if (ds.hasSpeakers()) spkIds.add(ds.speaker(i));
        }
        Dataset view = ds.binned(binning);
        int C = view.channels();
        for (int i = 0; i < n; i++) len[i] = view.length(i);
        int chunks = Parallel.chunks(n);
        long[] nonZero = new long[chunks], cells = new long[chunks];
        Parallel.forRange(n, (chunk, from, to) -> {
            float[] buf = new float[0];
            long nz = 0, all = 0;
            for (int i = from; i < to; i++) {
                int size = view.length(i) * C;
                if (buf.length < size) buf = new float[size];
                view.frames(i, buf, 0, C);
                for (int k = 0; k < size; k++) if (buf[k] != 0) nz++;
                all += size;
            }
            nonZero[chunk] = nz;
            cells[chunk] = all;
        });
        long nz = 0, all = 0;
        for (int c = 0; c < chunks; c++) {
            nz += nonZero[c];
            all += cells[c];
        }
        // Every spike lands in a cell unless a fixed frame count cut it off; count those that did.
        long binnedSpikes = 0;
        for (int i = 0; i < n; i++) {
            for (int k = ds.start(i); k < ds.end(i); k++) if (binning.frame(ds.time(k)) < view.length(i)) binnedSpikes++;
        }
        return new SpikeStats(n, ds.classes(), ds.channels(), spkIds.size(), counts, Summary.of(dur), Summary.of(spk),
                ds.totalSpikes(), empty, binning, C, Summary.of(len), all == 0 ? 0 : nz / (double) all,
                nz == 0 ? 0 : binnedSpikes / (double) nz);
    }

    /** A human-readable multi-line report. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "samples            %d%n", samples));
        sb.append(String.format(Locale.ROOT, "classes            %d (samples per class: %s)%n", classes, classBalance()));
        sb.append(String.format(Locale.ROOT, "channels           %d%n", channels));
        sb.append(String.format(Locale.ROOT, "speakers           %s%n", speakers == 0 ? "unknown" : Integer.toString(speakers)));
        sb.append(String.format(Locale.ROOT, "duration (s)       %s  (min / mean / median / max, latest spike)%n", duration.format("%.3f")));
        sb.append(String.format(Locale.ROOT, "spikes per sample  %s  (total %d)%n", spikes.format("%.0f"), totalSpikes));
        if (emptySamples > 0) sb.append(String.format(Locale.ROOT, "empty samples      %d (one empty frame each)%n", emptySamples));
        sb.append(String.format(Locale.ROOT, "binned             dt %s ms, %d unit(s) per channel -> %d channels%s%n",
                trim(binning.dtSeconds() * 1000), binning.groupSize(), binnedChannels,
                binning.frames() > 0 ? ", " + binning.frames() + " frames fixed" : ""));
        sb.append(String.format(Locale.ROOT, "frames per sample  %s%n", frames.format("%.0f")));
        sb.append(String.format(Locale.ROOT, "input density      %.2f %% of cells non-zero, %.2f spikes per non-zero cell%n",
                100 * density, meanNonZero));
        return sb.toString();
    }

    private String classBalance() {
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int c : classCounts) {
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        if (classCounts.length <= 12) return Arrays.toString(classCounts).replaceAll("[\\[\\]]", "");
        return "min " + lo + ", max " + hi;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
