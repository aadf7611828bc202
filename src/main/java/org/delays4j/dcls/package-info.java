/**
 * Dilated Convolution with Learnable Spacings: kernel construction from weights, positions and
 * widths (versions gauss, max, v1, v0) with its backward, and the DCLS-1D delay layer with its
 * execution paths (dense per-tap products, sparse input, narrow kernels, integer delays; gradients
 * optionally through the FFT, {@link org.delays4j.dcls.FftMode}); and the
 * general N-D layer {@link org.delays4j.dcls.DclsNd} for 2-D/3-D images and volumes (channel-major).
 */
package org.delays4j.dcls;
