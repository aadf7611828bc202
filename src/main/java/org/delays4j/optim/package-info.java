/**
 * Optimisers and schedules with torch's exact semantics: {@link org.delays4j.optim.Adam} (and
 * AdamW) over {@link org.delays4j.optim.ParamGroup}s, the per-epoch
 * {@link org.delays4j.optim.LrSchedule}s {@link org.delays4j.optim.OneCycle},
 * {@link org.delays4j.optim.CosineAnnealing} and {@link org.delays4j.optim.ConstantLr}, and the
 * DCLS width decay {@link org.delays4j.optim.SigmaSchedule}.
 */
package org.delays4j.optim;
