package org.delays4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.delays4j.util.UserInputException;

/**
 * Seeded hold-out splits of a dataset's sample indices. SHD has no validation set (the reference
 * selects its epoch on the test set); holding out part of the training set, by whole speakers when
 * they are known, gives an honest model selection.
 */
public final class Splits {
    private Splits() {}

    /**
     * A split: both index arrays sorted ascending, disjoint, covering the dataset.
     *
     * @param speakerDisjoint whether validation holds whole speakers (no speaker in both parts)
     */
    public record Split(int[] train, int[] validation, boolean speakerDisjoint) {
        /** The training part as a dataset. */
        public Subset trainOf(Dataset ds) {
            return new Subset(ds, train);
        }

        /** The validation part as a dataset. */
        public Subset validationOf(Dataset ds) {
            return new Subset(ds, validation);
        }
    }

    /**
     * Holds out about {@code fraction} of {@code ds} for validation, deterministically from
     * {@code seed}. When every sample has a speaker and there are at least two, whole speakers are
     * held out (in a seeded random order) until the held-out part has at least
     * {@code ceil(fraction · size)} samples, always leaving one speaker for training; otherwise
     * that many samples are drawn at random.
     *
     * @param fraction in [0, 1)
     */
    public static Split validation(Dataset ds, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new UserInputException("validation fraction: must be in [0, 1), got " + fraction);
        }
        int n = ds.size();
        int target = (int) Math.ceil(fraction * n);
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] held = new boolean[n];
        boolean bySpeaker = false;
        Map<String, List<Integer>> bySpk = speakers(ds);
        if (target > 0 && bySpk != null && bySpk.size() >= 2) {
            bySpeaker = true;
            List<String> order = new ArrayList<>(bySpk.keySet()); // sorted: TreeMap
            shuffle(order, rnd);
            int count = 0;
            for (int s = 0; s < order.size() - 1 && count < target; s++) {
                for (int i : bySpk.get(order.get(s))) held[i] = true;
                count += bySpk.get(order.get(s)).size();
            }
        } else if (target > 0) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int k = 0; k < target; k++) held[perm[k]] = true;
        }
        int v = 0;
        for (boolean h : held) if (h) v++;
        int[] train = new int[n - v], val = new int[v];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (held[i]) val[b++] = i;
            else train[a++] = i;
        }
        return new Split(train, val, bySpeaker);
    }

    /** Samples per speaker (speakers sorted), or null when some sample has no speaker. */
    private static Map<String, List<Integer>> speakers(Dataset ds) {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < ds.size(); i++) {
            String s = ds.speaker(i);
            if (s == null) return null;
            m.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
