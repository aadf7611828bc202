/**
 * The SNN-delays model: its configuration ({@link org.delays4j.model.RunConfig} with
 * {@link org.delays4j.model.ModelConfig}, {@link org.delays4j.model.TrainingConfig} and
 * {@link org.delays4j.model.DataConfig}), the presets shipped as data files under
 * {@code presets/}, and the network built from them.
 */
package org.delays4j.model;
