package org.delays4j.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C handling for a training run: a shutdown hook raises the flag the {@link Trainer} polls
 * before each batch, then holds the JVM's shutdown until the trainer reports that its checkpoint
 * is written ({@link #done()}), or a time limit passes. The JVM exits with status 130 (128 + SIGINT).
 */
public final class StopSignal implements BooleanSupplier {
    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long graceSeconds;
    private Thread hook;

    /** @param graceSeconds how long shutdown waits for the current batch and the checkpoint */
    public StopSignal(long graceSeconds) {
        this.graceSeconds = graceSeconds;
    }

    /** Registers the shutdown hook. */
    public StopSignal install() {
        hook = new Thread(() -> {
            requested = true;
            try {
                finished.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "delays4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** Raises the flag by hand (tests, or a caller with its own signal handling). */
    public void request() {
        requested = true;
    }

    @Override
    public boolean getAsBoolean() {
        return requested;
    }

    /** Called when the run has stopped (normally or with its checkpoint); releases a waiting shutdown. */
    public void done() {
        finished.countDown();
        if (hook != null && !requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // shutdown already started: the hook runs and returns at once, the latch being open
            }
        }
    }
}
