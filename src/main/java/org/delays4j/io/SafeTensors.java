package org.delays4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length N, N bytes of JSON header
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}}
 * (padded with spaces to a multiple of 8), then the raw little-endian tensor bytes, offsets being
 * relative to the end of the header.
 *
 * <p>Only {@code F32} tensors are written and read (that is what Delays4j computes with). Reading
 * is strict: a truncated, overlapping, holed or otherwise malformed file is a
 * {@link UserInputException} naming the file and the defect, never a partial result.
 */
public final class SafeTensors {
    /** Upper bound on the JSON header, as in the reference implementation (100 MB). */
    static final long MAX_HEADER = 100L << 20;
    private static final String METADATA = "__metadata__";

    private SafeTensors() {}

    /** A float32 tensor: its shape and its row-major values. */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            shape = shape.clone();
            long n = 1;
            for (int s : shape) {
                if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
            }
        }

        /** A rank-1 tensor over {@code data} (not copied). */
        public static Tensor vector(float... data) {
            return new Tensor(new int[] {data.length}, data);
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** The content of a file: tensors in file-header order, and the string metadata. */
    public record Contents(Path source, Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The named tensor with the expected shape, or a {@link UserInputException} naming the file. */
        public Tensor require(String name, int... shape) {
            Tensor t = tensors.get(name);
            if (t == null) throw new UserInputException(source + ": tensor '" + name + "' is missing; is this a Delays4j checkpoint of the same model?");
            if (!Arrays.equals(t.shape, shape)) {
                throw new UserInputException(source + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape)
                        + ", the model needs " + Arrays.toString(shape) + "; the checkpoint belongs to a different configuration");
            }
            return t;
        }

        /** A metadata entry, or a {@link UserInputException} naming the file. */
        public String requireMeta(String key) {
            String v = metadata.get(key);
            if (v == null) throw new UserInputException(source + ": metadata entry '" + key + "' is missing; is this a Delays4j checkpoint?");
            return v;
        }
    }

    /** Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file} atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = encode(tensors, metadata);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The bytes of a safetensors file. */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = Json.mapper().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach((k, v) -> meta.put(k, v));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA)) throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            ObjectNode t = header.putObject(name);
            t.put("dtype", "F32");
            ArrayNode sh = t.putArray("shape");
            for (int s : e.getValue().shape) sh.add(s);
            long end = offset + 4L * e.getValue().data.length;
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) & ~7; // align the data on 8 bytes, as the reference writer does
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("checkpoint too large for one array: " + total + " bytes");
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded);
        buf.put(json);
        for (int i = json.length; i < padded; i++) buf.put((byte) ' ');
        // asFloatBuffer() views buf from its position without advancing it: advance by hand.
        for (Tensor t : tensors.values()) {
            buf.asFloatBuffer().put(t.data);
            buf.position(buf.position() + 4 * t.data.length);
        }
        return buf.array();
    }

    /** Reads and validates a file; every defect is a {@link UserInputException} naming it. */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file; give the path of a .safetensors checkpoint");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file);
    }

    /** Decodes the bytes of a file named {@code source} (for messages). */
    public static Contents decode(byte[] bytes, Path source) {
        String where = String.valueOf(source);
        if (bytes.length < 8) throw corrupt(where, "only " + bytes.length + " bytes, too short for a safetensors header");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
            throw corrupt(where, "header length " + Long.toUnsignedString(n) + " does not fit the file size " + bytes.length + " (truncated or not a safetensors file)");
        }
        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - (long) dataStart;
        JsonNode header;
        try {
            String text = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
            if (!text.startsWith("{")) throw corrupt(where, "header is not a JSON object");
            header = Json.strictMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw corrupt(where, "header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) throw corrupt(where, "header is not a JSON object");

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                if (!e.getValue().isObject()) throw corrupt(where, "__metadata__ is not an object");
                for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                    if (!m.getValue().isTextual()) throw corrupt(where, "__metadata__." + m.getKey() + " is not a string");
                    metadata.put(m.getKey(), m.getValue().asText());
                }
            } else {
                entries.add(entry(where, e.getKey(), e.getValue()));
            }
        }
        // The data section must be covered exactly, with neither holes nor overlaps.
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin));
        long expect = 0;
        for (Entry e : byOffset) {
            if (e.begin != expect) throw corrupt(where, "tensor '" + e.name + "' starts at byte " + e.begin + ", expected " + expect + " (overlapping or holed data)");
            expect = e.end;
        }
        if (expect != dataLength) {
            throw corrupt(where, "tensor data covers " + expect + " bytes but the file holds " + dataLength + " after the header (truncated or trailing garbage)");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            float[] data = new float[(int) ((e.end - e.begin) / 4)];
            ByteBuffer.wrap(bytes, dataStart + (int) e.begin, (int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            tensors.put(e.name, new Tensor(e.shape, data));
        }
        return new Contents(source, tensors, metadata);
    }

    private record Entry(String name, int[] shape, long begin, long end) {}

    private static Entry entry(String where, String name, JsonNode t) {
        String what = "tensor '" + name + "'";
        if (!t.isObject()) throw corrupt(where, what + " is not an object");
        for (Map.Entry<String, JsonNode> f : t.properties()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(f.getKey())) throw corrupt(where, what + " has an unknown field '" + f.getKey() + "'");
        }
        JsonNode dtype = t.get("dtype"), shape = t.get("shape"), offsets = t.get("data_offsets");
        if (dtype == null || !dtype.isTextual()) throw corrupt(where, what + " has no dtype");
        if (!dtype.asText().equals("F32")) {
            throw new UserInputException(where + ": " + what + " has dtype " + dtype.asText() + "; Delays4j reads F32 tensors only (convert with tensor.float())");
        }
        if (shape == null || !shape.isArray()) throw corrupt(where, what + " has no shape array");
        int[] sh = new int[shape.size()];
        long numel = 1;
        for (int i = 0; i < sh.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) throw corrupt(where, what + " has an invalid dimension " + d);
            sh[i] = d.asInt();
            numel *= sh[i];
            if (numel > Integer.MAX_VALUE) throw corrupt(where, what + " is too large");
        }
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw corrupt(where, what + " has no [begin, end] data_offsets");
        }
        long begin = offsets.get(0).asLong(), end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) throw corrupt(where, what + " has invalid data_offsets [" + begin + ", " + end + "]");
        if (end - begin != 4 * numel) {
            throw corrupt(where, what + " of shape " + Arrays.toString(sh) + " needs " + 4 * numel + " bytes, its offsets span " + (end - begin));
        }
        return new Entry(name, sh, begin, end);
    }

    private static UserInputException corrupt(String where, String what) {
        return new UserInputException(where + ": corrupt safetensors file: " + what);
    }
}
