package org.delays4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.delays4j.io.SafeTensors.Tensor;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        int[][] shapes = {{3, 4, 1}, {5}, {}, {0, 7}, {2, 3}};
        String[] names = {"layers.0.dcls.weight", "layers.0.bn.running_mean", "optim.step", "empty", "z.last"};
        for (int i = 0; i < shapes.length; i++) {
            int n = Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
            float[] d = new float[n];
            for (int k = 0; k < n; k++) d[k] = (float) rng.nextGaussian();
            m.put(names[i], new Tensor(shapes[i], d));
        }
        m.get("z.last").data()[0] = Float.NaN; // NaN must survive bit for bit
        return m;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void roundTripKeepsNamesShapesValuesOrderAndMetadata(long seed) throws Exception {
        Map<String, Tensor> in = sample(seed);
        Map<String, String> meta = Map.of("format", "delays4j-checkpoint", "config", "{\"a\": [1, 2]}\n\"quoted\"");
        Path f = dir.resolve("x.safetensors");
        SafeTensors.write(f, in, meta);

        SafeTensors.Contents c = SafeTensors.read(f);
        assertThat(c.tensors().keySet()).containsExactlyElementsOf(in.keySet());
        for (var e : in.entrySet()) {
            Tensor got = c.tensors().get(e.getKey());
            assertThat(got.shape()).isEqualTo(e.getValue().shape());
            assertThat(floatBits(got.data())).isEqualTo(floatBits(e.getValue().data()));
        }
        assertThat(c.metadata()).isEqualTo(meta);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.safetensors");
        }
    }

    private static int[] floatBits(float[] f) {
        return IntStream.range(0, f.length).map(i -> Float.floatToRawIntBits(f[i])).toArray();
    }

    /** The layout other readers (Python's safetensors) rely on, checked byte by byte. */
    @Test
    void layoutFollowsTheSafetensorsSpecification() throws Exception {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("a", new Tensor(new int[] {2}, new float[] {1.5f, -2f}));
        in.put("b", new Tensor(new int[] {1, 1}, new float[] {3f}));
        byte[] bytes = SafeTensors.encode(in, Map.of("k", "v"));
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        assertThat(n % 8).isZero();
        JsonNode h = Json.mapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip());
        assertThat(h.get("__metadata__").get("k").asText()).isEqualTo("v");
        assertThat(h.get("a").get("dtype").asText()).isEqualTo("F32");
        assertThat(h.get("b").get("shape").toString()).isEqualTo("[1,1]");
        int base = 8 + (int) n;
        for (String name : new String[] {"a", "b"}) {
            long begin = h.get(name).get("data_offsets").get(0).asLong();
            float[] want = in.get(name).data();
            for (int i = 0; i < want.length; i++) assertThat(buf.getFloat(base + (int) begin + 4 * i)).isEqualTo(want[i]);
        }
        assertThat(bytes.length).isEqualTo(base + 4 * 3);
    }

    @Test
    void everyTruncationIsRejectedWithTheFileName() throws Exception {
        byte[] good = SafeTensors.encode(sample(7), Map.of("m", "1"));
        Path f = dir.resolve("cut.safetensors");
        for (int len = 0; len < good.length; len += Math.max(1, good.length / 97)) {
            Files.write(f, Arrays.copyOf(good, len));
            assertThatThrownBy(() -> SafeTensors.read(f))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageContaining(f.toString());
        }
    }

    private byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}|8|needs 8 bytes",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}|4|overlapping",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}|8|holed",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}|12|trailing",
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}|8|F32 tensors only",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}|4|invalid dimension",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}|4|data_offsets",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}|4|unknown field",
        "{\"__metadata__\":{\"k\":3}}|0|not a string",
        "{\"a\":1,\"a\":2}|0|not valid JSON",
        "[1,2]|0|not a JSON object",
        "{\"a\":{|0|not valid JSON",
    })
    void malformedHeadersAreRejectedWithAReason(String spec) throws Exception {
        String[] p = spec.split("\\|");
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, withHeader(p[0], Integer.parseInt(p[1])));
        assertThatThrownBy(() -> SafeTensors.read(f))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(p[2]);
    }

    @Test
    void absurdHeaderLengthIsRejected() throws Exception {
        Path f = dir.resolve("huge.safetensors");
        byte[] b = new byte[64];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(-5L);
        Files.write(f, b);
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(UserInputException.class).hasMessageContaining("header length");
    }

    @Test
    void missingFileIsAUserError() {
        Path f = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(UserInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void requireChecksPresenceAndShape() throws Exception {
        Path f = dir.resolve("r.safetensors");
        SafeTensors.write(f, sample(3), Map.of());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertThat(c.require("layers.0.dcls.weight", 3, 4, 1).data()).hasSize(12);
        assertThatThrownBy(() -> c.require("layers.0.dcls.weight", 4, 3, 1)).isInstanceOf(UserInputException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> c.require("layers.9.x", 1)).isInstanceOf(UserInputException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> c.requireMeta("config")).isInstanceOf(UserInputException.class).hasMessageContaining("config");
    }
}
