package org.delays4j.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shared Jackson mappers. {@link #mapper()} is lenient and writes compact JSON;
 * {@link #strictMapper()} and {@link #yamlMapper()} reject duplicate keys, unknown properties and
 * explicit nulls for numbers, which is what configuration files and checkpoint headers need.
 */
public final class Json {
    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static final ObjectMapper STRICT = strict(JsonMapper.builder().build());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder().build());

    private Json() {}

    private static ObjectMapper strict(ObjectMapper m) {
        return m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
