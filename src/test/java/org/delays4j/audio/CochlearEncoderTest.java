package org.delays4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.delays4j.core.Kernels;
import org.delays4j.core.NaiveOps;
import org.delays4j.core.Ops;
import org.delays4j.core.Parallel;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CochlearEncoderTest {
    private static final CochlearEncoder DEFAULT = new CochlearEncoder(CochlearEncoder.Config.defaults());
    /** Recorded level kept, so loudness matters. */
    private static final CochlearEncoder RAW = new CochlearEncoder(CochlearEncoder.Config.defaults().withLevelDbfs(Double.NaN));

    private static Audio audio(short[] pcm, int rate) {
        return new Audio(pcm, rate, "test");
    }

    /** A speech-like test signal: noise bursts through a few seeded resonances. */
    private static Audio speechLike(long seed, int rate) {
        Random rnd = new Random(seed);
        int n = rate / 2;
        short[] pcm = new short[n];
        double y1 = 0, y2 = 0;
        double f = 300 + rnd.nextDouble() * 900, r = 0.97, c = 2 * r * Math.cos(2 * Math.PI * f / rate);
        for (int i = 0; i < n; i++) {
            double env = Math.pow(Math.sin(Math.PI * i / n), 2);
            double y = env * rnd.nextGaussian() * 0.05 + c * y1 - r * r * y2;
            y2 = y1;
            y1 = y;
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y * 8000)));
        }
        return audio(pcm, rate);
    }

    @Test
    void silenceGivesNoSpikes() {
        Audio silence = audio(new short[8000], 8000);
        assertThat(DEFAULT.encode(silence).size()).isZero();
        assertThat(RAW.encode(silence).size()).isZero();
    }

    @Test
    void faintNoiseAtTheRecordedLevelGivesAlmostNoSpikes() {
        short[] pcm = new short[8000];
        Random rnd = new Random(1);
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) Math.round(rnd.nextGaussian() * 3); // about -80 dBFS
        assertThat(RAW.encode(audio(pcm, 8000)).size()).isLessThan(10);
    }

    @ParameterizedTest
    @ValueSource(doubles = {150, 400, 1000, 2000, 3200})
    void aPureToneExcitesTheChannelsAroundItsFrequency(double hz) {
        Audio tone = audio(WavFixtures.tone(hz, 0.1, 0.5, 8000), 8000);
        SpikeTrain t = DEFAULT.encode(tone);
        double[] fc = DEFAULT.centreFrequencies(8000);
        int[] counts = t.countsPerChannel();
        assertThat(t.size()).isGreaterThan(100);
        int best = 0;
        for (int c = 0; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        double erbOff = Math.abs(ErbScale.hzToErbRate(fc[best]) - ErbScale.hzToErbRate(hz));
        assertThat(erbOff).as("most active channel at %.0f Hz for a %.0f Hz tone", fc[best], hz).isLessThan(1.0);
        long near = 0;
        for (int c = 0; c < counts.length; c++) {
            if (Math.abs(ErbScale.hzToErbRate(fc[c]) - ErbScale.hzToErbRate(hz)) <= 2.0) near += counts[c];
        }
        assertThat((double) near / t.size()).as("share of spikes within 2 ERB of the tone").isGreaterThan(0.9);
    }

    @Test
    void louderGivesMoreSpikesAtTheRecordedLevel() {
        short[] base = speechLike(21, 8000).pcm();
        int previous = 0;
        for (double scale : new double[] {0.5, 1, 2, 4, 8}) {
            short[] pcm = new short[base.length];
            for (int i = 0; i < pcm.length; i++) pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(base[i] * scale)));
            int n = RAW.encode(audio(pcm, 8000)).size();
            assertThat(n).as("spikes at scale " + scale).isGreaterThan(previous);
            previous = n;
        }
    }

    @Test
    void levelNormalisationMakesTheCountIndependentOfTheRecordedLevel() {
        Audio quiet = speechLike(3, 8000);
        short[] loud = quiet.pcm().clone();
        for (int i = 0; i < loud.length; i++) loud[i] = (short) (loud[i] * 2); // exact ×2, no clipping at this level
        SpikeTrain a = DEFAULT.encode(quiet), b = DEFAULT.encode(audio(loud, 8000));
        assertThat(a.size()).isGreaterThan(100);
        assertThat(b.times()).isEqualTo(a.times());
        assertThat(b.units()).isEqualTo(a.units());
    }

    @Test
    void gammatoneHasUnitGainAtItsCentreFrequency() {
        double[] fc = RAW.centreFrequencies(8000);
        for (int ch : new int[] {50, 350, 650}) {
            int n = 8000;
            short[] pcm = new short[n];
            for (int i = 0; i < n; i++) pcm[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * fc[ch] * i / 8000));
            double[] bm = RAW.basilarMembrane(audio(pcm, 8000), ch);
            double peak = 0;
            for (int i = n / 2; i < n; i++) peak = Math.max(peak, Math.abs(bm[i]));
            assertThat(peak / 0.5).as("gain of channel %d at %.0f Hz", ch, fc[ch]).isBetween(0.95, 1.05);
        }
    }

    @Test
    void spikesAreSortedInRangeAndRespectTheRefractoryPeriod() {
        SpikeTrain t = DEFAULT.encode(speechLike(11, 8000));
        assertThat(t.size()).isGreaterThan(500);
        double[] last = new double[t.channels()];
        java.util.Arrays.fill(last, -1);
        double minGap = (Math.round(1.0e-3 * 8000) + 1) / 8000.0;
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.units()[i]).isBetween(0, t.channels() - 1);
            assertThat((double) t.times()[i]).isBetween(0.0, t.duration());
            if (i > 0) {
                assertThat(t.times()[i]).isGreaterThanOrEqualTo(t.times()[i - 1]);
                if (t.times()[i] == t.times()[i - 1]) assertThat(t.units()[i]).isGreaterThan(t.units()[i - 1]);
            }
            int u = t.units()[i];
            if (last[u] >= 0) assertThat(t.times()[i] - last[u]).isGreaterThanOrEqualTo((float) minGap - 1e-6f);
            last[u] = t.times()[i];
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void vectorAndNaiveKernelsGiveIdenticalSpikes(int rate) {
        for (long seed = 0; seed < 3; seed++) {
            Audio a = speechLike(seed, rate);
            for (int channels : new int[] {700, 13, 1}) {
                CochlearEncoder e = new CochlearEncoder(CochlearEncoder.Config.defaults().withChannels(channels));
                SpikeTrain v = e.encode(a, true), n = e.encode(a, false);
                assertThat(v.size()).isEqualTo(n.size());
                assertThat(v.times()).isEqualTo(n.times());
                assertThat(v.units()).isEqualTo(n.units());
                if (channels == 700) assertThat(v.size()).isGreaterThan(100);
            }
        }
    }

    @Test
    void theGlobalSimdSwitchSelectsTheNaiveKernelWithTheSameResult() {
        Audio a = speechLike(5, 8000);
        SpikeTrain v = DEFAULT.encode(a);
        Ops prev = Kernels.use(NaiveOps.INSTANCE);
        try {
            SpikeTrain n = DEFAULT.encode(a);
            assertThat(n.units()).isEqualTo(v.units());
            assertThat(n.times()).isEqualTo(v.times());
        } finally {
            Kernels.use(prev);
        }
    }

    @Test
    void deterministicAcrossRunsAndThreadCounts() {
        Audio[] clips = new Audio[5];
        for (int i = 0; i < clips.length; i++) clips[i] = speechLike(100 + i, 8000);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            SpikeTrain[] one = DEFAULT.encodeAll(clips.length, i -> clips[i], null);
            Parallel.setThreads(3);
            int[] seen = new int[1];
            SpikeTrain[] three = DEFAULT.encodeAll(clips.length, i -> clips[i], (done, total) -> seen[0] = Math.max(seen[0], done));
            assertThat(seen[0]).isEqualTo(clips.length);
            for (int i = 0; i < clips.length; i++) {
                assertThat(three[i].times()).isEqualTo(one[i].times());
                assertThat(three[i].units()).isEqualTo(one[i].units());
                assertThat(DEFAULT.encode(clips[i]).units()).isEqualTo(one[i].units());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void channelsSpanFiftyHertzToNinetyPercentOfNyquist() {
        double[] f8 = DEFAULT.centreFrequencies(8000), f16 = DEFAULT.centreFrequencies(16000);
        assertThat(f8).hasSize(700);
        assertThat(f8[0]).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f8[699]).isCloseTo(3600, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(f16[699]).isCloseTo(7200, org.assertj.core.data.Offset.offset(1e-6));
        for (int i = 1; i < 700; i++) {
            assertThat(f8[i]).isGreaterThan(f8[i - 1]);
            // Even spacing in ERB-rate.
            assertThat(ErbScale.hzToErbRate(f8[i]) - ErbScale.hzToErbRate(f8[i - 1]))
                    .isCloseTo(ErbScale.hzToErbRate(f8[1]) - ErbScale.hzToErbRate(f8[0]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void badSettingsAreUserErrorsNamingTheField() {
        assertThatThrownBy(() -> CochlearEncoder.Config.defaults().withChannels(0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> CochlearEncoder.Config.defaults().withGain(Double.NaN))
                .isInstanceOf(UserInputException.class).hasMessageContaining("gain");
        assertThatThrownBy(() -> CochlearEncoder.Config.defaults().withLevelDbfs(3))
                .isInstanceOf(UserInputException.class).hasMessageContaining("levelDbfs");
        CochlearEncoder lowRate = new CochlearEncoder(CochlearEncoder.Config.defaults());
        assertThatThrownBy(() -> lowRate.encode(audio(new short[10], 100)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("fMin");
    }
}
