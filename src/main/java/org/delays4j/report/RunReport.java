package org.delays4j.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delays4j.util.AtomicFiles;

/**
 * The report of one training run as a single self-contained HTML page: learning curves (loss and
 * accuracy, train and validation), σ over epochs, a histogram of learned delays per layer, and
 * rasters of the input and hidden layers for one sample. Inline SVG only (no scripts, no network),
 * so it opens anywhere and renders headless.
 */
public final class RunReport {
    /** One epoch of metrics (NaN where a value is absent). */
    public record Epoch(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double sigma) {}

    private final String title;
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<Epoch> epochs = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private final List<String> figureIds = new ArrayList<>();

    public RunReport(String title) {
        this.title = title;
    }

    /** Adds a key/value line to the summary table (config, final accuracies, wall time). */
    public RunReport summary(String key, Object value) {
        summary.put(key, String.valueOf(value));
        return this;
    }

    /** Sets the per-epoch metrics behind the learning-curve and σ figures. */
    public RunReport epochs(List<Epoch> rows) {
        epochs.clear();
        epochs.addAll(rows);
        return this;
    }

    /** Adds the histogram of one layer's delays, in time steps on [0, maxDelay]. */
    public RunReport delays(String layer, double[] delaySteps, int maxDelay) {
        return figure("delays-" + slug(layer), Svg.histogram("delays-" + slug(layer), "Learned delays: " + layer,
                "delay (time steps)", delaySteps, maxDelay + 1, -0.5, maxDelay + 0.5));
    }

    /** Adds a raster figure (input or a hidden layer of one sample). */
    public RunReport raster(String name, Raster r) {
        return figure("raster-" + slug(name), Svg.raster("raster-" + slug(name), "Spikes: " + name + " (" + r.size() + " events)", r));
    }

    private RunReport figure(String id, String svg) {
        figureIds.add(id);
        figures.add(svg);
        return this;
    }

    /** The ids of every figure the page holds, in order (for tests and render checks). */
    public List<String> figureIds() {
        List<String> ids = new ArrayList<>();
        if (!epochs.isEmpty()) ids.addAll(List.of("loss", "accuracy", "sigma"));
        ids.addAll(figureIds);
        return ids;
    }

    private static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private String curves() {
        int n = epochs.size();
        double[] x = new double[n], tl = new double[n], vl = new double[n], ta = new double[n], va = new double[n], sg = new double[n];
        for (int i = 0; i < n; i++) {
            Epoch e = epochs.get(i);
            x[i] = e.epoch();
            tl[i] = e.trainLoss();
            vl[i] = e.valLoss();
            ta[i] = 100 * e.trainAcc();
            va[i] = 100 * e.valAcc();
            sg[i] = e.sigma();
        }
        return Svg.lineChart("loss", "Loss", "epoch", "cross-entropy",
                        List.of(new Svg.Series("train", x, tl, Svg.color(0)), new Svg.Series("validation", x, vl, Svg.color(1))))
                + Svg.lineChart("accuracy", "Accuracy", "epoch", "accuracy (%)",
                        List.of(new Svg.Series("train", x, ta, Svg.color(0)), new Svg.Series("validation", x, va, Svg.color(1))))
                + Svg.lineChart("sigma", "DCLS width σ", "epoch", "σ (time steps)",
                        List.of(new Svg.Series("σ", x, sg, Svg.color(2))));
    }

    /** The whole page. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}"
                        + "td{border:1px solid #ccc;padding:3px 8px}.figs{display:flex;flex-wrap:wrap;gap:12px}"
                        + "svg.figure{border:1px solid #eee}</style></head><body>\n");
        sb.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
        if (!summary.isEmpty()) {
            sb.append("<table id=\"summary\">");
            summary.forEach((k, v) -> sb.append("<tr><td>").append(Svg.esc(k)).append("</td><td>").append(Svg.esc(v)).append("</td></tr>"));
            sb.append("</table>\n");
        }
        if (!epochs.isEmpty()) sb.append("<h2>Learning curves</h2><div class=\"figs\">").append(curves()).append("</div>\n");
        if (!figures.isEmpty()) {
            sb.append("<h2>Delays and spikes</h2><div class=\"figs\">");
            figures.forEach(sb::append);
            sb.append("</div>\n");
        }
        sb.append("<p><small>Generated by Delays4j.</small></p></body></html>\n");
        return sb.toString();
    }

    /** Writes the page atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toHtml());
    }
}
