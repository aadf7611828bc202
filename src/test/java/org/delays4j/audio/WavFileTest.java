package org.delays4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050})
    void roundTripKeepsEverySampleAndTheRate(int rate) throws Exception {
        Random rnd = new Random(rate);
        short[] pcm = new short[1234];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) rnd.nextInt(65536);
        pcm[0] = Short.MIN_VALUE;
        pcm[1] = Short.MAX_VALUE;
        Audio a = WavFile.read(WavFixtures.write(dir.resolve("x.wav"), pcm, rate));
        assertThat(a.sampleRate()).isEqualTo(rate);
        assertThat(a.pcm()).isEqualTo(pcm);
        assertThat(a.samples()[0]).isEqualTo(-1.0);
        assertThat(a.samples()[1]).isEqualTo(32767 / 32768.0);
        assertThat(a.seconds()).isEqualTo(1234.0 / rate);
    }

    private void assertRejected(Path file, String... fragments) {
        assertThatThrownBy(() -> WavFile.read(file))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(fragments[0])
                .satisfies(e -> {
                    for (String f : fragments) assertThat(e.getMessage()).contains(f);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void stereoIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("stereo.wav"), 1, 2, 8000, 16, 400, new byte[400]), "2 audio channels", "mono");
    }

    @Test
    void eightBitIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("u8.wav"), 1, 1, 8000, 8, 100, new byte[100]), "8-bit", "16-bit signed PCM");
    }

    @Test
    void twentyFourBitIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("s24.wav"), 1, 1, 8000, 24, 300, new byte[300]), "24-bit", "16-bit signed PCM");
    }

    @Test
    void compressedMuLawIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("ulaw.wav"), 7, 1, 8000, 8, 100, new byte[100]), "ULAW", "16-bit signed PCM");
    }

    @Test
    void floatIsRejected() throws Exception {
        Path f = WavFixtures.raw(dir.resolve("float.wav"), 3, 1, 8000, 32, 400, new byte[400]);
        assertThatThrownBy(() -> WavFile.read(f)).isInstanceOf(UserInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("16-bit");
    }

    @Test
    void emptyRecordingIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("empty.wav"), 1, 1, 8000, 16, 0, new byte[0]), "no samples");
    }

    @Test
    void truncatedDataIsRejected() throws Exception {
        assertRejected(WavFixtures.raw(dir.resolve("cut.wav"), 1, 1, 8000, 16, 2000, new byte[200]), "truncated", "1000", "100");
    }

    @Test
    void fileCutInsideItsHeaderIsRejected() throws Exception {
        Path good = WavFixtures.write(dir.resolve("good.wav"), new short[100], 8000);
        Path cut = dir.resolve("header.wav");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(good), 20));
        assertThatThrownBy(() -> WavFile.read(cut)).isInstanceOf(UserInputException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("WAV");
    }

    @Test
    void notAWavIsRejected() throws Exception {
        Path txt = dir.resolve("notes.wav");
        Files.writeString(txt, "this is not audio at all, just some text to fill a header or two....");
        assertRejected(txt, "not a readable WAV file", "mono 16-bit PCM");
    }

    @Test
    void missingFileIsRejected() {
        assertRejected(dir.resolve("nope.wav"), "no such WAV file");
    }
}
