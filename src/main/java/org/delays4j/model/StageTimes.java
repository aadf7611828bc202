package org.delays4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock time per named stage of a step (a layer's forward or backward, the readout, the
 * optimiser...), summed over the steps it was attached to. {@link #start()} begins a lap;
 * {@link #lap(String)} adds the time since the last mark to a stage and starts the next lap, so a
 * sequence of stages is timed without gaps. Stages keep their first-seen order.
 */
public final class StageTimes {
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private long mark;

    /** Starts timing from now. */
    public void start() {
        mark = System.nanoTime();
    }

    /** Adds the time since the last mark to {@code stage} and marks now. */
    public void lap(String stage) {
        long now = System.nanoTime();
        nanos.computeIfAbsent(stage, k -> new long[1])[0] += now - mark;
        mark = now;
    }

    /** Forgets every stage (after warm-up). */
    public void clear() {
        nanos.clear();
    }

    /** Seconds per stage, in first-seen order. */
    public Map<String, Double> seconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        nanos.forEach((k, v) -> m.put(k, v[0] * 1e-9));
        return m;
    }

    /** The sum over all stages, in seconds. */
    public double total() {
        long t = 0;
        for (long[] v : nanos.values()) t += v[0];
        return t * 1e-9;
    }
}
