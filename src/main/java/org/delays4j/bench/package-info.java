/**
 * Benchmark harness shared by the {@code delays4j bench} commands: timing with warm-up and
 * repetitions ({@link org.delays4j.bench.Bench}, {@link org.delays4j.bench.Timing}), GFLOP/s,
 * peak resident memory ({@link org.delays4j.bench.ProcessMemory}), a plain-text
 * {@link org.delays4j.bench.Table} and one-line JSON records ({@link org.delays4j.bench.JsonLine});
 * plus the matrix-kernel benchmark itself ({@link org.delays4j.bench.KernelBenchmark}).
 */
package org.delays4j.bench;
