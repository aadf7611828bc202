package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.delays4j.audio.MelFeatures;
import org.delays4j.audio.WavFile;
import org.delays4j.audio.WavFixtures;
import org.delays4j.core.Parallel;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GscDatasetTest {
    @TempDir
    Path root;

    /** 3 words × 4 clips, 2 listed for validation and 2 for test. */
    @BeforeEach
    void fixture() throws Exception {
        long seed = 0;
        for (String word : new String[] {"yes", "no", "up"}) {
            for (int k = 0; k < 4; k++) {
                double seconds = k == 3 ? 0.6 : 1.0;
                WavFixtures.write(root.resolve(word + "/" + "spk" + k + "_nohash_" + k + ".wav"),
                        WavFixtures.noiseBurst(seed++, 0.3, seconds, 16000), 16000);
            }
        }
        WavFixtures.write(root.resolve("_background_noise_/noise.wav"), WavFixtures.noiseBurst(99, 0.1, 2, 16000), 16000);
        Files.writeString(root.resolve("validation_list.txt"), "yes/spk0_nohash_0.wav\nno/spk1_nohash_1.wav\n");
        Files.writeString(root.resolve("testing_list.txt"), "up/spk2_nohash_2.wav\r\nup/spk3_nohash_3.wav\n\n");
    }

    @Test
    void splitsFollowTheListsAndPartitionTheClips() {
        GscDataset train = GscDataset.load(root, GscDataset.Split.TRAIN), valid = GscDataset.load(root, GscDataset.Split.VALID),
                test = GscDataset.load(root, GscDataset.Split.TEST), all = GscDataset.load(root, GscDataset.Split.ALL);
        assertThat(all.size()).isEqualTo(12);
        assertThat(train.size() + valid.size() + test.size()).isEqualTo(12);
        assertThat(valid.size()).isEqualTo(2);
        assertThat(test.size()).isEqualTo(2);
        assertThat(train.classNames()).containsExactly("no", "up", "yes");
        assertThat(test.label(0)).isEqualTo(1);
        assertThat(test.speaker(1)).isEqualTo("spk3");
        assertThat(valid.file(0).toString()).endsWith("spk1_nohash_1.wav");
        assertThat(train.channels()).isEqualTo(140);
        assertThat(train.length(0)).isEqualTo(101);
        assertThat(train.classes()).isEqualTo(3);
    }

    @Test
    void framesAreTheMelPipelineOutputAndTheCacheDoesNotChangeThem() {
        GscDataset cached = GscDataset.load(root, GscDataset.Split.TEST, true);
        GscDataset uncached = GscDataset.load(root, GscDataset.Split.TEST, false);
        MelFeatures mel = new MelFeatures(MelFeatures.Config.gsc());
        for (int i = 0; i < cached.size(); i++) {
            float[] ref = mel.computeFloat(WavFile.read(cached.file(i)));
            assertThat(cached.features(i)).isEqualTo(ref);
            assertThat(cached.features(i)).isSameAs(cached.features(i)); // cached
            assertThat(uncached.features(i)).isEqualTo(ref).isNotSameAs(uncached.features(i));
        }
        // A batch: frame t of sample b at (t·B + b)·C.
        Batch b = Batch.of(cached, new int[] {1, 0});
        assertThat(b.x().T()).isEqualTo(101);
        float[] f1 = cached.features(1);
        for (int t = 0; t < 101; t++) {
            for (int c = 0; c < 140; c++) assertThat(b.x().get(t, 0, c)).isEqualTo(f1[t * 140 + c]);
        }
        assertThat(b.labels()).containsExactly(cached.label(1), cached.label(0));
    }

    @Test
    void precomputeIsParallelReportsProgressAndIsThreadCountIndependent() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            GscDataset one = GscDataset.load(root, GscDataset.Split.ALL).precompute(null);
            Parallel.setThreads(3);
            int[] last = new int[1];
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            GscDataset three = GscDataset.load(root, GscDataset.Split.ALL).precompute((done, total) -> {
                calls.incrementAndGet();
                synchronized (last) {
                    last[0] = Math.max(last[0], done);
                }
                assertThat(total).isEqualTo(12);
            });
            assertThat(calls.get()).isEqualTo(12);
            assertThat(last[0]).isEqualTo(12);
            for (int i = 0; i < one.size(); i++) assertThat(three.features(i)).isEqualTo(one.features(i));
            GscDataset lazy = GscDataset.load(root, GscDataset.Split.ALL);
            lazy.prefetch(new int[] {3, 5});
            assertThat(lazy.features(5)).isEqualTo(one.features(5));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void theSharedSamplesGiveTheGoldenFeatures() {
        Path samples = Golden.shared().resolve("data/gsc_samples");
        GscDataset all = GscDataset.load(samples, GscDataset.Split.ALL);
        assertThat(all.size()).isEqualTo(4);
        JsonNode golden = Golden.load(Golden.files("gsc_features.json").getFirst());
        int matched = 0;
        for (JsonNode c : golden.get("cases")) {
            String src = c.get("source_file").asText();
            for (int i = 0; i < all.size(); i++) {
                if (all.file(i).endsWith(src)) {
                    double err = Golden.relErr(Golden.tensor(c, "output_db").data(), all.features(i));
                    assertThat(err).as(src).isLessThan(1e-6);
                    assertThat(all.classNames().get(all.label(i))).isEqualTo(src.substring(0, src.indexOf('/')));
                    matched++;
                }
            }
        }
        assertThat(matched).isEqualTo(4);
        assertThatThrownBy(() -> GscDataset.load(samples, GscDataset.Split.TRAIN)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("validation_list.txt").hasMessageContaining("ALL");
    }

    @Test
    void aMissingSplitListIsNamed() throws Exception {
        Files.delete(root.resolve("testing_list.txt"));
        assertThatThrownBy(() -> GscDataset.load(root, GscDataset.Split.TRAIN)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("testing_list.txt").hasMessageContaining("not found");
    }

    @Test
    void aListedClipThatIsNotThereIsNamedWithItsLine() throws Exception {
        Files.writeString(root.resolve("validation_list.txt"), "yes/spk0_nohash_0.wav\nyes/ghost_nohash_0.wav\n");
        assertThatThrownBy(() -> GscDataset.load(root, GscDataset.Split.VALID)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("validation_list.txt line 2").hasMessageContaining("ghost_nohash_0.wav");
    }

    @Test
    void aMalformedListLineIsNamed() throws Exception {
        Files.writeString(root.resolve("testing_list.txt"), "just-a-name\n");
        assertThatThrownBy(() -> GscDataset.load(root, GscDataset.Split.TEST)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("testing_list.txt line 1").hasMessageContaining("word/file.wav");
    }

    @Test
    void anEmptySplitIsAUserError() throws Exception {
        Files.writeString(root.resolve("testing_list.txt"), "");
        assertThatThrownBy(() -> GscDataset.load(root, GscDataset.Split.TEST)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("test split is empty");
    }

    @Test
    void aClipAtTheWrongRateIsNamedWhenItsFeaturesAreComputed() throws Exception {
        WavFixtures.write(root.resolve("yes/spk9_nohash_0.wav"), new short[8000], 8000);
        GscDataset all = GscDataset.load(root, GscDataset.Split.ALL);
        int bad = -1;
        for (int i = 0; i < all.size(); i++) if (all.file(i).endsWith("spk9_nohash_0.wav")) bad = i;
        int idx = bad;
        assertThatThrownBy(() -> all.features(idx)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("spk9_nohash_0.wav").hasMessageContaining("8000 Hz").hasMessageContaining("16000");
        assertThatThrownBy(() -> all.precompute(null)).isInstanceOf(UserInputException.class).hasMessageContaining("spk9_nohash_0.wav");
    }

    @Test
    void aBrokenClipIsNamed() throws Exception {
        Files.write(root.resolve("no/spk8_nohash_0.wav"), Arrays.copyOf(Files.readAllBytes(root.resolve("no/spk0_nohash_0.wav")), 30));
        GscDataset all = GscDataset.load(root, GscDataset.Split.ALL);
        assertThatThrownBy(() -> all.precompute(null)).isInstanceOf(UserInputException.class).hasMessageContaining("spk8_nohash_0.wav");
    }

    @Test
    void aDirectoryWithoutWordsIsAUserError() throws Exception {
        Path empty = Files.createDirectories(root.resolve("sub/empty"));
        assertThatThrownBy(() -> GscDataset.load(empty, GscDataset.Split.ALL)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("word/*.wav");
    }
}
