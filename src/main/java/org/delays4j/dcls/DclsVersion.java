package org.delays4j.dcls;

import org.delays4j.util.Labelled;
import org.delays4j.util.UserInputException;

/**
 * How a DCLS kernel spreads each weight over the taps around its real-valued position
 * (SPEC §1): a Gaussian ({@code gauss}, training), a triangle of half-width |SIG|+1
 * ({@code max}, the rounded evaluation), a unit triangle ({@code v1}) or bilinear
 * interpolation between the two nearest taps ({@code v0}).
 */
public enum DclsVersion implements Labelled {
    /** exp(-½((n-p)/s)²), s = |SIG| + 0.27, normalised over taps. */
    GAUSS,
    /** relu(s - |n-p|), s = |SIG| + 1, normalised over taps. */
    MAX,
    /** relu(1 - |n-p|), normalised over taps; SIG unused. */
    V1,
    /** (1-r) at floor(p), r at floor(p)+1; not normalised; SIG unused. */
    V0;

    /** The reference's name: {@code gauss}, {@code max}, {@code v1}, {@code v0}. */
    public String id() {
        return label();
    }

    /** Whether the widths SIG enter the kernel (and can receive gradients). */
    public boolean usesSigma() {
        return this == GAUSS || this == MAX;
    }

    /** Parses {@code gauss}, {@code max}, {@code v1} or {@code v0} (case-insensitive). */
    public static DclsVersion parse(String s) {
        if (s != null) {
            for (DclsVersion v : values()) if (v.id().equalsIgnoreCase(s.strip())) return v;
        }
        throw new UserInputException("DCLS version: unknown value '" + s + "'; use one of gauss, max, v1, v0");
    }

    @Override
    public String toString() {
        return id();
    }
}
