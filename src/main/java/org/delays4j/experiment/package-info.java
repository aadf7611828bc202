/**
 * Experiments made of several training runs: the learned / fixed / no-delay ablation at matched
 * parameter counts ({@link org.delays4j.experiment.Ablation}, {@link org.delays4j.experiment.ParamMatch}),
 * its per-run summaries and the RESULTS.md page ({@link org.delays4j.experiment.AblationResults}).
 */
package org.delays4j.experiment;
