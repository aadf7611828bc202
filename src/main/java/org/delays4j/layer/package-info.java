/**
 * Network layers with explicit forward and backward passes (no autograd):
 * {@link org.delays4j.layer.BatchNorm1d} over (time, batch), {@link org.delays4j.layer.Dropout}
 * with one mask per (sample, channel), the {@link org.delays4j.layer.Readout}s from the output
 * sequence to logits, and the {@link org.delays4j.layer.CrossEntropy} loss.
 */
package org.delays4j.layer;
