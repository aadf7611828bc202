/**
 * Spiking neurons run fused over time and their surrogate gradients: {@link org.delays4j.neuron.Lif}
 * (SpikingJelly's LIFNode as SNN-delays configures it), {@link org.delays4j.neuron.Plif} (learnable
 * τ), both {@link org.delays4j.neuron.SpikingNeuron}s configured by a
 * {@link org.delays4j.neuron.LifConfig}, and the ATan / fast-sigmoid
 * {@link org.delays4j.neuron.Surrogate}s.
 */
package org.delays4j.neuron;
