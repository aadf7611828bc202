package org.delays4j.audio;

/** Progress of a long job over items (files): called with the number finished so far and the total. */
@FunctionalInterface
public interface Progress {
    /** Does nothing. */
    Progress NONE = (finished, total) -> { };

    void done(int finished, int total);
}
