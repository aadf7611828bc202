package org.delays4j.report;

import java.util.Arrays;
import org.delays4j.core.Seq;

/** Spike events of one sample: event k is at time step {@code times[k]} on channel {@code channels[k]}. */
public record Raster(int steps, int channelCount, int[] times, int[] channels) {
    public Raster {
        if (times.length != channels.length) throw new IllegalArgumentException("times and channels differ in length");
    }

    /** Number of events. */
    public int size() {
        return times.length;
    }

    /** The events of sample {@code b} of a time-major sequence: every non-zero entry. */
    public static Raster of(Seq s, int b) {
        int n = 0;
        int[] t = new int[64], c = new int[64];
        for (int ti = 0; ti < s.T(); ti++) {
            for (int ci = 0; ci < s.C(); ci++) {
                if (s.get(ti, b, ci) != 0f) {
                    if (n == t.length) {
                        t = Arrays.copyOf(t, 2 * n);
                        c = Arrays.copyOf(c, 2 * n);
                    }
                    t[n] = ti;
                    c[n++] = ci;
                }
            }
        }
        return new Raster(s.T(), s.C(), Arrays.copyOf(t, n), Arrays.copyOf(c, n));
    }
}
