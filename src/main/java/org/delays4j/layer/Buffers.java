package org.delays4j.layer;

import org.delays4j.core.Seq;

/** Work-buffer reuse and gradient-shape checks shared by the layers' forward/backward passes. */
public final class Buffers {
    private Buffers() {}

    /** {@code buf} when it holds exactly {@code size} values, else a new zeroed array of that size. */
    public static float[] reuse(float[] buf, int size) {
        return buf != null && buf.length == size ? buf : new float[size];
    }

    /** Throws unless {@code grad} (when not null) has the shape T×B×C of the last forward. */
    public static void requireForwardShape(Seq grad, int T, int B, int C, String what) {
        if (grad != null && (grad.T() != T || grad.B() != B || grad.C() != C)) {
            throw new IllegalArgumentException(what + " is " + grad.T() + "x" + grad.B() + "x" + grad.C()
                    + ", the last forward was " + T + "x" + B + "x" + C);
        }
    }
}
