package org.delays4j.optim;

import java.util.List;
import org.delays4j.util.Check;

/**
 * torch's {@code OneCycleLR} (two phases, {@code three_phase=False}) stepped once per epoch.
 *
 * <p>Phase 1 runs from step 0 to {@code pctStart·total − 1}: lr from {@code maxLr/divFactor} up to
 * {@code maxLr}, β1 from maxMomentum down to baseMomentum; phase 2 to step {@code total − 1}: lr down
 * to {@code maxLr/divFactor/finalDivFactor}, β1 back up. Within a phase at fraction p the value is
 * {@code end + (start − end)/2·(cos(π·p) + 1)} (cosine) or {@code (end − start)·p + start} (linear),
 * with torch's exact floating-point expressions, so epoch 0 gives lr = 0.00019999999999999966 for
 * max 5e-3, not 2e-4. Construction sets the epoch-0 values on every group.
 */
public final class OneCycle implements LrSchedule {
    /** Annealing shape within a phase. */
    public enum Anneal { COS, LINEAR }

    /**
     * Settings; {@link #of} gives torch's defaults.
     *
     * @param maxLr peak learning rate
     * @param totalSteps number of steps (epochs) of the cycle
     * @param pctStart fraction of the cycle spent increasing the lr (0.3)
     * @param anneal annealing shape (cosine)
     * @param divFactor initial lr = maxLr / divFactor (25)
     * @param finalDivFactor final lr = initial lr / finalDivFactor (1e4)
     * @param cycleMomentum whether β1 is cycled inversely to the lr (true)
     * @param baseMomentum β1 at the peak lr (0.85)
     * @param maxMomentum β1 at the start and end (0.95)
     */
    public record Config(double maxLr, int totalSteps, double pctStart, Anneal anneal, double divFactor,
                         double finalDivFactor, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        public Config {
            Check.that(Double.isFinite(maxLr) && maxLr > 0, "one-cycle max lr", "must be > 0, got " + maxLr);
            Check.that(totalSteps >= 1, "one-cycle total steps", "must be >= 1, got " + totalSteps);
            Check.that(pctStart >= 0 && pctStart <= 1, "one-cycle pct_start", "must be in [0, 1], got " + pctStart);
            Check.that(anneal != null, "one-cycle anneal", "must be cos or linear");
            Check.that(Double.isFinite(divFactor) && divFactor > 0, "one-cycle div factor", "must be > 0, got " + divFactor);
            Check.that(Double.isFinite(finalDivFactor) && finalDivFactor > 0, "one-cycle final div factor", "must be > 0, got " + finalDivFactor);
            Check.that(baseMomentum >= 0 && baseMomentum < 1 && maxMomentum >= 0 && maxMomentum < 1, "one-cycle momentum",
                    "base and max momentum must be in [0, 1), got " + baseMomentum + " and " + maxMomentum);
        }

        /** torch's defaults for a cycle of {@code totalSteps} steps peaking at {@code maxLr}. */
        public static Config of(double maxLr, int totalSteps) {
            return new Config(maxLr, totalSteps, 0.3, Anneal.COS, 25, 1e4, true, 0.85, 0.95);
        }

        public Config withPctStart(double pctStart) {
            return new Config(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, cycleMomentum, baseMomentum, maxMomentum);
        }

        public Config withAnneal(Anneal anneal) {
            return new Config(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, cycleMomentum, baseMomentum, maxMomentum);
        }

        public Config withCycleMomentum(boolean cycleMomentum) {
            return new Config(maxLr, totalSteps, pctStart, anneal, divFactor, finalDivFactor, cycleMomentum, baseMomentum, maxMomentum);
        }
    }

    private final List<ParamGroup> groups;
    private final Config config;
    private final double initialLr, minLr;
    private int epoch;
    private double lr;

    public OneCycle(List<ParamGroup> groups, Config config) {
        if (groups.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one parameter group");
        this.groups = List.copyOf(groups);
        this.config = config;
        this.initialLr = config.maxLr() / config.divFactor();
        this.minLr = initialLr / config.finalDivFactor();
        restore(0);
    }

    public Config config() {
        return config;
    }

    @Override
    public void step() {
        restore(epoch + 1);
    }

    @Override
    public double lr() {
        return lr;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    /** OneCycle's values are a function of the step number alone. */
    @Override
    public void restore(int step) {
        if (step < 0 || step > config.totalSteps()) {
            throw new IllegalStateException("one-cycle schedule of " + config.totalSteps() + " steps asked for step " + step
                    + ": make total steps at least the number of epochs");
        }
        double[] ends = {config.pctStart() * config.totalSteps() - 1, config.totalSteps() - 1};
        double[][] lrs = {{initialLr, config.maxLr()}, {config.maxLr(), minLr}};
        double[][] moms = {{config.maxMomentum(), config.baseMomentum()}, {config.baseMomentum(), config.maxMomentum()}};
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                double pct = (step - start) / (ends[i] - start);
                lr = anneal(lrs[i][0], lrs[i][1], pct);
                double momentum = anneal(moms[i][0], moms[i][1], pct);
                for (ParamGroup g : groups) {
                    g.setLr(lr);
                    if (config.cycleMomentum()) g.setBeta1(momentum);
                }
                break;
            }
            start = ends[i];
        }
        epoch = step;
    }

    private double anneal(double start, double end, double pct) {
        return switch (config.anneal()) {
            case COS -> end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (end - start) * pct + start;
        };
    }
}
