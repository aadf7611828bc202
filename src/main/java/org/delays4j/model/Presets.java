package org.delays4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.delays4j.io.Json;
import org.delays4j.util.UserInputException;

/**
 * The shipped presets, data files under {@code /presets/NAME.json} on the class path: SPEC §3's
 * recipes for SHD, SSC and GSC, a placeholder for FSDD, and the small generated delay task that
 * {@code delays4j train} runs by default.
 */
public final class Presets {
    /** Preset names, in the order the help text lists them. */
    public static final List<String> NAMES = List.of("shd", "ssc", "gsc", "fsdd", "delay-task");
    /** The preset used when none is given. */
    public static final String DEFAULT = "delay-task";

    private Presets() {}

    /** The raw tree of a preset (for merging a partial config file over it). */
    public static JsonNode tree(String name) {
        if (!NAMES.contains(name)) {
            throw new UserInputException("unknown preset '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        try (InputStream in = Presets.class.getResourceAsStream("/presets/" + name + ".json")) {
            if (in == null) throw new IllegalStateException("preset file presets/" + name + ".json missing from the build");
            return Json.strictMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A preset as a validated config. */
    public static RunConfig get(String name) {
        return ConfigFiles.fromTree(tree(name), "preset " + name);
    }
}
