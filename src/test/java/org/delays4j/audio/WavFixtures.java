package org.delays4j.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small WAV fixtures built in the tests: well-formed files and hand-made broken ones. */
public final class WavFixtures {
    private WavFixtures() {}

    /** A sine of {@code hz} at amplitude {@code amp} (full scale 1), {@code seconds} long, as 16-bit PCM. */
    public static short[] tone(double hz, double amp, double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) pcm[i] = (short) Math.round(32767 * amp * Math.sin(2 * Math.PI * hz * i / rate));
        return pcm;
    }

    /** Seeded noise bursts with a syllable-like envelope: a stand-in for speech in the loader tests. */
    public static short[] noiseBurst(long seed, double amp, double seconds, int rate) {
        java.util.Random rnd = new java.util.Random(seed);
        int n = (int) Math.round(seconds * rate);
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            double env = Math.sin(Math.PI * i / n);
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(32767 * amp * env * rnd.nextGaussian() / 3)));
        }
        return pcm;
    }

    /** Writes a valid mono 16-bit PCM WAV (through {@link WavFile#write}). */
    public static Path write(Path file, short[] pcm, int rate) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        WavFile.write(file, pcm, rate);
        return file;
    }

    /**
     * A RIFF/WAVE file made byte by byte: {@code formatTag} (1 PCM, 3 float, 7 µ-law), channels,
     * rate, bits per sample, a data chunk that announces {@code announcedDataBytes} and holds
     * {@code data}.
     */
    public static Path raw(Path file, int formatTag, int channels, int rate, int bits, int announcedDataBytes, byte[] data)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bits / 8;
        b.put("RIFF".getBytes()).putInt(36 + announcedDataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put("data".getBytes()).putInt(announcedDataBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array());
        out.write(data);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.toByteArray());
        return file;
    }
}
