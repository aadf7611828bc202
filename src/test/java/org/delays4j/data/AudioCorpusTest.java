package org.delays4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.delays4j.audio.WavFixtures;
import org.delays4j.testing.Golden;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioCorpusTest {
    @TempDir
    Path dir;

    private void wav(String rel) throws Exception {
        WavFixtures.write(dir.resolve(rel), new short[400], 8000);
    }

    @Test
    void fsddNamesGiveDigitSpeakerAndIndex() throws Exception {
        wav("7_theo_12.wav");
        wav("0_george_3.wav");
        AudioCorpus c = AudioCorpus.scan(dir);
        assertThat(c.layout()).isEqualTo(AudioCorpus.Layout.FSDD);
        assertThat(c.keys()).containsExactly("0_george_3.wav", "7_theo_12.wav");
        assertThat(c.labels()).containsExactly(0, 7);
        assertThat(c.speakers()).containsExactly("george", "theo");
        assertThat(c.fsddIndex(1)).isEqualTo(12);
        assertThat(c.classes()).hasSize(10);
        assertThat(c.speakerNames()).containsExactly("george", "theo");
    }

    @Test
    void theFsddRepositoryRootIsFoundThroughRecordings() throws Exception {
        wav("recordings/1_lucas_0.wav");
        Files.writeString(dir.resolve("README.md"), "fsdd");
        AudioCorpus c = AudioCorpus.scan(dir);
        assertThat(c.layout()).isEqualTo(AudioCorpus.Layout.FSDD);
        assertThat(c.root()).isEqualTo(dir.resolve("recordings"));
    }

    @Test
    void gscDirectoriesGiveSortedWordsAndSpeakerHashes() throws Exception {
        wav("yes/aaaa1111_nohash_0.wav");
        wav("no/bbbb2222_nohash_1.wav");
        wav("no/aaaa1111_nohash_0.wav");
        wav("_background_noise_/white_noise.wav");
        Files.writeString(dir.resolve("validation_list.txt"), "");
        AudioCorpus c = AudioCorpus.scan(dir);
        assertThat(c.layout()).isEqualTo(AudioCorpus.Layout.GSC);
        assertThat(c.classes()).containsExactly("no", "yes");
        assertThat(c.keys()).containsExactly("no/aaaa1111_nohash_0.wav", "no/bbbb2222_nohash_1.wav", "yes/aaaa1111_nohash_0.wav");
        assertThat(c.labels()).containsExactly(0, 0, 1);
        assertThat(c.speakers()).containsExactly("aaaa1111", "bbbb2222", "aaaa1111");
    }

    @Test
    void theSharedSamplesAreDetected() {
        Path data = Golden.shared().resolve("data");
        AudioCorpus gsc = AudioCorpus.scan(data.resolve("gsc_samples"));
        assertThat(gsc.layout()).isEqualTo(AudioCorpus.Layout.GSC);
        assertThat(gsc.classes()).containsExactly("no", "yes");
        assertThat(gsc.size()).isEqualTo(4);
        AudioCorpus fsdd = AudioCorpus.scan(data.resolve("fsdd"));
        assertThat(fsdd.layout()).isEqualTo(AudioCorpus.Layout.FSDD);
        assertThat(fsdd.size()).isEqualTo(3000);
        assertThat(fsdd.speakerNames()).hasSize(6);
    }

    @Test
    void aBadFsddNameIsNamedWithTheExpectedPattern() throws Exception {
        wav("1_lucas_0.wav");
        wav("hello.wav");
        assertThatThrownBy(() -> AudioCorpus.scan(dir)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("hello.wav").hasMessageContaining("{digit}_{speaker}_{index}.wav");
    }

    @Test
    void aBadGscNameIsNamedWithTheExpectedPattern() throws Exception {
        wav("yes/recording1.wav");
        assertThatThrownBy(() -> AudioCorpus.scan(dir)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("recording1.wav").hasMessageContaining("_nohash_");
    }

    @Test
    void aDirectoryWithoutRecordingsSaysWhatWasExpected() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> AudioCorpus.scan(dir)).isInstanceOf(UserInputException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no WAV files").hasMessageContaining("word/*.wav");
    }

    @Test
    void missingOrNonDirectoryPathsAreUserErrors() throws Exception {
        assertThatThrownBy(() -> AudioCorpus.scan(dir.resolve("nope"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("no such directory");
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertThatThrownBy(() -> AudioCorpus.scan(file)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not a directory");
    }
}
