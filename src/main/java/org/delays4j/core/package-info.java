/**
 * The compute core: a float tensor view, the primitive kernels (matrix products with offsets and
 * strides, dot, axpy, elementwise ops) with a naive and a Vector API implementation chosen at one
 * switch ({@link org.delays4j.core.Kernels}), and a parallel-for over samples
 * ({@link org.delays4j.core.Parallel}).
 */
package org.delays4j.core;
