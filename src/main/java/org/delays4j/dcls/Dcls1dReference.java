package org.delays4j.dcls;

/**
 * The obviously-correct float64 DCLS-1D convolution (forward and backward) with plain loops:
 * the twin every fast path is tested against, the float64 path of the golden tests and the
 * model of the finite-difference checks.
 *
 * <p>Layouts: x [T][B][in] and y [Tout][B][out] time-major, kernel [out][in/groups][K] (the
 * reference's layout), {@code y[t,b,o] = bias[o] + Σ_{i in o's group} Σ_n kernel[o,i,n] ·
 * x[t + n - padLeft, b, i]} with x zero outside [0, T).
 */
public final class Dcls1dReference {
    private Dcls1dReference() {}

    /** A float64 DCLS-1D layer's parameters, for the reference path and the gradient checks. */
    public record Params(double[] weight, double[] positions, double[] sigma, double[] bias) {}

    /** Constructs the [out][inG][K] kernel of {@code cfg} from float64 parameters. */
    public static double[] kernel(Dcls1dConfig cfg, DclsVersion version, Params p) {
        int syn = cfg.out() * cfg.inPerGroup(), K = cfg.kernelSize();
        double[] k = new double[syn * K];
        DclsKernel1d.construct(version, K, syn, cfg.kernelCount(), p.weight(), p.positions(), p.sigma(), k);
        return k;
    }

    /** y = conv(x, kernel) + bias; bias may be null. */
    public static double[] forward(Dcls1dConfig cfg, double[] x, int T, int B, double[] kernel, double[] bias) {
        int in = cfg.in(), out = cfg.out(), K = cfg.kernelSize(), inG = cfg.inPerGroup(), outG = cfg.outPerGroup();
        int To = Math.max(0, cfg.outputLength(T));
        double[] y = new double[To * B * out];
        for (int t = 0; t < To; t++) {
            for (int b = 0; b < B; b++) {
                for (int o = 0; o < out; o++) {
                    int g = o / outG;
                    double s = bias == null ? 0 : bias[o];
                    for (int i = 0; i < inG; i++) {
                        for (int n = 0; n < K; n++) {
                            int ts = t + n - cfg.padLeft();
                            if (ts < 0 || ts >= T) continue;
                            s += kernel[(o * inG + i) * K + n] * x[(ts * B + b) * in + g * inG + i];
                        }
                    }
                    y[(t * B + b) * out + o] = s;
                }
            }
        }
        return y;
    }

    /** Gradients of {@code Σ y·gy}: wrt x, the kernel and the bias (gBias null = skip). */
    public record Grads(double[] x, double[] kernel, double[] bias) {}

    public static Grads backward(Dcls1dConfig cfg, double[] x, int T, int B, double[] kernel, double[] gy, boolean withBias) {
        int in = cfg.in(), out = cfg.out(), K = cfg.kernelSize(), inG = cfg.inPerGroup(), outG = cfg.outPerGroup();
        int To = Math.max(0, cfg.outputLength(T));
        double[] gx = new double[T * B * in], gk = new double[kernel.length], gb = withBias ? new double[out] : null;
        for (int t = 0; t < To; t++) {
            for (int b = 0; b < B; b++) {
                for (int o = 0; o < out; o++) {
                    double go = gy[(t * B + b) * out + o];
                    if (gb != null) gb[o] += go;
                    int g = o / outG;
                    for (int i = 0; i < inG; i++) {
                        for (int n = 0; n < K; n++) {
                            int ts = t + n - cfg.padLeft();
                            if (ts < 0 || ts >= T) continue;
                            int xi = (ts * B + b) * in + g * inG + i, ki = (o * inG + i) * K + n;
                            gx[xi] += kernel[ki] * go;
                            gk[ki] += x[xi] * go;
                        }
                    }
                }
            }
        }
        return new Grads(gx, gk, gb);
    }
}
