package org.delays4j.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum whose constants are written in configuration files, checkpoints and on the command line
 * by a lower-case label ({@code "fixed-delays"}, {@code "one-cycle"}). The label defaults to the
 * constant's name in lower case with {@code _} as {@code -}; an enum that follows another
 * convention (the reference's {@code spike_count}) overrides {@link #label()}. The JSON/YAML
 * mappers of {@link org.delays4j.io.Json} read and write every {@code Labelled} enum by its labels.
 */
public interface Labelled {
    /** The enum constant's name (implemented by {@link Enum}). */
    String name();

    /** The label used in configuration files and on the command line. */
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} labelled {@code text}, or an {@link IllegalArgumentException} listing the labels. */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String text, String what) {
        E e = find(type, text);
        if (e == null) throw new IllegalArgumentException("unknown " + what + " '" + text + "'; use one of " + labels(type));
        return e;
    }

    /** The constant of {@code type} labelled {@code text}, or null. */
    static <E extends Enum<E> & Labelled> E find(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(text)) return e;
        }
        return null;
    }

    /** The labels of {@code type}, comma-separated. */
    static String labels(Class<? extends Labelled> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labelled::label).collect(Collectors.joining(", "));
    }
}
