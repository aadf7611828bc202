package org.delays4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark record as one line of JSON (fields in insertion order), for scripts that collect
 * results: {@code new JsonLine().put("op", "gemmNN").put("gflops", 190.2).toString()}.
 */
public final class JsonLine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds a field (a string, number, boolean, null, list or map); a repeated key replaces the value. */
    public JsonLine put(String key, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) value = null; // JSON has no NaN/Infinity
        if (value instanceof Float f && !Float.isFinite(f)) value = null;
        fields.put(key, value);
        return this;
    }

    /** The record as a single line of JSON. */
    @Override
    public String toString() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
