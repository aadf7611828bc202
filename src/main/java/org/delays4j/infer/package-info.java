/**
 * Event-driven inference with integer delays: after rounding (SPEC §1 "round") every synapse
 * is one weight at one delay, so each input spike scatters its synapses' weights into the
 * output at their delays, and the cost follows the number of spikes instead of T·B·in·K.
 */
package org.delays4j.infer;
