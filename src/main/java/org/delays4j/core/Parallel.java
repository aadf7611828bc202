package org.delays4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small parallel-for over index ranges (samples, rows) on a fixed pool of worker threads.
 *
 * <p>The split of {@code [0, n)} into chunks depends only on {@code n} and the thread count, so a
 * computation whose chunks write disjoint outputs is deterministic for a given thread count.
 * Chunk 0 runs on the calling thread. Nested calls run sequentially on the calling thread. If
 * chunks throw, every chunk still finishes and the failure of the lowest chunk is rethrown.
 */
public final class Parallel {
    /** Body over a half-open range {@code [from, to)}; {@code chunk} is the chunk's index (for per-thread scratch). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int from, int to);
    }

    private static volatile int threads = defaultThreads();
    private static ExecutorService pool;
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

    /** Sets the thread count (≥ 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger id = new AtomicInteger();
            pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
                Thread t = new Thread(r, "delays4j-worker-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** The number of chunks {@link #forRange} splits {@code n} items into. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    /** Runs {@code body} over {@code [0, n)} split into {@link #chunks(int)} contiguous chunks. */
    public static void forRange(int n, RangeBody body) {
        if (n <= 0) return;
        int c = chunks(n);
        if (c == 1 || INSIDE.get()) {
            body.run(0, 0, n);
            return;
        }
        ExecutorService ex = pool();
        List<Future<?>> futures = new ArrayList<>(c - 1);
        for (int k = 1; k < c; k++) {
            final int chunk = k;
            final int from = (int) ((long) n * k / c), to = (int) ((long) n * (k + 1) / c);
            futures.add(ex.submit(() -> {
                INSIDE.set(true);
                try {
                    body.run(chunk, from, to);
                } finally {
                    INSIDE.set(false);
                }
            }));
        }
        Throwable failure = null;
        INSIDE.set(true);
        try {
            body.run(0, 0, (int) ((long) n / c));
        } catch (Throwable t) {
            failure = t;
        } finally {
            INSIDE.set(false);
        }
        // Wait for every chunk even if interrupted: the bodies write into the caller's arrays,
        // so returning while one still runs would let it race with the caller.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new RuntimeException(failure);
    }
}
