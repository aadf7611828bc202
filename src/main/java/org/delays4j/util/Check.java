package org.delays4j.util;

/** Argument checks that throw {@link UserInputException} with a message naming the field. */
public final class Check {
    private Check() {}

    /** Throws a {@link UserInputException} "{@code field}: {@code message}" unless {@code ok}. */
    public static void that(boolean ok, String field, String message) {
        if (!ok) throw new UserInputException(field + ": " + message);
    }

    /** The value if it is finite, else a {@link UserInputException} naming the field. */
    public static double finite(double v, String field) {
        that(Double.isFinite(v), field, "must be a finite number, got " + v);
        return v;
    }
}
