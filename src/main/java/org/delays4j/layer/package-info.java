/**
 * Network layers with explicit forward and backward passes (no autograd): BatchNorm over
 * (time, batch), Dropout with one mask per (sample, channel), readouts and the loss.
 */
package org.delays4j.layer;
