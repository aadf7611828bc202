/**
 * Datasets and batching: the Heidelberg spike files (SHD/SSC, HDF5), Google Speech Commands,
 * the Free Spoken Digit Dataset, the generated delay task, and zero-padded time-major batches.
 */
package org.delays4j.data;
