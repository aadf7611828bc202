package org.delays4j.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * Reads and writes mono 16-bit PCM WAV files through {@code javax.sound.sampled}.
 *
 * <p>Only what the datasets use is accepted: one channel, signed 16-bit linear PCM, any integral
 * sample rate. Anything else (stereo, 8-bit, float, µ-law, not a WAV, empty or truncated) is a
 * {@link UserInputException} naming the file and what was found.
 */
public final class WavFile {
    private WavFile() {}

    /** Reads {@code file}; throws {@link UserInputException} for anything but non-empty 16-bit mono PCM. */
    public static Audio read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(name + ": no such WAV file (check the path)");
        }
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat f = in.getFormat();
            checkFormat(name, f);
            long frames = in.getFrameLength();
            if (frames == 0) throw new UserInputException(name + ": the WAV file contains no samples (empty recording); remove it");
            byte[] bytes = in.readAllBytes();
            if (frames != AudioSystem.NOT_SPECIFIED && bytes.length < frames * 2) {
                throw new UserInputException(name + ": truncated WAV file: header announces " + frames
                        + " samples but only " + bytes.length / 2 + " are present; re-export or remove it");
            }
            int n = bytes.length / 2;
            if (n == 0) throw new UserInputException(name + ": the WAV file contains no samples (empty recording); remove it");
            short[] pcm = new short[n];
            boolean big = f.isBigEndian();
            for (int i = 0; i < n; i++) {
                int lo = bytes[2 * i + (big ? 1 : 0)] & 0xff, hi = bytes[2 * i + (big ? 0 : 1)];
                pcm[i] = (short) ((hi << 8) | lo);
            }
            return new Audio(pcm, (int) f.getSampleRate(), name);
        } catch (UnsupportedAudioFileException e) {
            throw new UserInputException(name + ": not a readable WAV file (" + e.getMessage()
                    + "); expected a mono 16-bit PCM WAV", e);
        } catch (NoSuchFileException e) {
            throw new UserInputException(name + ": no such WAV file (check the path)", e);
        } catch (EOFException e) {
            throw new UserInputException(name + ": truncated WAV file (ends inside its header); re-export or remove it", e);
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot read the WAV file (" + e.getMessage() + ")", e);
        }
    }

    private static void checkFormat(String name, AudioFormat f) {
        AudioFormat.Encoding enc = f.getEncoding();
        if (!AudioFormat.Encoding.PCM_SIGNED.equals(enc) || f.getSampleSizeInBits() != 16) {
            String what = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc)
                    ? f.getSampleSizeInBits() + "-bit " + enc : enc + " (compressed or floating point)";
            throw new UserInputException(name + ": unsupported WAV encoding " + what
                    + "; expected 16-bit signed PCM (convert it, e.g. sox IN -b 16 -e signed OUT.wav)");
        }
        if (f.getChannels() != 1) {
            throw new UserInputException(name + ": " + f.getChannels() + " audio channels; expected mono"
                    + " (convert it, e.g. sox IN OUT.wav remix 1)");
        }
        float rate = f.getSampleRate();
        if (!(rate >= 1) || rate != Math.rint(rate)) {
            throw new UserInputException(name + ": invalid sample rate " + rate + " Hz; expected an integral rate such as 8000 or 16000");
        }
    }

    /** Writes {@code pcm} as a mono 16-bit PCM WAV at {@code sampleRate}, atomically. */
    public static void write(Path file, short[] pcm, int sampleRate) throws IOException {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        AudioFormat f = new AudioFormat(sampleRate, 16, 1, true, false);
        AtomicFiles.write(file, out -> {
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), f, pcm.length)) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            }
        });
    }
}
