package org.delays4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Access to the reference's golden files under {@code ../shared/golden} (or the directory named
 * by the system property {@code delays4j.shared}). Tests skip, with a message saying where they
 * looked, when the directory is absent. Numbers are never copied into code: they are read here.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /** The shared directory (holding {@code golden/} and {@code data/}), or skips the test. */
    public static Path shared() {
        String p = System.getProperty("delays4j.shared");
        Path dir = p != null ? Path.of(p) : Path.of("..", "shared");
        assumeTrue(Files.isDirectory(dir),
                "shared directory not found at " + dir.toAbsolutePath() + ": golden/data tests skipped");
        return dir;
    }

    /** The golden directory, or skips the test. */
    public static Path dir() {
        Path g = shared().resolve("golden");
        assumeTrue(Files.isDirectory(g), "golden directory not found at " + g.toAbsolutePath() + ": golden tests skipped");
        return g;
    }

    /** Golden files whose names match a glob such as {@code dcls1d_*.json}, sorted; skips if none. */
    public static List<Path> files(String glob) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), glob)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        assumeTrue(!out.isEmpty(), "no golden file matches " + glob);
        return out;
    }

    /** Parses a JSON file. */
    public static JsonNode load(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case of a golden file ({@code cases} array), each paired with its file name for display. */
    public static List<Case> cases(String glob) {
        List<Case> out = new ArrayList<>();
        for (Path f : files(glob)) {
            JsonNode root = load(f);
            for (JsonNode c : root.get("cases")) {
                out.add(new Case(f.getFileName() + ":" + c.get("name").asText(), c, root));
            }
        }
        return out;
    }

    /** One golden case: its display name, its JSON, and the whole file's JSON. */
    public record Case(String name, JsonNode json, JsonNode file) {
        public Tensor tensor(String field) {
            return Golden.tensor(json, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A float64 tensor of a golden file: shape and flat row-major data. */
    public record Tensor(int[] shape, double[] data) {
        public int size() {
            return data.length;
        }

        public float[] toFloat() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
            return f;
        }
    }

    /** Reads {@code node.field} as a tensor ({@code {"shape":…, "data":…}}). */
    public static Tensor tensor(JsonNode node, String field) {
        JsonNode t = node.get(field);
        if (t == null || !t.has("data")) throw new IllegalArgumentException("golden field '" + field + "' is not a tensor");
        JsonNode sh = t.get("shape"), d = t.get("data");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = sh.get(i).asInt();
        double[] data = new double[d.size()];
        for (int i = 0; i < data.length; i++) data[i] = d.get(i).asDouble();
        return new Tensor(shape, data);
    }

    /** ‖got − ref‖₂ / ‖ref‖₂ (or ‖got‖ when ref is all zero). */
    public static double relErr(double[] ref, double[] got) {
        if (ref.length != got.length) throw new AssertionError("length " + got.length + " != reference length " + ref.length);
        double num = 0, den = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = got[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    /** {@link #relErr(double[], double[])} for float32 results. */
    public static double relErr(double[] ref, float[] got) {
        return relErr(ref, widen(got));
    }

    /** {@link #relErr(double[], double[])} of two float32 arrays (a fast path against the plain one). */
    public static double relErr(float[] ref, float[] got) {
        return relErr(widen(ref), widen(got));
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) d[i] = f[i];
        return d;
    }
}
