package org.delays4j.optim;

import java.util.List;
import org.delays4j.util.Check;

/**
 * torch's {@code CosineAnnealingLR(T_max, eta_min)} stepped once per epoch, with torch's recursive
 * update (so the lr sequence is the one torch produces, not just its closed form
 * {@code η_min + (η_0 − η_min)·(1 + cos(π·e/T_max))/2}, which it equals up to rounding):
 * {@code lr_e = (1 + cos(π·e/T))/(1 + cos(π·(e−1)/T))·(lr_{e−1} − η_min) + η_min}, except at the
 * restart of each period ({@code (e − 1 − T) mod 2T = 0}) where
 * {@code lr_e = lr_{e−1} + (η_0 − η_min)·(1 − cos(π/T))/2}. Epoch 0 keeps the configured lr η_0.
 */
public final class CosineAnnealing implements LrSchedule {
    private final List<ParamGroup> groups;
    private final double[] baseLrs;
    private final int tMax;
    private final double etaMin;
    private int epoch;

    /** Anneals to 0 over {@code tMax} epochs. */
    public CosineAnnealing(List<ParamGroup> groups, int tMax) {
        this(groups, tMax, 0);
    }

    public CosineAnnealing(List<ParamGroup> groups, int tMax, double etaMin) {
        if (groups.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one parameter group");
        Check.that(tMax >= 1, "cosine T_max", "must be >= 1 epoch, got " + tMax);
        Check.that(Double.isFinite(etaMin) && etaMin >= 0, "cosine eta_min", "must be >= 0, got " + etaMin);
        this.groups = List.copyOf(groups);
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) baseLrs[i] = this.groups.get(i).lr();
    }

    @Override
    public void step() {
        epoch++;
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            double lr = g.lr();
            if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
                lr = lr + (baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lr = (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax)) * (lr - etaMin) + etaMin;
            }
            g.setLr(lr);
        }
    }

    @Override
    public double lr() {
        return groups.getFirst().lr();
    }

    @Override
    public int epoch() {
        return epoch;
    }

    /** Replays the recursion from the configured lr, so a resumed run continues bit for bit. */
    @Override
    public void restore(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        this.epoch = 0;
        for (int i = 0; i < groups.size(); i++) groups.get(i).setLr(baseLrs[i]);
        for (int e = 0; e < epoch; e++) step();
    }
}
