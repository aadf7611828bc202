/**
 * Datasets and batching: the Heidelberg spike files (SHD/SSC, HDF5, read into the flat
 * {@link org.delays4j.data.SpikeDataset} and written by
 * {@link org.delays4j.data.SpikeDatasetWriter}), their binned view, Google Speech Commands, the
 * Free Spoken Digit Dataset, the generated {@link org.delays4j.data.DelayTask}, validation
 * {@link org.delays4j.data.Splits} and {@link org.delays4j.data.Subset}s, and zero-padded
 * time-major batches. See docs/data.md and docs/data-format.md.
 */
package org.delays4j.data;
