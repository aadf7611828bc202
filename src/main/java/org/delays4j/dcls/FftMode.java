package org.delays4j.dcls;

import org.delays4j.util.Labelled;
import org.delays4j.util.UserInputException;

/**
 * Whether {@link Dcls1d#backward} computes its gradients through the Fourier domain
 * ({@link FftConv1d}; layers with groups = 1). The forward pass never does.
 */
public enum FftMode implements Labelled {
    /** Per call, from the estimated cost of each gradient on its current path and via FFT ({@link GradientCost}). */
    AUTO,
    /** Both gradients via FFT whenever groups = 1. */
    ON,
    /** Never: the gradients follow the forward's {@link ExecPath}. */
    OFF;

    /** Lower-case name: the {@link Labelled} label. */
    public String id() {
        return label();
    }

    /** Parses {@link #id()} (case-insensitive). */
    public static FftMode parse(String s) {
        if (s != null) {
            for (FftMode m : values()) if (m.id().equalsIgnoreCase(s.strip())) return m;
        }
        throw new UserInputException("DCLS FFT gradients: unknown value '" + s + "'; use one of auto, on, off");
    }

    /**
     * The default: the system property {@code delays4j.fft} or, when unset, the environment
     * variable {@code DELAYS4J_FFT} (auto, on, off), else {@link #AUTO}. Read while
     * {@link PathPolicy#DEFAULT} is initialised, where an exception would surface as a class
     * initialisation error: an unknown value prints one warning line and means auto.
     */
    static FftMode fromEnvironment() {
        String s = System.getProperty("delays4j.fft", System.getenv("DELAYS4J_FFT"));
        if (s == null || s.isBlank()) return AUTO;
        try {
            return parse(s);
        } catch (UserInputException e) {
            System.err.println("delays4j: -Ddelays4j.fft / DELAYS4J_FFT: " + e.getMessage() + " (using auto)");
            return AUTO;
        }
    }
}
