package org.delays4j.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.delays4j.util.Labelled;

/**
 * The shared Jackson mappers. {@link #mapper()} is lenient and writes compact JSON;
 * {@link #strictMapper()} and {@link #yamlMapper()} reject duplicate keys, unknown properties and
 * explicit nulls for numbers, which is what configuration files and checkpoint headers need.
 * All three read and write {@link Labelled} enums by their labels ({@code "fixed-delays"}), so
 * the enums need no Jackson annotations; an unknown label is an {@link IllegalArgumentException}
 * that lists the valid ones.
 */
public final class Json {
    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(labels())
            .build();
    private static final ObjectMapper STRICT = strict(JsonMapper.builder().addModule(labels()).build());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder().addModule(labels()).build());

    private Json() {}

    private static ObjectMapper strict(ObjectMapper m) {
        return m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Reads and writes every {@link Labelled} enum by its {@link Labelled#label()}. */
    private static Module labels() {
        JsonSerializer<Labelled> write = new JsonSerializer<>() {
            @Override
            public void serialize(Labelled v, com.fasterxml.jackson.core.JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.label());
            }
        };
        return new SimpleModule("labelled-enums") {
            @Override
            public void setupModule(SetupContext ctx) {
                ctx.addSerializers(new Serializers.Base() {
                    @Override
                    public JsonSerializer<?> findSerializer(SerializationConfig c, JavaType type, BeanDescription d) {
                        return Labelled.class.isAssignableFrom(type.getRawClass()) ? write : null;
                    }
                });
                ctx.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig c, BeanDescription d) {
                        return Labelled.class.isAssignableFrom(type) ? reader(type) : null;
                    }
                });
            }
        };
    }

    private static JsonDeserializer<Object> reader(Class<?> type) {
        return new JsonDeserializer<>() {
            @Override
            public Object deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                for (Object e : type.getEnumConstants()) {
                    if (((Labelled) e).label().equals(text)) return e;
                }
                @SuppressWarnings("unchecked")
                String valid = Labelled.labels((Class<? extends Labelled>) type);
                throw new IllegalArgumentException("unknown value '" + (text == null ? p.getText() : text) + "'; use one of " + valid);
            }
        };
    }

    /** A lenient mapper for writing (compact output) and for free-form trees. */
    public static ObjectMapper mapper() {
        return PLAIN;
    }

    /** A JSON mapper that rejects duplicate keys, unknown properties and nulls for primitives. */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    /** The YAML counterpart of {@link #strictMapper()}. */
    public static ObjectMapper yamlMapper() {
        return YAML;
    }

    /** {@code value} as one line of compact JSON. */
    public static String line(Object value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as indented JSON (for files people read, such as a run's config.json). */
    public static String pretty(Object value) {
        try {
            return PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
