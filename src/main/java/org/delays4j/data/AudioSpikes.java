package org.delays4j.data;

import java.util.concurrent.atomic.AtomicInteger;
import org.delays4j.audio.Audio;
import org.delays4j.audio.CochlearEncoder;
import org.delays4j.audio.Progress;
import org.delays4j.audio.SpikeTrain;
import org.delays4j.audio.WavFile;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;

/**
 * A directory of recordings turned into a {@link SpikeDataset} by the {@link CochlearEncoder}:
 * labels and class names from the {@link AudioCorpus}, speaker ids = index of the speaker's name in
 * {@link AudioCorpus#speakerNames()} (sorted). What {@code delays4j encode} writes and
 * {@link FsddDataset.Features#SPIKES} trains on.
 */
public final class AudioSpikes {
    private AudioSpikes() {}

    /**
     * Reads and encodes every recording of {@code corpus} in parallel over files (the result does
     * not depend on the thread count). All recordings must share one sample rate, since channel
     * frequencies depend on it.
     *
     * @throws UserInputException naming the file for an unreadable recording or a differing rate
     */
    public static SpikeDataset encode(AudioCorpus corpus, CochlearEncoder encoder, Progress progress) {
        int n = corpus.size();
        int[] rates = new int[n];
        SpikeTrain[] trains = new SpikeTrain[n];
        AtomicInteger done = new AtomicInteger();
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                Audio a = WavFile.read(corpus.files().get(i));
                rates[i] = a.sampleRate();
                trains[i] = encoder.encode(a);
                if (progress != null) progress.done(done.incrementAndGet(), n);
            }
        });
        for (int i = 1; i < n; i++) {
            if (rates[i] != rates[0]) {
                throw new UserInputException(corpus.files().get(i) + ": sample rate " + rates[i] + " Hz differs from "
                        + rates[0] + " Hz of " + corpus.files().getFirst() + "; resample the directory to one rate");
            }
        }
        return toDataset(corpus, trains, encoder.config().channels());
    }

    /** The spike trains of {@code corpus}'s recordings (same order) as a dataset. */
    public static SpikeDataset toDataset(AudioCorpus corpus, SpikeTrain[] trains, int channels) {
        if (trains.length != corpus.size()) throw new IllegalArgumentException(trains.length + " trains for " + corpus.size() + " recordings");
        java.util.List<String> names = corpus.speakerNames();
        SpikeDataset.Builder b = SpikeDataset.builder(channels).source(corpus.root().toString())
                .classes(corpus.classes().size()).classNames(corpus.classes());
        for (int i = 0; i < trains.length; i++) {
            b.add(trains[i].times(), trains[i].units(), corpus.labels()[i], java.util.Collections.binarySearch(names, corpus.speakers().get(i)));
        }
        return b.build();
    }
}
