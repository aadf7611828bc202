package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delays4j.audio.Audio;
import org.delays4j.audio.CochlearEncoder;
import org.delays4j.audio.MelFeatures;
import org.delays4j.audio.SpikeTrain;
import org.delays4j.audio.WavFile;
import org.delays4j.audio.WavFixtures;
import org.delays4j.core.Parallel;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddDatasetTest {
    @TempDir
    Path dir;

    /** 2 speakers × 3 digits × repetitions 0..6: 18 test, 24 train. */
    private Path fixture() throws Exception {
        long seed = 0;
        for (String speaker : new String[] {"ann", "bob"}) {
            for (int digit : new int[] {1, 4, 9}) {
                for (int rep = 0; rep < 7; rep++) {
                    WavFixtures.write(dir.resolve(digit + "_" + speaker + "_" + rep + ".wav"),
                            WavFixtures.noiseBurst(seed++, 0.4, 0.2 + 0.03 * rep, 8000), 8000);
                }
            }
        }
        return dir;
    }

    @Test
    void repetitionsZeroToFourAreTheTestSplit() throws Exception {
        FsddDataset.TrainTest tt = FsddDataset.load(fixture(), FsddDataset.Features.MEL);
        assertThat(tt.test().size()).isEqualTo(2 * 3 * 5);
        assertThat(tt.train().size()).isEqualTo(2 * 3 * 2);
        for (int i = 0; i < tt.test().size(); i++) assertThat(tt.test().repetition(i)).isLessThan(5);
        for (int i = 0; i < tt.train().size(); i++) assertThat(tt.train().repetition(i)).isGreaterThanOrEqualTo(5);
        FsddDataset train = tt.train();
        assertThat(train.classes()).isEqualTo(10);
        for (int i = 0; i < train.size(); i++) {
            String name = train.file(i).getFileName().toString();
            assertThat(train.label(i)).isEqualTo(name.charAt(0) - '0');
            assertThat(name).contains("_" + train.speaker(i) + "_");
        }
    }

    @Test
    void melIsTheGscPipelineAfterUpsamplingAndMel8kIsTheDirectOne() throws Exception {
        fixture();
        FsddDataset mel = FsddDataset.load(dir, FsddDataset.Features.MEL).train();
        FsddDataset direct = FsddDataset.load(dir, FsddDataset.Features.MEL_8K).train();
        MelFeatures gsc = new MelFeatures(MelFeatures.Config.gsc()), d8 = new MelFeatures(MelFeatures.Config.direct8k());
        assertThat(mel.channels()).isEqualTo(140);
        assertThat(direct.length(0)).isEqualTo(101);
        Audio a = WavFile.read(mel.file(0));
        float[] got = new float[101 * 140], got8 = new float[101 * 140];
        mel.frames(0, got, 0, 140);
        direct.frames(0, got8, 0, 140);
        assertThat(got).isEqualTo(gsc.computeFloat(a));
        assertThat(got8).isEqualTo(d8.computeFloat(a));
        // Same content, different route: close in the bands below 3.9 kHz, not identical.
        assertThat(got8).isNotEqualTo(got);
    }

    @Test
    void spikesAreTheEncoderOutputBinnedLikeShd() throws Exception {
        fixture();
        FsddDataset s = FsddDataset.load(dir, FsddDataset.Features.SPIKES).test();
        CochlearEncoder enc = new CochlearEncoder(CochlearEncoder.Config.defaults());
        assertThat(s.channels()).isEqualTo(140);
        for (int i = 0; i < 3; i++) {
            SpikeTrain ref = enc.encode(WavFile.read(s.file(i)));
            int k = s.corpusIndex(i);
            assertThat(s.spikes().units(k)).isEqualTo(ref.units());
            assertThat(s.spikes().times(k)).isEqualTo(ref.times());
            assertThat(s.spikes().label(k)).isEqualTo(s.label(i));
            assertThat(s.spikes().speaker(k)).isEqualTo(java.util.List.of("ann", "bob").indexOf(s.speaker(i)));
            int T = s.length(i);
            assertThat(T).isEqualTo(ref.size() == 0 ? 1 : (int) Math.floor(ref.times()[ref.size() - 1] / 0.01) + 1);
            float[] f = new float[T * 140];
            s.frames(i, f, 0, 140);
            double sum = 0;
            for (float v : f) sum += v;
            assertThat(sum).isEqualTo(ref.size());
            int[] perGroup = new int[140];
            for (int u : ref.units()) perGroup[u / 5]++;
            for (int c = 0; c < 140; c++) {
                double col = 0;
                for (int t = 0; t < T; t++) col += f[t * 140 + c];
                assertThat(col).isEqualTo(perGroup[c]);
            }
        }
    }

    @Test
    void loadingDoesNotDependOnTheThreadCount() throws Exception {
        fixture();
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            FsddDataset one = FsddDataset.load(dir, FsddDataset.Features.SPIKES).train();
            Parallel.setThreads(2);
            int[] calls = new int[1];
            FsddDataset two = FsddDataset.load(dir, FsddDataset.Options.of(FsddDataset.Features.SPIKES), (d, t) -> {
                synchronized (calls) {
                    calls[0]++;
                }
            }).train();
            assertThat(calls[0]).isEqualTo(42);
            assertThat(two.spikes().totalSpikes()).isEqualTo(one.spikes().totalSpikes()).isPositive();
            for (int k = 0; k < one.spikes().size(); k++) {
                assertThat(two.spikes().times(k)).isEqualTo(one.spikes().times(k));
                assertThat(two.spikes().units(k)).isEqualTo(one.spikes().units(k));
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void theSharedRecordingsGiveTheGoldenFeatures() throws Exception {
        Path rec = Golden.shared().resolve("data/fsdd/recordings");
        JsonNode golden = Golden.load(Golden.files("gsc_features.json").getFirst());
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            if (c.get("sample_rate").asInt() != 8000) continue;
            Files.copy(rec.resolve(c.get("source_file").asText()), dir.resolve(c.get("source_file").asText()));
            cases++;
        }
        assertThat(cases).isEqualTo(2);
        FsddDataset.TrainTest tt = FsddDataset.load(dir, FsddDataset.Features.MEL);
        for (JsonNode c : golden.get("cases")) {
            if (c.get("sample_rate").asInt() != 8000) continue;
            String src = c.get("source_file").asText();
            FsddDataset part = src.endsWith("_0.wav") ? tt.test() : tt.train();
            int i = 0;
            while (!part.file(i).endsWith(src)) i++;
            float[] got = new float[101 * 140];
            part.frames(i, got, 0, 140);
            assertThat(Golden.relErr(Golden.tensor(c, "output_db").data(), got)).as(src).isLessThan(1e-6);
        }
    }

    @Test
    void mixedSampleRatesAreRejectedNamingAFile() throws Exception {
        WavFixtures.write(dir.resolve("1_ann_0.wav"), new short[1600], 8000);
        WavFixtures.write(dir.resolve("1_ann_1.wav"), new short[3200], 16000);
        assertThatThrownBy(() -> FsddDataset.load(dir, FsddDataset.Features.SPIKES)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("1_ann_1.wav").hasMessageContaining("16000 Hz").hasMessageContaining("8000 Hz");
        assertThatThrownBy(() -> FsddDataset.load(dir, FsddDataset.Features.MEL_8K)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("1_ann_1.wav").hasMessageContaining("MEL_8K");
    }

    @Test
    void aGscDirectoryIsNotFsdd() throws Exception {
        WavFixtures.write(dir.resolve("yes/abc_nohash_0.wav"), new short[1600], 16000);
        assertThatThrownBy(() -> FsddDataset.load(dir, FsddDataset.Features.MEL)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not FSDD");
    }

    @Test
    void anEmptyRecordingIsNamed() throws Exception {
        WavFixtures.write(dir.resolve("1_ann_0.wav"), new short[1600], 8000);
        WavFixtures.raw(dir.resolve("2_ann_0.wav"), 1, 1, 8000, 16, 0, new byte[0]);
        assertThatThrownBy(() -> FsddDataset.load(dir, FsddDataset.Features.MEL)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("2_ann_0.wav").hasMessageContaining("no samples");
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> new FsddDataset.Options(null, CochlearEncoder.Config.defaults(), 0.01, 5))
                .isInstanceOf(UserInputException.class).hasMessageContaining("features");
        assertThatThrownBy(() -> new FsddDataset.Options(FsddDataset.Features.SPIKES, CochlearEncoder.Config.defaults(), Double.NaN, 5))
                .isInstanceOf(UserInputException.class).hasMessageContaining("dt");
        assertThatThrownBy(() -> FsddDataset.load(dir.resolve("missing"), FsddDataset.Features.MEL))
                .isInstanceOf(UserInputException.class).hasMessageContaining("no such directory");
    }
}
