/** Spiking neurons run fused over time (LIF, PLIF) and their surrogate gradients. */
package org.delays4j.neuron;
