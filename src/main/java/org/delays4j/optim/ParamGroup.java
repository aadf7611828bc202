package org.delays4j.optim;

import java.util.List;
import org.delays4j.core.Param;
import org.delays4j.util.Check;

/**
 * Parameters sharing optimiser settings, as a torch {@code param_group}. The learning rate and β1
 * are mutable: schedules ({@link OneCycle}, {@link CosineAnnealing}) set them between epochs.
 */
public final class ParamGroup {
    private final List<Param> params;
    private double lr, beta1;
    private final double beta2, eps, weightDecay;

    public ParamGroup(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this.params = List.copyOf(params);
        setLr(lr);
        setBeta1(beta1);
        Check.that(beta2 >= 0 && beta2 < 1, "adam beta2", "must be in [0, 1), got " + beta2);
        Check.that(Double.isFinite(eps) && eps >= 0, "adam eps", "must be >= 0, got " + eps);
        Check.that(Double.isFinite(weightDecay) && weightDecay >= 0, "weight decay", "must be >= 0, got " + weightDecay);
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** torch's Adam defaults: betas (0.9, 0.999), eps 1e-8. */
    public static ParamGroup of(List<Param> params, double lr, double weightDecay) {
        return new ParamGroup(params, lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    public List<Param> params() {
        return params;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        Check.that(Double.isFinite(lr) && lr >= 0, "learning rate", "must be >= 0, got " + lr);
        this.lr = lr;
    }

    public double beta1() {
        return beta1;
    }

    public void setBeta1(double beta1) {
        Check.that(beta1 >= 0 && beta1 < 1, "adam beta1", "must be in [0, 1), got " + beta1);
        this.beta1 = beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weight_decay=" + weightDecay + ")";
    }
}
