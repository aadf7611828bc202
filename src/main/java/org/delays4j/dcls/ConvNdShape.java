package org.delays4j.dcls;

import java.util.Arrays;
import org.delays4j.util.UserInputException;

/**
 * The geometry of a stride-1, zero-padded, grouped N-D cross-correlation (D = 1..3) on a
 * channel-major batch {@code x[B][in][S_1..S_D]} giving {@code y[B][out][O_1..O_D]},
 * {@code O_d = S_d + 2·pad_d − K_d + 1}. Kernels are {@code [out][in/groups][K_1..K_D]}.
 *
 * <p>Internally every geometry is lifted to three dimensions by prepending dimensions of size 1
 * (kernel 1, padding 0), so one set of loops serves 1-D, 2-D and 3-D.
 */
public record ConvNdShape(int batch, int in, int out, int groups, int[] size, int[] kernel, int[] pad) {

    public ConvNdShape {
        size = size.clone();
        kernel = kernel.clone();
        pad = pad.clone();
    }

    /**
     * The shape of a layer applied to an input of shape {@code [B][in][S_1..S_D]}; a
     * {@link UserInputException} naming {@code what} when the rank, channels or sizes do not fit.
     */
    public static ConvNdShape of(DclsNdConfig cfg, int[] inputShape, String what) {
        int D = cfg.dims();
        if (inputShape.length != D + 2) {
            throw new UserInputException(what + ": expected shape [batch][" + cfg.in() + "]" + "[size]".repeat(D)
                    + " (rank " + (D + 2) + ", channel-major), got " + Arrays.toString(inputShape));
        }
        if (inputShape[1] != cfg.in()) {
            throw new UserInputException(what + ": expected " + cfg.in() + " channels in dimension 1, got "
                    + inputShape[1] + " (shape " + Arrays.toString(inputShape) + ")");
        }
        if (inputShape[0] < 1) throw new UserInputException(what + ": empty batch (shape " + Arrays.toString(inputShape) + ")");
        int[] s = Arrays.copyOfRange(inputShape, 2, D + 2);
        ConvNdShape sh = new ConvNdShape(inputShape[0], cfg.in(), cfg.out(), cfg.groups(), s, cfg.kernelSize(),
                cfg.padding());
        for (int d = 0; d < D; d++) {
            if (sh.outSize(d) < 1) {
                throw new UserInputException(what + ": spatial size " + s[d] + " of dimension " + (d + 2)
                        + " is too small for kernel " + cfg.kernelSize(d) + " with padding " + cfg.padding(d)
                        + " (needs >= " + (cfg.kernelSize(d) - 2 * cfg.padding(d)) + ")");
            }
        }
        return sh;
    }

    public int dims() {
        return size.length;
    }

    public int outSize(int d) {
        return size[d] + 2 * pad[d] - kernel[d] + 1;
    }

    /** The output shape {@code [B][out][O_1..O_D]}. */
    public int[] outputShape() {
        int[] o = new int[dims() + 2];
        o[0] = batch;
        o[1] = out;
        for (int d = 0; d < dims(); d++) o[d + 2] = outSize(d);
        return o;
    }

    /** Π S_d: one input channel's plane. */
    public int inPlane() {
        int v = 1;
        for (int s : size) v = Math.multiplyExact(v, s);
        return v;
    }

    /** Π O_d: one output channel's plane. */
    public int outPlane() {
        int v = 1;
        for (int d = 0; d < dims(); d++) v = Math.multiplyExact(v, outSize(d));
        return v;
    }

    /** Π K_d. */
    public int kernelVolume() {
        int v = 1;
        for (int k : kernel) v = Math.multiplyExact(v, k);
        return v;
    }

    public int inPerGroup() {
        return in / groups;
    }

    public int outPerGroup() {
        return out / groups;
    }

    /** Sizes lifted to 3-D: {@code [S or K or pad of dims 0..2]}, leading ones for missing dimensions. */
    int[] lift(int[] a, int fill) {
        int[] r = {fill, fill, fill};
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    int[] size3() {
        return lift(size, 1);
    }

    int[] kernel3() {
        return lift(kernel, 1);
    }

    int[] pad3() {
        return lift(pad, 0);
    }

    int[] out3() {
        int[] s = size3(), k = kernel3(), p = pad3();
        return new int[] {s[0] + 2 * p[0] - k[0] + 1, s[1] + 2 * p[1] - k[1] + 1, s[2] + 2 * p[2] - k[2] + 1};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvNdShape c && batch == c.batch && in == c.in && out == c.out && groups == c.groups
                && Arrays.equals(size, c.size) && Arrays.equals(kernel, c.kernel) && Arrays.equals(pad, c.pad);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {batch, in, out, groups, Arrays.hashCode(size), Arrays.hashCode(kernel),
                Arrays.hashCode(pad)});
    }

    @Override
    public String toString() {
        return "ConvNdShape[B=" + batch + ", in=" + in + ", out=" + out + ", groups=" + groups + ", size="
                + Arrays.toString(size) + ", kernel=" + Arrays.toString(kernel) + ", pad=" + Arrays.toString(pad) + "]";
    }
}
