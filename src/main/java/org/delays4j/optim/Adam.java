package org.delays4j.optim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delays4j.core.Param;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * Adam exactly as {@code torch.optim.Adam} (amsgrad off, not maximising), or AdamW.
 *
 * <p>Per parameter, with its own step count k: Adam adds L2 decay to the gradient
 * ({@code g += wd·θ}); AdamW decays the weights instead ({@code θ −= lr·wd·θ}, before the update).
 * Then {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
 * {@code θ −= lr/(1−β1ᵏ) · m / (√v/√(1−β2ᵏ) + ε)} — ε added after the square root, as torch.
 * The moments are float32; scalar factors are computed in double and rounded once.
 *
 * <p>Frozen parameters ({@code !trainable()}) are skipped and their step count does not advance.
 */
public final class Adam {
    private final List<ParamGroup> groups;
    private final boolean decoupled;
    private final Map<Param, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final Map<Param, long[]> steps = new LinkedHashMap<>();

    private Adam(List<ParamGroup> groups, boolean decoupled) {
        this.groups = List.copyOf(groups);
        this.decoupled = decoupled;
        Set<String> names = new HashSet<>();
        for (ParamGroup g : this.groups) {
            for (Param p : g.params()) {
                if (!names.add(p.name())) throw new IllegalArgumentException("parameter '" + p.name() + "' is in more than one group or named twice");
                m.put(p, new float[p.size()]);
                v.put(p, new float[p.size()]);
                steps.put(p, new long[1]);
            }
        }
    }

    /** torch.optim.Adam: L2 weight decay added to the gradient. */
    public static Adam adam(List<ParamGroup> groups) {
        return new Adam(groups, false);
    }

    /** torch.optim.AdamW: decoupled weight decay. */
    public static Adam adamW(List<ParamGroup> groups) {
        return new Adam(groups, true);
    }

    public List<ParamGroup> groups() {
        return groups;
    }

    public boolean decoupledWeightDecay() {
        return decoupled;
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        for (ParamGroup g : groups) for (Param p : g.params()) p.zeroGrad();
    }

    /** One update of every trainable parameter from its accumulated gradient. */
    public void step() {
        for (ParamGroup g : groups) {
            for (Param p : g.params()) {
                if (p.trainable()) update(g, p);
            }
        }
    }

    private void update(ParamGroup g, Param p) {
        long k = ++steps.get(p)[0];
        double lr = g.lr(), b1 = g.beta1(), b2 = g.beta2(), wd = g.weightDecay();
        float stepSize = (float) (lr / (1 - Math.pow(b1, k)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(b2, k));
        float fb1 = (float) b1, fb2 = (float) b2, c1 = (float) (1 - b1), c2 = (float) (1 - b2), eps = (float) g.eps();
        float l2 = decoupled ? 0f : (float) wd;
        float shrink = decoupled ? (float) (1 - lr * wd) : 1f;
        float[] w = p.value(), gr = p.grad(), mm = m.get(p), vv = v.get(p);
        // Element-wise, so any split is exact; split only large tensors (the pool has a cost).
        int n = w.length, chunk = 1 << 15;
        Parallel.RangeBody body = (c, from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = gr[i] + l2 * w[i];
                float mi = fb1 * mm[i] + c1 * gi;
                float vi = fb2 * vv[i] + c2 * (gi * gi);
                mm[i] = mi;
                vv[i] = vi;
                w[i] = w[i] * shrink - stepSize * (mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps));
            }
        };
        if (n < chunk) body.run(0, 0, n);
        else Parallel.forRange(n, body);
    }

    /** The step count of a parameter (0 before its first update). */
    public long stepCount(Param p) {
        long[] s = steps.get(p);
        if (s == null) throw new IllegalArgumentException("parameter '" + p.name() + "' is not optimised here");
        return s[0];
    }

    /**
     * The optimiser state for a checkpoint: per parameter {@code name.exp_avg}, {@code name.exp_avg_sq}
     * (copies) and {@code name.step} (one value; exact up to 2²⁴ steps).
     */
    public Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : m.keySet()) {
            out.put(p.name() + ".exp_avg", m.get(p).clone());
            out.put(p.name() + ".exp_avg_sq", v.get(p).clone());
            out.put(p.name() + ".step", new float[] {steps.get(p)[0]});
        }
        return out;
    }

    /** Restores a {@link #state()} of an optimiser over parameters of the same names and sizes. */
    public void load(Map<String, float[]> state) {
        List<Runnable> writes = new ArrayList<>();
        for (Param p : m.keySet()) {
            float[] em = entry(state, p.name() + ".exp_avg", p.size());
            float[] ev = entry(state, p.name() + ".exp_avg_sq", p.size());
            float[] es = entry(state, p.name() + ".step", 1);
            if (!(es[0] >= 0) || es[0] != Math.rint(es[0])) {
                throw new UserInputException("optimizer state '" + p.name() + ".step' must be a whole number >= 0, got " + es[0]
                        + ": the checkpoint is damaged");
            }
            writes.add(() -> {
                System.arraycopy(em, 0, m.get(p), 0, em.length);
                System.arraycopy(ev, 0, v.get(p), 0, ev.length);
                steps.get(p)[0] = (long) es[0];
            });
        }
        writes.forEach(Runnable::run); // all checked first: a bad state leaves the optimiser untouched
    }

    private static float[] entry(Map<String, float[]> state, String key, int size) {
        float[] a = state.get(key);
        if (a == null) throw new UserInputException("optimizer state has no '" + key + "': the checkpoint does not match this model");
        if (a.length != size) {
            throw new UserInputException("optimizer state '" + key + "' has " + a.length + " values, the model needs " + size
                    + ": the checkpoint does not match this model");
        }
        return a;
    }
}
