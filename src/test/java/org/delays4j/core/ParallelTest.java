package org.delays4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelTest {
    private int savedThreads;

    @BeforeEach
    void save() {
        savedThreads = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private record Chunk(int chunk, int from, int to, String thread) {}

    private static List<Chunk> chunksOf(int n) {
        List<Chunk> seen = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, (c, f, t) -> seen.add(new Chunk(c, f, t, Thread.currentThread().getName())));
        List<Chunk> sorted = new ArrayList<>(seen);
        sorted.sort((x, y) -> Integer.compare(x.chunk(), y.chunk()));
        return sorted;
    }

    @ParameterizedTest(name = "threads={0} n={1}")
    @CsvSource({"1,1", "1,10", "2,1", "2,2", "2,7", "3,7", "3,100", "5,3", "5,1000", "4,4"})
    void chunksAreContiguousFixedByNAndThreadsAndCoverTheRangeOnce(int threads, int n) {
        Parallel.setThreads(threads);
        int expected = Math.min(threads, n);
        assertThat(Parallel.chunks(n)).isEqualTo(expected);
        List<Chunk> chunks = chunksOf(n);
        assertThat(chunks).hasSize(expected);
        for (int c = 0; c < expected; c++) {
            Chunk ch = chunks.get(c);
            assertThat(ch.chunk()).isEqualTo(c);
            assertThat(ch.from()).isEqualTo((int) ((long) n * c / expected));
            assertThat(ch.to()).isEqualTo((int) ((long) n * (c + 1) / expected));
            assertThat(ch.to()).isGreaterThan(ch.from());
        }
        assertThat(chunks.get(0).from()).isZero();
        assertThat(chunks.get(expected - 1).to()).isEqualTo(n);
        assertThat(chunks.get(0).thread()).as("chunk 0 runs on the caller").isEqualTo(Thread.currentThread().getName());
        // Same split on a second run.
        assertThat(chunksOf(n).stream().map(c -> c.from() + ":" + c.to()).toList())
                .isEqualTo(chunks.stream().map(c -> c.from() + ":" + c.to()).toList());
    }

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        Parallel.setThreads(3);
        int n = 10_001;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, (c, f, t) -> {
            for (int i = f; i < t; i++) hits.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) assertThat(hits.get(i)).as("index %d", i).isEqualTo(1);
    }

    @Test
    void emptyRangeRunsNothing() {
        Parallel.setThreads(2);
        List<Chunk> seen = new ArrayList<>();
        Parallel.forRange(0, (c, f, t) -> seen.add(new Chunk(c, f, t, "")));
        Parallel.forRange(-3, (c, f, t) -> seen.add(new Chunk(c, f, t, "")));
        assertThat(seen).isEmpty();
        assertThat(Parallel.chunks(0)).isEqualTo(1);
    }

    @Test
    void aWorkersRuntimeExceptionPropagatesAfterAllChunksFinish() {
        Parallel.setThreads(3);
        IllegalStateException boom = new IllegalStateException("boom in chunk 2");
        AtomicIntegerArray done = new AtomicIntegerArray(3);
        assertThatThrownBy(() -> Parallel.forRange(30, (c, f, t) -> {
            if (c == 2) throw boom;
            sleep(50); // the others finish after the failure
            done.set(c, 1);
        })).isSameAs(boom);
        assertThat(done.get(0)).isEqualTo(1);
        assertThat(done.get(1)).isEqualTo(1);
        // The pool still works afterwards.
        assertThat(chunksOf(30)).hasSize(3);
    }

    @Test
    void theLowestChunksFailureWinsAndErrorsStayErrors() {
        Parallel.setThreads(2);
        AssertionError first = new AssertionError("chunk 0");
        assertThatThrownBy(() -> Parallel.forRange(10, (c, f, t) -> {
            if (c == 0) throw first;
            throw new IllegalArgumentException("chunk 1");
        })).isSameAs(first);
        IllegalArgumentException second = new IllegalArgumentException("chunk 1 only");
        assertThatThrownBy(() -> Parallel.forRange(10, (c, f, t) -> {
            if (c == 1) throw second;
        })).isSameAs(second);
    }

    @Test
    void aCheckedExceptionIsWrapped() {
        Parallel.setThreads(2);
        IOException io = new IOException("disk");
        assertThatThrownBy(() -> Parallel.forRange(10, (c, f, t) -> {
            if (c == 1) sneakyThrow(io);
        })).isInstanceOf(RuntimeException.class).hasCause(io);
    }

    @Test
    void nestedCallsRunInlineOnTheCallingThread() {
        Parallel.setThreads(2);
        List<String> inner = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(2, (c, f, t) -> {
            String outerThread = Thread.currentThread().getName();
            Parallel.forRange(100, (ic, ifrom, ito) ->
                    inner.add(c + ":" + ic + ":" + ifrom + ":" + ito + ":" + outerThread.equals(Thread.currentThread().getName())));
        });
        // Each nested call runs its own two chunks, in order, on the thread of the outer chunk.
        assertThat(inner).containsExactlyInAnyOrder("0:0:0:50:true", "0:1:50:100:true", "1:0:0:50:true", "1:1:50:100:true");
        List<String> fromChunk1 = inner.stream().filter(s -> s.startsWith("1:")).toList();
        assertThat(fromChunk1).containsExactly("1:0:0:50:true", "1:1:50:100:true");
        // After the nested use, a top-level call splits again.
        assertThat(chunksOf(100)).hasSize(2);
    }

    @Test
    void setThreadsChangesTheSplitAndRejectsNonPositive() {
        Parallel.setThreads(3);
        assertThat(Parallel.threads()).isEqualTo(3);
        assertThat(chunksOf(9)).hasSize(3);
        Parallel.setThreads(1);
        assertThat(chunksOf(9)).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(9));
        Parallel.setThreads(4);
        assertThat(chunksOf(9)).hasSize(4);
        assertThatThrownBy(() -> Parallel.setThreads(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Parallel.setThreads(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Parallel.threads()).isEqualTo(4);
    }

    @Test
    void setThreadsInsideABodyIsRefused() {
        Parallel.setThreads(2);
        assertThatThrownBy(() -> Parallel.forRange(4, (c, f, t) -> Parallel.setThreads(3)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Parallel.threads()).isEqualTo(2);
    }

    @Test
    void callersOnSeveralThreadsAtOnceAllGetEveryChunk() throws Exception {
        // Only one caller at a time uses the workers; the others run the same chunks inline.
        Parallel.setThreads(3);
        int callers = 4, calls = 300, n = 1000;
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    long[] partial = new long[Parallel.chunks(n)];
                    Parallel.forRange(n, (c, f, to) -> {
                        long s = 0;
                        for (int x = f; x < to; x++) s += x;
                        partial[c] = s;
                    });
                    long total = 0;
                    for (long p : partial) total += p;
                    if (total != (long) n * (n - 1) / 2) errors.add(new AssertionError("sum " + total));
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        assertThat(errors).isEmpty();
    }

    @Test
    void chunkOrderedReductionIsDeterministic() {
        Parallel.setThreads(3);
        float[] x = new float[100_003];
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1) * (float) Math.pow(10, r.nextInt(6));
        float first = reduce(x);
        for (int rep = 0; rep < 20; rep++) assertThat(Float.floatToRawIntBits(reduce(x))).isEqualTo(Float.floatToRawIntBits(first));
    }

    private static float reduce(float[] x) {
        float[] partial = new float[Parallel.chunks(x.length)];
        Parallel.forRange(x.length, (c, f, t) -> {
            float s = 0;
            for (int i = f; i < t; i++) s += x[i];
            partial[c] = s;
        });
        float s = 0;
        for (float p : partial) s += p;
        return s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
