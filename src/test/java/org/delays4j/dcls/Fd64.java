package org.delays4j.dcls;

import java.util.function.DoubleSupplier;

/** Finite differences of a float64 loss along one coordinate of a float64 parameter array. */
final class Fd64 {
    private Fd64() {}

    /** (L(a+h) − L(a−h)) / 2h at a[k]; a[k] is restored. */
    static double central(DoubleSupplier loss, double[] a, int k, double h) {
        double keep = a[k];
        a[k] = keep + h;
        double up = loss.getAsDouble();
        a[k] = keep - h;
        double down = loss.getAsDouble();
        a[k] = keep;
        return (up - down) / (2 * h);
    }

    /** (L(a+h) − L(a)) / h at a[k]: the right-sided difference (autograd's floor convention of v0 at integer positions). */
    static double rightSided(DoubleSupplier loss, double[] a, int k, double h) {
        double keep = a[k];
        double base = loss.getAsDouble();
        a[k] = keep + h;
        double up = loss.getAsDouble();
        a[k] = keep;
        return (up - base) / h;
    }
}
