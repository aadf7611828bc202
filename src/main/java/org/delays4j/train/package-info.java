/**
 * Training: the epoch/batch loop ({@link org.delays4j.train.Trainer}) with seeded shuffling and
 * per-batch dropout seeds (so a resumed run is identical to an uninterrupted one), the optimiser
 * recipe of SPEC §3, evaluation, per-epoch metrics ({@code metrics.jsonl}), the progress line and
 * resumable safetensors checkpoints.
 */
package org.delays4j.train;
