/**
 * The compute core: a float tensor view, the primitive kernels (matrix products with offsets and
 * strides, dot, axpy, elementwise ops) with a naive and a Vector API implementation chosen at one
 * switch ({@link org.delays4j.core.Kernels}), a parallel-for over index ranges
 * ({@link org.delays4j.core.Parallel}) and the multi-threaded matrix products built on it
 * ({@link org.delays4j.core.ParallelOps}), a batched FFT along time ({@link org.delays4j.core.Fft}), and the data types passed between layers: {@link org.delays4j.core.Seq}
 * (time-major [T][B][C]) and {@link org.delays4j.core.SpikeEvents} (binary spikes as per-row
 * channel lists, what the eval LIF hands to the next delay layer). Design notes: {@code docs/kernels.md}.
 */
package org.delays4j.core;
