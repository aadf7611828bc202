package org.delays4j.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.filter.FilterManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.delays4j.util.UserInputException;

/** Small helpers over jhdf: opening plain or gzipped files, typed access with file/field messages. */
final class Hdf5 {
    static {
        // Replaces jhdf's shuffle filter before any file is opened (see LenientShuffleFilter).
        FilterManager.addFilter(new LenientShuffleFilter());
    }

    private Hdf5() {}

    /** Makes sure the filter replacement is installed (class initialisation does it). */
    static void init() {
        // the static initialiser above does the work
    }

    /** Whether the file starts with the gzip magic bytes (so the name's extension does not matter). */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Opens a {@code .h5} file, or a gzipped one (jhdf inflates it to a temporary file, deleted on close). */
    static HdfFile open(Path file) throws IOException {
        if (isGzip(file)) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
                return HdfFile.fromInputStream(in);
            }
        }
        return new HdfFile(file);
    }

    /** The dataset at {@code path}, or {@code null} when absent. */
    static Dataset optional(HdfFile h, String path, Path file) {
        Node n = node(h, path);
        if (n == null) return null;
        if (n instanceof Dataset d) return d;
        throw new UserInputException(file + ": " + path + " is a group, expected a dataset");
    }

    /** The dataset at {@code path}, or an error naming the file, the field and the expected layout. */
    static Dataset required(HdfFile h, String path, Path file) {
        Dataset d = optional(h, path, file);
        if (d == null) {
            throw new UserInputException(file + ": missing " + path + " (a spike file needs spikes/times, spikes/units and labels,"
                    + " as in SHD/SSC; see docs/data-format.md)");
        }
        return d;
    }

    private static Node node(HdfFile h, String path) {
        Node cur = h;
        for (String part : path.split("/")) {
            if (!(cur instanceof io.jhdf.api.Group g)) return null;
            cur = g.getChildren().get(part);
            if (cur == null) return null;
        }
        return cur;
    }

    /** An integer attribute of the root group, or {@code def}. */
    static int intAttribute(HdfFile h, String name, int def, Path file) {
        Attribute a = h.getAttributes().get(name);
        if (a == null) return def;
        Object v = a.getData();
        if (v instanceof Number n) return n.intValue();
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 1
                && java.lang.reflect.Array.get(v, 0) instanceof Number n) return n.intValue();
        throw new UserInputException(file + ": attribute '" + name + "' must be an integer, found " + describe(v));
    }

    /** A string attribute of the root group, or {@code null}. */
    static String stringAttribute(HdfFile h, String name) {
        Attribute a = h.getAttributes().get(name);
        if (a == null) return null;
        Object v = a.getData();
        if (v instanceof String s) return s;
        if (v instanceof String[] s && s.length == 1) return s[0];
        return String.valueOf(v);
    }

    /** A 1-D array's data; rejects other ranks with a message naming the field. */
    static Object data1d(Dataset d, String field, Path file) {
        int[] dims = d.getDimensions();
        if (dims.length != 1) {
            throw new UserInputException(file + ": " + field + " must be a 1-D array, found shape " + java.util.Arrays.toString(dims));
        }
        return d.getData();
    }

    /** Widens any integer array to int[], checking the range; floats and strings are rejected. */
    static int[] ints(Object data, String field, long min, long max, Path file) {
        long[] wide = switch (data) {
            case int[] a -> null;
            case long[] a -> a;
            case short[] a -> { long[] w = new long[a.length]; for (int i = 0; i < a.length; i++) w[i] = a[i]; yield w; }
            case byte[] a -> { long[] w = new long[a.length]; for (int i = 0; i < a.length; i++) w[i] = a[i]; yield w; }
            case char[] a -> { long[] w = new long[a.length]; for (int i = 0; i < a.length; i++) w[i] = a[i]; yield w; }
            default -> throw new UserInputException(file + ": " + field + " must hold integers, found " + describe(data));
        };
        if (wide == null) {
            int[] a = (int[]) data;
            for (int i = 0; i < a.length; i++) {
                if (a[i] < min || a[i] > max) throw outside(file, field, i, a[i], min, max);
            }
            return a;
        }
        int[] out = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            if (wide[i] < min || wide[i] > max) throw outside(file, field, i, wide[i], min, max);
            out[i] = (int) wide[i];
        }
        return out;
    }

    private static UserInputException outside(Path file, String field, int i, long v, long min, long max) {
        return new UserInputException(file + ": " + field + "[" + i + "] = " + v + " is outside " + min + ".." + max);
    }

    /** Type of a value for messages ("float[]", "String[]"). */
    static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
