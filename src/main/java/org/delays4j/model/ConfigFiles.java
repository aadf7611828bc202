package org.delays4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.delays4j.io.Json;
import org.delays4j.util.Labelled;
import org.delays4j.util.UserInputException;

/**
 * Reads run configurations from JSON or YAML. A file may be partial: it is merged key by key over
 * a base (a preset), so {@code {"training": {"epochs": 5}}} changes only the epochs. Unknown keys,
 * wrong types and invalid values are {@link UserInputException}s naming the file and the key.
 */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** The tree of a {@code .json}, {@code .yaml} or {@code .yml} file. */
    public static JsonNode readTree(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper m;
        if (name.endsWith(".json")) m = Json.strictMapper();
        else if (name.endsWith(".yaml") || name.endsWith(".yml")) m = Json.yamlMapper();
        else throw new UserInputException(file + ": unknown config format; name it *.json, *.yaml or *.yml");
        JsonNode tree;
        try {
            tree = m.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such config file");
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not valid " + (m == Json.strictMapper() ? "JSON" : "YAML") + " (" + oneLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) throw new UserInputException(file + ": a config must be an object with data/model/training sections");
        return tree;
    }

    /** {@code overlay} merged into a copy of {@code base}: objects key by key, everything else replaced. */
    public static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode b) || !(overlay instanceof ObjectNode o)) return overlay.deepCopy();
        ObjectNode out = b.deepCopy();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode old = out.get(e.getKey());
            out.set(e.getKey(), old == null ? e.getValue().deepCopy() : merge(old, e.getValue()));
        }
        return out;
    }

    /** Maps and validates a tree; {@code source} names it in messages (a file, a preset, a checkpoint). */
    public static RunConfig fromTree(JsonNode tree, String source) {
        RunConfig c;
        try {
            c = Json.strictMapper().treeToValue(tree, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(source + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": " + oneLine(e.getMessage()));
        }
        if (c == null) throw new UserInputException(source + ": empty config");
        try {
            return c.validate();
        } catch (UserInputException e) {
            throw new UserInputException(source + ": " + e.getMessage(), e);
        }
    }

    /** Parses a JSON string (such as a checkpoint's metadata entry). */
    public static RunConfig fromJson(String json, String source) {
        try {
            return fromTree(Json.strictMapper().readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new UserInputException(source + ": config is not valid JSON (" + oneLine(e.getOriginalMessage()) + ")");
        }
    }

    /** The config as indented JSON with snake_case keys (what {@link #fromJson} reads back). */
    public static String toJson(RunConfig c) {
        return Json.pretty(c);
    }

    /** The config as a tree. */
    public static JsonNode toTree(RunConfig c) {
        return Json.mapper().valueToTree(c);
    }

    /** {@code preset} with the file {@code overlay} (may be null) merged over it. */
    public static RunConfig load(String preset, Path overlay) {
        JsonNode base = Presets.tree(preset);
        if (overlay == null) return fromTree(base, "preset " + preset);
        return fromTree(merge(base, readTree(overlay)), overlay.toString());
    }

    private static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : "; valid keys here: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + path + "'" + known;
        }
        if (e instanceof MismatchedInputException mi && !(e.getCause() instanceof IllegalArgumentException)) {
            return (path.isEmpty() ? "the file" : path) + ": expected " + expected(mi.getTargetType());
        }
        Throwable cause = e.getCause();
        String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return (path.isEmpty() ? "" : path + ": ") + oneLine(why);
    }

    private static String expected(Class<?> type) {
        if (type == null) return "another value";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (type == double.class || type == Double.class) return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (type.isEnum() && Labelled.class.isAssignableFrom(type)) return "one of its labels";
        return "an object with " + type.getSimpleName().replace("Config", "").toLowerCase(Locale.ROOT) + " settings";
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        int cut = s.indexOf('\n');
        String line = (cut < 0 ? s : s.substring(0, cut)).strip();
        int at = line.indexOf(" at [Source");
        return at < 0 ? line : line.substring(0, at);
    }
}
