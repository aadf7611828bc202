/** Optimisers (Adam, AdamW) and learning-rate schedules (OneCycle, cosine, constant). */
package org.delays4j.optim;
