package org.delays4j.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A configuration enum whose constants are written in files by a lower-case label
 * ({@code "fixed-delays"}, {@code "one-cycle"}); parsing an unknown label names the valid ones.
 */
public interface Labelled {
    /** The label used in configuration files and on the command line. */
    String label();

    /** The constant of {@code type} labelled {@code text}, or an {@link IllegalArgumentException} listing the labels. */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(text)) return e;
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; use one of " + labels(type));
    }

    /** The labels of {@code type}, comma-separated. */
    static <E extends Enum<E> & Labelled> String labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labelled::label).collect(Collectors.joining(", "));
    }
}
