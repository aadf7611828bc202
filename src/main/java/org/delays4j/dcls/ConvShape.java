package org.delays4j.dcls;

/**
 * The geometry of one DCLS-1D convolution call: time-major input [T][B][in], output
 * [Tout][B][out], K taps, {@code groups} channel groups, {@code padLeft} zeros before the input.
 *
 * <p>Output step t reads input step {@code t + n - padLeft} at tap n: tap n delays the input by
 * {@code padLeft - n} steps. The constructed kernel is tap-major {@code [K][in][out/groups]}:
 * tap n, global input i, output o of i's group is {@code kt[(n·in + i)·outG + o % outG]}.
 */
public record ConvShape(int T, int B, int in, int out, int groups, int K, int padLeft, int Tout) {

    public static ConvShape of(Dcls1dConfig cfg, int T, int B) {
        return new ConvShape(T, B, cfg.in(), cfg.out(), cfg.groups(), cfg.kernelSize(), cfg.padLeft(),
                Math.max(0, cfg.outputLength(T)));
    }

    public int inG() {
        return in / groups;
    }

    public int outG() {
        return out / groups;
    }

    /** First output step whose tap-n input lies inside [0, T). */
    public int outFrom(int n) {
        return Math.max(0, padLeft - n);
    }

    /** One past the last output step whose tap-n input lies inside [0, T). */
    public int outTo(int n) {
        return Math.min(Tout, T + padLeft - n);
    }

    /** Size of the tap-major kernel. */
    public int kernelSize() {
        return K * in * outG();
    }

    /** Dense multiply-adds of one forward pass (counting only taps that meet real input). */
    public long denseMacs() {
        long macs = 0;
        for (int n = 0; n < K; n++) macs += (long) Math.max(0, outTo(n) - outFrom(n)) * B * in * outG();
        return macs;
    }
}
