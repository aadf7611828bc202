/**
 * The compute core: a float tensor view, the primitive kernels (matrix products with offsets and
 * strides, dot, axpy, elementwise ops) with a naive and a Vector API implementation chosen at one
 * switch ({@link org.delays4j.core.Kernels}), a parallel-for over index ranges
 * ({@link org.delays4j.core.Parallel}) and the multi-threaded matrix products built on it
 * ({@link org.delays4j.core.ParallelOps}). Design notes: {@code docs/kernels.md}.
 */
package org.delays4j.core;
