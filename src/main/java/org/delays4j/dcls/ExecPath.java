package org.delays4j.dcls;

import org.delays4j.util.Labelled;
import org.delays4j.util.UserInputException;

/**
 * How a {@link Dcls1d} layer computes its convolution. All paths compute the same function;
 * {@link #NARROW} and {@link #SPARSE_NARROW} drop kernel entries below the bound of
 * {@link PathPolicy#tapTolerance()} (no change beyond float32 rounding by default).
 */
public enum ExecPath implements Labelled {
    /** Chosen per call from the input's measured density and the kernel's width (see {@link PathPolicy}). */
    AUTO,
    /** One matrix product per tap on the compute core, for forward and both gradients. */
    DENSE,
    /** Forward and kernel gradient visit only the non-zero inputs; input gradient dense. */
    SPARSE,
    /** Forward (dense input) and input gradient skip negligible taps; kernel gradient dense. */
    NARROW,
    /** Sparse input for forward and kernel gradient, skipped taps for the input gradient. */
    SPARSE_NARROW,
    /** Event-driven forward: each input spike scatters the kernel's non-zero entries (integer delays). */
    INTEGER;

    /** Lower-case name with '-' (e.g. {@code sparse-narrow}): the {@link Labelled} label. */
    public String id() {
        return label();
    }

    /** Parses {@link #id()} (case-insensitive, '-' or '_'). */
    public static ExecPath parse(String s) {
        if (s != null) {
            for (ExecPath p : values()) if (p.id().equalsIgnoreCase(s.strip().replace('_', '-'))) return p;
        }
        throw new UserInputException("DCLS path: unknown value '" + s
                + "'; use one of auto, dense, sparse, narrow, sparse-narrow, integer");
    }

    boolean sparseInput() {
        return this == SPARSE || this == SPARSE_NARROW || this == INTEGER;
    }

    boolean narrowKernel() {
        return this == NARROW || this == SPARSE_NARROW;
    }

    @Override
    public String toString() {
        return id();
    }
}
