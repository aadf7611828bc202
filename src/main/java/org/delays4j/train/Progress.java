package org.delays4j.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress line on stderr: epoch, batches, samples/s, running loss and accuracy, ETA. On a
 * terminal ({@code DELAYS4J_TTY=1}, exported by the launcher) the line is redrawn in place with
 * {@code '\r'} at most ten times a second; otherwise only one line per finished epoch is printed,
 * which keeps logs and CI output clean.
 */
public final class Progress {
    /** Prints nothing. */
    public static final Progress NONE = new Progress(null, false, 0);

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean tty;
    private final int epochs;
    private int epoch, batches;
    private long epochStart, lastDraw, runStart;
    private int lastWidth;
    private double secondsPerEpoch = Double.NaN;

    /** @param out where to write (null: nowhere); @param tty redraw in place; @param epochs total epochs */
    public Progress(PrintWriter out, boolean tty, int epochs) {
        this.out = out;
        this.tty = tty;
        this.epochs = epochs;
        this.runStart = System.nanoTime();
    }

    /** Whether the launcher says stderr is a terminal. */
    public static boolean stderrIsTerminal() {
        return "1".equals(System.getenv("DELAYS4J_TTY"));
    }

    /** Marks the start of an epoch of {@code batches} batches. */
    public void beginEpoch(int epoch, int batches) {
        this.epoch = epoch;
        this.batches = batches;
        this.epochStart = System.nanoTime();
        this.lastDraw = 0;
    }

    /** After each batch: {@code done} batches, {@code running} stats of this epoch so far. */
    public void batch(int done, BatchStats running) {
        if (out == null || !tty) return;
        long now = System.nanoTime();
        if (done < batches && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double sec = (now - epochStart) / 1e9;
        double rate = sec > 0 ? running.count() / sec : 0;
        double epochEta = done > 0 ? sec * (batches - done) / done : Double.NaN;
        double perEpoch = Double.isNaN(secondsPerEpoch) ? (done > 0 ? sec * batches / done : Double.NaN) : secondsPerEpoch;
        double eta = epochEta + perEpoch * (epochs - epoch - 1);
        String line = String.format(Locale.ROOT, "epoch %d/%d %s %d/%d  %.0f samples/s  loss %.4f  acc %.1f%%  ETA %s",
                epoch + 1, epochs, bar(done, batches), done, batches, rate, running.loss(), 100 * running.accuracy(), duration(eta));
        draw(line);
    }

    /** After the epoch's evaluation: one summary line. */
    public void endEpoch(EpochMetrics m, long samples) {
        double sec = m.seconds();
        secondsPerEpoch = Double.isNaN(secondsPerEpoch) ? sec : 0.7 * secondsPerEpoch + 0.3 * sec;
        if (out == null) return;
        double eta = secondsPerEpoch * (epochs - epoch - 1);
        String line = String.format(Locale.ROOT,
                "epoch %d/%d  train loss %.4f acc %.1f%%  val loss %.4f acc %.1f%%  %.0f samples/s  %s  ETA %s",
                m.epoch() + 1, epochs, m.trainLoss(), 100 * m.trainAcc(), m.valLoss(), 100 * m.valAcc(),
                sec > 0 ? samples / sec : 0, duration(sec), duration(eta));
        if (tty) draw(line);
        out.print(tty ? "\n" : line + "\n");
        out.flush();
        lastWidth = 0;
    }

    /** A free-form message on its own line (e.g. "interrupted: checkpoint written"). */
    public void message(String text) {
        if (out == null) return;
        if (tty && lastWidth > 0) out.print("\r" + " ".repeat(lastWidth) + "\r");
        lastWidth = 0;
        out.println(text);
        out.flush();
    }

    /** Seconds since this progress was created. */
    public double elapsedSeconds() {
        return (System.nanoTime() - runStart) / 1e9;
    }

    private void draw(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }

    static String bar(int done, int total) {
        int width = 20, fill = total == 0 ? width : (int) ((long) width * done / total);
        return "[" + "#".repeat(fill) + ".".repeat(width - fill) + "]";
    }

    /** 75 s → "1m15s", 3700 s → "1h01m", NaN → "?". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
