package org.delays4j.core;

/** Prints which kernels {@link Kernels} chose at start-up (run in a child JVM by {@link KernelsTest}). */
public final class KernelsProbe {
    private KernelsProbe() {}

    public static void main(String[] args) {
        System.out.println(Kernels.ops().getClass().getSimpleName());
    }
}
