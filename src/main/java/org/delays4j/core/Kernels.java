package org.delays4j.core;

/**
 * The one switch between the naive and the Vector API kernels.
 *
 * <p>Default: Vector API, unless the system property {@code delays4j.vector=false} or the
 * environment variable {@code DELAYS4J_VECTOR=false} says otherwise. Tests flip it with
 * {@link #use(Ops)} to run the same code path on both.
 */
public final class Kernels {
    private static volatile Ops current = defaultOps();

    private Kernels() {}

    private static Ops defaultOps() {
        String p = System.getProperty("delays4j.vector", System.getenv().getOrDefault("DELAYS4J_VECTOR", "true"));
        return Boolean.parseBoolean(p) ? VectorOps.INSTANCE : NaiveOps.INSTANCE;
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
        Ops prev = current;
        current = ops;
        return prev;
    }
}
