package org.delays4j.data;

import java.util.stream.IntStream;

/**
 * The one split rule of the Free Spoken Digit Dataset, by a recording's repetition index (the
 * {@code index} of {@code {digit}_{speaker}_{index}.wav}): repetitions 0-4 of every digit and
 * speaker are the conventional test split; 5-9 are our fixed validation split (balanced over
 * digits and speakers, the same for every run); 10 and above are training. FSDD has only 6
 * speakers, all present in the test split, so a speaker-disjoint validation would measure
 * something other than the test split does.
 */
public enum FsddSplit {
    TRAIN, VALIDATION, TEST;

    /** Repetitions below this are test. */
    public static final int TEST_END = 5;
    /** Repetitions from {@link #TEST_END} up to (excluded) this are validation. */
    public static final int VALIDATION_END = 10;

    /** The split of a recording with this repetition index. */
    public static FsddSplit of(int repetition) {
        return repetition < TEST_END ? TEST : repetition < VALIDATION_END ? VALIDATION : TRAIN;
    }

    /** The corpus indices (ascending) of the recordings in this split. */
    public int[] members(AudioCorpus corpus) {
        return IntStream.range(0, corpus.size()).filter(i -> of(corpus.fsddIndex(i)) == this).toArray();
    }
}
