package org.delays4j.core;

/**
 * The one switch between the naive and the Vector API kernels.
 *
 * <p>Default: Vector API, unless the system property {@code delays4j.vector} (or, when that is
 * unset, the environment variable {@code DELAYS4J_VECTOR}) is {@code false}, {@code 0},
 * {@code off} or {@code no}. Tests flip it with {@link #use(Ops)} to run the same code path on both.
 */
public final class Kernels {
    private static volatile Ops current = defaultOps();

    private Kernels() {}

    private static Ops defaultOps() {
        return fromSetting(System.getProperty("delays4j.vector", System.getenv("DELAYS4J_VECTOR")));
    }

    /** The kernels a setting selects: naive for false/0/off/no (any case), else the Vector API. */
    static Ops fromSetting(String setting) {
        if (setting == null) return VectorOps.INSTANCE;
        return switch (setting.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "false", "0", "off", "no" -> NaiveOps.INSTANCE;
            default -> VectorOps.INSTANCE;
        };
    }

    /** The kernels in force. */
    public static Ops ops() {
        return current;
    }

    /** Whether the Vector API kernels are in force. */
    public static boolean vectorized() {
        return current instanceof VectorOps;
    }

    /** Installs {@code ops} and returns the previous one (so a test can restore it). */
    public static Ops use(Ops ops) {
        java.util.Objects.requireNonNull(ops, "ops");
        Ops prev = current;
        current = ops;
        return prev;
    }
}
