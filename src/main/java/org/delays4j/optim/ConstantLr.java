package org.delays4j.optim;

import java.util.List;

/** No schedule: the groups keep their configured learning rate. */
public final class ConstantLr implements LrSchedule {
    private final List<ParamGroup> groups;
    private int epoch;

    public ConstantLr(List<ParamGroup> groups) {
        if (groups.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one parameter group");
        this.groups = List.copyOf(groups);
    }

    @Override
    public void step() {
        epoch++;
    }

    @Override
    public double lr() {
        return groups.getFirst().lr();
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public void restore(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        this.epoch = epoch;
    }
}
