package org.delays4j.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small parallel-for over index ranges (samples, rows) on a fixed set of worker threads.
 *
 * <p>The split of {@code [0, n)} into chunks depends only on {@code n} and the thread count, so a
 * computation whose chunks write disjoint outputs (or per-chunk partial sums combined in chunk
 * order) is deterministic for a given thread count. Chunk 0 runs on the calling thread, chunk
 * {@code k} on worker {@code k}. A call made from inside a body (nested), or while another thread
 * is using the workers, runs the same chunks one after another on the calling thread, so it
 * computes exactly what the parallel call would. If chunks throw, every chunk still finishes and
 * the failure of the lowest chunk is rethrown.
 *
 * <p>Hand-off cost matters for products of ~0.1 ms: waking a parked thread took ~30 µs on the
 * virtual machine this was written on (a thread pool's submit + get: ~50 µs per call). So an idle
 * worker polls for the next job for 0.1 ms before parking, and the caller polls while it waits
 * for the workers (~4 µs per call). The polling loops yield rather than spin: when the machine is
 * busy and caller and worker share one core, a pure spin kept the other from running for the
 * whole spin window. With more threads than processors there is no polling at all.
 */
public final class Parallel {
    /** Body over a half-open range {@code [from, to)}; {@code chunk} is the chunk's index (for per-thread scratch). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int from, int to);
    }

    /** How long an idle worker, or a caller waiting for workers, spins before parking. */
    static final long SPIN_NANOS = 100_000;

    private static volatile int threads = defaultThreads();
    /** Held by the thread whose job the workers run; also guards {@link #workers}. */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Worker[] workers = new Worker[0];
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private Parallel() {}

    private static int defaultThreads() {
        String p = System.getProperty("delays4j.threads", System.getenv("DELAYS4J_THREADS"));
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) return t;
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads a parallel loop uses (default: available processors). */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count (≥ 1). Not allowed from inside a parallel body. */
    public static void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        if (INSIDE.get()) throw new IllegalStateException("setThreads called from inside a parallel body");
        LOCK.lock();
        try {
            if (n != threads) {
                for (Worker w : workers) w.shutdown();
                workers = new Worker[0];
                threads = n;
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** The number of chunks {@link #forRange} splits {@code n} items into. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    private static int from(int n, int c, int k) {
        return (int) ((long) n * k / c);
    }

    /** Runs {@code body} over {@code [0, n)} split into {@link #chunks(int)} contiguous chunks. */
    public static void forRange(int n, RangeBody body) {
        if (n <= 0) return;
        int c = chunks(n);
        if (c == 1) {
            body.run(0, 0, n); // nothing to split: calls made by the body may still go parallel
            return;
        }
        if (INSIDE.get() || !LOCK.tryLock()) {
            runInline(body, n, c);
            return;
        }
        try {
            Worker[] ws = workers();
            Job job = new Job(body, n, c, Thread.currentThread());
            for (int k = 1; k < c; k++) ws[k - 1].post(job);
            INSIDE.set(true);
            try {
                job.runChunk(0);
            } finally {
                INSIDE.set(false);
            }
            job.awaitWorkers();
            job.rethrow();
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs the c chunks in order on this thread (what a nested call does). */
    private static void runInline(RangeBody body, int n, int c) {
        for (int k = 0; k < c; k++) body.run(k, from(n, c, k), from(n, c, k + 1));
    }

    /** The workers for the current thread count, started on first use. Call with {@link #LOCK} held. */
    private static Worker[] workers() {
        if (workers.length != threads - 1) {
            for (Worker w : workers) w.shutdown();
            Worker[] ws = new Worker[threads - 1];
            for (int i = 0; i < ws.length; i++) {
                ws[i] = new Worker(i + 1);
                ws[i].start();
            }
            workers = ws;
        }
        return workers;
    }

    private static boolean spinAllowed() {
        return threads <= Runtime.getRuntime().availableProcessors();
    }

    /** One forRange call: its body, its split, and what the workers report back. */
    private static final class Job {
        final RangeBody body;
        final int n, c;
        final Thread caller;
        final AtomicInteger remaining;
        final Throwable[] failures;

        Job(RangeBody body, int n, int c, Thread caller) {
            this.body = body;
            this.n = n;
            this.c = c;
            this.caller = caller;
            this.remaining = new AtomicInteger(c - 1);
            this.failures = new Throwable[c];
        }

        void runChunk(int k) {
            try {
                body.run(k, from(n, c, k), from(n, c, k + 1));
            } catch (Throwable t) {
                failures[k] = t;
            }
        }

        /** A worker finished its chunk. */
        void done() {
            if (remaining.decrementAndGet() == 0) LockSupport.unpark(caller);
        }

        /** Waits, uninterruptibly, until every worker chunk has finished (the bodies write the caller's arrays). */
        void awaitWorkers() {
            long spinUntil = spinAllowed() ? System.nanoTime() + SPIN_NANOS : 0;
            boolean interrupted = false;
            while (remaining.get() != 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                    if (Thread.interrupted()) interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }

        void rethrow() {
            for (Throwable t : failures) {
                if (t == null) continue;
                if (t instanceof RuntimeException re) throw re;
                if (t instanceof Error err) throw err;
                throw new RuntimeException(t);
            }
        }
    }

    /** A daemon thread that runs chunk {@code chunk} of each job posted to it. */
    private static final class Worker extends Thread {
        private final int chunk;
        private volatile Job job;
        private volatile boolean parked, stopped;

        Worker(int chunk) {
            super("delays4j-worker-" + chunk);
            this.chunk = chunk;
            setDaemon(true);
        }

        void post(Job j) {
            job = j;
            if (parked) LockSupport.unpark(this);
        }

        void shutdown() {
            stopped = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            INSIDE.set(true);
            while (true) {
                Job j = awaitJob();
                if (j == null) return;
                job = null; // before done(): the caller may post the next job as soon as it sees done
                j.runChunk(chunk);
                j.done();
            }
        }

        /** The next job, or null once stopped: spin for a while, then park. */
        private Job awaitJob() {
            long spinUntil = spinAllowed() ? System.nanoTime() + SPIN_NANOS : 0;
            while (true) {
                Job j = job;
                if (j != null) return j;
                if (stopped) return null;
                if (System.nanoTime() < spinUntil) {
                    Thread.yield();
                    continue;
                }
                // Announce the park, then look again: post() writes job before reading parked.
                parked = true;
                if (job == null && !stopped) LockSupport.park(this);
                parked = false;
                Thread.interrupted(); // a worker is never meant to be interrupted; don't let it spin
            }
        }
    }
}
