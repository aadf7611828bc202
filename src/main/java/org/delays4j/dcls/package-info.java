/**
 * Dilated Convolution with Learnable Spacings: kernel construction from weights, positions and
 * widths (versions gauss, max, v1, v0) with its backward, and the DCLS-1D delay layer with its
 * execution paths (dense per-tap products, sparse input, narrow kernels, integer delays).
 */
package org.delays4j.dcls;
