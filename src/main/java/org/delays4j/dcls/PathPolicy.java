package org.delays4j.dcls;

import org.delays4j.util.Check;

/**
 * When {@link ExecPath#AUTO} leaves the dense path, and how much the narrow path may drop.
 *
 * @param sparseDensity  the input counts as sparse when its fraction of non-zero values is at most this
 * @param narrowFraction the kernel counts as narrow when the fraction of kept (tap, in, out)
 *                       entries is at most this
 * @param tapTolerance   a kernel entry is dropped by the narrow paths when
 *                       {@code |kernel[o,i,n]| ≤ tapTolerance · Σ_j |W[o,i,j]|}; the default
 *                       2⁻²⁴ (half a float32 ulp of the synapse's weight) changes nothing beyond
 *                       float32 rounding
 */
public record PathPolicy(double sparseDensity, double narrowFraction, double tapTolerance) {
    /** Defaults measured on the SHD layer shapes (see docs/dcls.md). */
    public static final PathPolicy DEFAULT = new PathPolicy(0.3, 0.5, 0x1p-24);

    public PathPolicy {
        Check.that(sparseDensity >= 0 && sparseDensity <= 1, "dcls.sparse_density", "must be in [0, 1], got " + sparseDensity);
        Check.that(narrowFraction >= 0 && narrowFraction <= 1, "dcls.narrow_fraction", "must be in [0, 1], got " + narrowFraction);
        Check.that(tapTolerance >= 0 && tapTolerance < 1, "dcls.tap_tolerance", "must be in [0, 1), got " + tapTolerance);
    }

    public PathPolicy withTapTolerance(double t) {
        return new PathPolicy(sparseDensity, narrowFraction, t);
    }
}
