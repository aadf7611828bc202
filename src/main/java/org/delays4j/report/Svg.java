package org.delays4j.report;

import java.util.List;
import java.util.Locale;

/** Plain SVG figures: line charts, histograms and rasters, each a standalone {@code <svg>} element. */
public final class Svg {
    /** One line of a line chart. */
    public record Series(String name, double[] x, double[] y, String color) {}

    static final int W = 520, H = 300, L = 58, R = 16, TOP = 30, BOTTOM = 44;
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private Svg() {}

    /** A colour of the default palette. */
    public static String color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (v == 0) return "0";
        if (a >= 1000 || a < 0.01) return String.format(Locale.ROOT, "%.1e", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static StringBuilder open(String id, String title, String xLabel, String yLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg id=\"").append(esc(id)).append("\" class=\"figure\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.append("<title>").append(esc(title)).append("</title>");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">")
                .append(esc(title)).append("</text>");
        sb.append("<text x=\"").append((L + W - R) / 2).append("\" y=\"").append(H - 6).append("\" text-anchor=\"middle\">")
                .append(esc(xLabel)).append("</text>");
        sb.append("<text transform=\"translate(14,").append((TOP + H - BOTTOM) / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(esc(yLabel)).append("</text>");
        return sb;
    }

    private static void axes(StringBuilder sb, double x0, double x1, double y0, double y1) {
        int pw = W - L - R, ph = H - TOP - BOTTOM;
        sb.append("<rect x=\"").append(L).append("\" y=\"").append(TOP).append("\" width=\"").append(pw).append("\" height=\"")
                .append(ph).append("\" fill=\"none\" stroke=\"#444\"/>");
        for (int k = 0; k <= 4; k++) {
            double fx = k / 4.0;
            double xv = x0 + fx * (x1 - x0), yv = y0 + fx * (y1 - y0);
            double px = L + fx * pw, py = TOP + ph - fx * ph;
            sb.append("<text x=\"").append(f(px)).append("\" y=\"").append(TOP + ph + 14).append("\" text-anchor=\"middle\">")
                    .append(tick(xv)).append("</text>");
            sb.append("<text x=\"").append(L - 4).append("\" y=\"").append(f(py + 4)).append("\" text-anchor=\"end\">")
                    .append(tick(yv)).append("</text>");
            if (k > 0 && k < 4) {
                sb.append("<line x1=\"").append(L).append("\" x2=\"").append(L + pw).append("\" y1=\"").append(f(py)).append("\" y2=\"")
                        .append(f(py)).append("\" stroke=\"#ddd\"/>");
            }
        }
    }

    /** A line chart of several series over a shared x axis; non-finite points are skipped. */
    public static String lineChart(String id, String title, String xLabel, String yLabel, List<Series> series) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || !Double.isFinite(s.x()[i])) continue;
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (x0 > x1) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y1 += 0.5; y0 -= 0.5; }
        double pad = 0.05 * (y1 - y0);
        y0 -= pad;
        y1 += pad;
        StringBuilder sb = open(id, title, xLabel, yLabel);
        axes(sb, x0, x1, y0, y1);
        int pw = W - L - R, ph = H - TOP - BOTTOM;
        int legendY = TOP + 14;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || !Double.isFinite(s.x()[i])) continue;
                double px = L + (s.x()[i] - x0) / (x1 - x0) * pw, py = TOP + ph - (s.y()[i] - y0) / (y1 - y0) * ph;
                pts.append(f(px)).append(',').append(f(py)).append(' ');
            }
            sb.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(s.color())
                    .append("\" points=\"").append(pts.toString().strip()).append("\"/>");
            sb.append("<text x=\"").append(L + pw - 6).append("\" y=\"").append(legendY).append("\" text-anchor=\"end\" fill=\"")
                    .append(s.color()).append("\">").append(esc(s.name())).append("</text>");
            legendY += 14;
        }
        return sb.append("</svg>").toString();
    }

    /** A histogram of {@code values} over {@code bins} equal bins on [lo, hi]. */
    public static String histogram(String id, String title, String xLabel, double[] values, int bins, double lo, double hi) {
        int[] counts = new int[bins];
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            int k = (int) Math.floor((v - lo) / (hi - lo) * bins);
            counts[Math.max(0, Math.min(bins - 1, k))]++;
        }
        int max = 1;
        for (int c : counts) max = Math.max(max, c);
        StringBuilder sb = open(id, title, xLabel, "count");
        axes(sb, lo, hi, 0, max);
        int pw = W - L - R, ph = H - TOP - BOTTOM;
        double bw = (double) pw / bins;
        for (int k = 0; k < bins; k++) {
            double h = (double) counts[k] / max * ph;
            sb.append("<rect class=\"bar\" x=\"").append(f(L + k * bw + 0.5)).append("\" y=\"").append(f(TOP + ph - h))
                    .append("\" width=\"").append(f(Math.max(0.5, bw - 1))).append("\" height=\"").append(f(h))
                    .append("\" fill=\"#1f77b4\"><title>").append(counts[k]).append("</title></rect>");
        }
        return sb.append("</svg>").toString();
    }

    /** A spike raster: a dot per (time step, channel) event. */
    public static String raster(String id, String title, Raster r) {
        StringBuilder sb = open(id, title, "time step", "channel");
        int steps = Math.max(1, r.steps()), channels = Math.max(1, r.channelCount());
        axes(sb, 0, steps, 0, channels);
        int pw = W - L - R, ph = H - TOP - BOTTOM;
        double dw = Math.max(1.0, (double) pw / steps), dh = Math.max(1.0, (double) ph / channels);
        sb.append("<g class=\"spikes\" fill=\"#222\">");
        for (int k = 0; k < r.size(); k++) {
            double px = L + (double) r.times()[k] / steps * pw, py = TOP + ph - (double) (r.channels()[k] + 1) / channels * ph;
            sb.append("<rect x=\"").append(f(px)).append("\" y=\"").append(f(py)).append("\" width=\"").append(f(dw))
                    .append("\" height=\"").append(f(dh)).append("\"/>");
        }
        return sb.append("</g></svg>").toString();
    }
}
